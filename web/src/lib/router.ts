// Hash routes (#/cases/12): the server serves index.html only at /, so the address after # is
// the app's own. parseHash and matchRoute are pure; the hooks live in router-hooks.ts.

export interface Location {
  path: string; // "/cases/12"
  params: URLSearchParams;
}

export function parseHash(hash: string): Location {
  let text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('/')) text = `/${text}`;
  const q = text.indexOf('?');
  const path = q >= 0 ? text.slice(0, q) : text;
  const params = new URLSearchParams(q >= 0 ? text.slice(q + 1) : '');
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return { path: clean || '/', params };
}

// "/cases/:id" against "/cases/12" -> {id: "12"}; null when it does not match.
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) out[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return out;
}

export function href(path: string, params?: URLSearchParams | Record<string, string>): string {
  const search = params instanceof URLSearchParams ? params : new URLSearchParams(params ?? {});
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

// Where the login page sends the user after signing in: only a path inside the app.
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}

// The current place as "/path?query", for the login page's "next".
export function currentPlace(loc: Location): string {
  const q = loc.params.toString();
  return `${loc.path}${q ? `?${q}` : ''}`;
}

export function isPositiveId(text: string | undefined): boolean {
  return !!text && /^[1-9]\d{0,17}$/.test(text);
}

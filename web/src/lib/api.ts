// The client of the Crossroads JSON API (/api/v1): JSON in and out, the session cookie (sent by
// the browser, same origin), the X-CSRF-Token header on every change, errors as ApiError values
// and one hook for "signed out" (any 401), so the app can send the user back to the login page.

export const API_BASE = '/api/v1';

export type ErrorCode =
  | 'invalid_argument'
  | 'not_found'
  | 'unauthenticated'
  | 'permission_denied'
  | 'conflict'
  | 'too_many_requests'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal'
  | 'method_not_allowed'
  | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | string;
  readonly field: string | null;
  readonly lines: string[];

  constructor(status: number, code: string, message: string, field: string | null = null, lines: string[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.lines = lines;
  }
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'too_many_requests',
  503: 'unavailable',
};

// Turns an error answer (status and body text) into an ApiError; copes with bodies that are not
// the documented {"error": {...}} shape (a proxy's HTML page, an empty body).
export function parseError(status: number, bodyText: string): ApiError {
  const fallbackCode = STATUS_CODES[status] ?? (status >= 500 ? 'internal' : 'invalid_argument');
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && 'error' in parsed) {
      const e = (parsed as { error: Record<string, unknown> }).error;
      if (e && typeof e === 'object') {
        const message = typeof e.message === 'string' && e.message ? e.message : `Request failed (HTTP ${status})`;
        const code = typeof e.code === 'string' ? e.code : fallbackCode;
        const field = typeof e.field === 'string' ? e.field : null;
        const lines = Array.isArray(e.lines) ? e.lines.filter((l): l is string => typeof l === 'string') : [];
        return new ApiError(status, code, message, field, lines);
      }
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, fallbackCode, `Request failed (HTTP ${status})`);
}

export type QueryValue = string | number | boolean | null | undefined;

// "?a=1&b=x" from the values that are set (empty strings, null and undefined are left out).
export function buildQuery(params: Record<string, QueryValue> | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown; // JSON-encoded
  rawBody?: string | Blob; // sent as is with contentType
  contentType?: string;
  // A 401 on this call does not trigger onUnauthorized (the login form, the first session probe).
  quietUnauthorized?: boolean;
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  base?: string;
  onUnauthorized?: (error: ApiError) => void;
  xhr?: () => XMLHttpRequest;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private readonly fetchImpl: typeof fetch;
  private readonly base: string;
  private readonly xhrFactory: () => XMLHttpRequest;
  onUnauthorized: ((error: ApiError) => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.base = options.base ?? API_BASE;
    this.onUnauthorized = options.onUnauthorized;
    this.xhrFactory = options.xhr ?? (() => new XMLHttpRequest());
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  get csrf(): string | null {
    return this.csrfToken;
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    return `${this.base}${path}${buildQuery(query)}`;
  }

  private headersFor(method: string, options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    else if (options.rawBody !== undefined) headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
    if (method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    return headers;
  }

  private failed(error: ApiError, options: RequestOptions): never {
    if (error.status === 401 && !options.quietUnauthorized) this.onUnauthorized?.(error);
    throw error;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url(path, options.query), {
        method,
        credentials: 'same-origin',
        headers: this.headersFor(method, options),
        body: options.body !== undefined ? JSON.stringify(options.body) : options.rawBody,
      });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
    }
    const text = await response.text();
    if (!response.ok) this.failed(parseError(response.status, text), options);
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'internal', 'The server sent an answer that is not JSON.');
    }
  }

  get<T>(path: string, query?: Record<string, QueryValue>, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('GET', path, { ...options, query });
  }
  post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    return this.request<T>('POST', path, { ...options, body });
  }
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body });
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body === undefined ? {} : { body });
  }
  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  // A body sent with XMLHttpRequest, for its upload progress events (fetch has none).
  upload<T>(
    path: string,
    body: Blob | string,
    contentType: string,
    query: Record<string, QueryValue> | undefined,
    onProgress: (progress: UploadProgress) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = this.xhrFactory();
      xhr.open('POST', this.url(path, query));
      xhr.withCredentials = true;
      xhr.setRequestHeader('Content-Type', contentType);
      xhr.setRequestHeader('Accept', 'application/json');
      if (this.csrfToken) xhr.setRequestHeader('X-CSRF-Token', this.csrfToken);
      xhr.upload.onprogress = (event: ProgressEvent) => {
        const total = event.lengthComputable ? event.total : typeof body === 'string' ? body.length : body.size;
        onProgress({ loaded: event.loaded, total });
      };
      xhr.onerror = () =>
        reject(new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.'));
      xhr.onload = () => {
        const text = xhr.responseText ?? '';
        if (xhr.status < 200 || xhr.status >= 300) {
          const error = parseError(xhr.status, text);
          if (error.status === 401) this.onUnauthorized?.(error);
          reject(error);
          return;
        }
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          reject(new ApiError(xhr.status, 'internal', 'The server sent an answer that is not JSON.'));
        }
      };
      xhr.send(body);
    });
  }
}

// The one client of the running app.
export const api = new ApiClient();

// A message for a person, from any thrown value.
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

// The form field an API error is about: "properties.birthDate" -> "birthDate" when prefix is
// "properties."; null when the error names no field or another prefix.
export function fieldOf(error: unknown, prefix = ''): string | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  if (!prefix) return error.field;
  return error.field.startsWith(prefix) ? error.field.slice(prefix.length) : null;
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { api } from './lib/api';
import { parseHash, type Location } from './lib/router';
import type { Desk, Schema, Vocabulary } from './lib/types';

export function useLocation(): Location {
  const [loc, setLoc] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setLoc(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return loc;
}

export function navigate(path: string, replace = false): void {
  const target = `#${path}`;
  if (replace) window.location.replace(target);
  else window.location.hash = path;
}

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (value: T) => void;
}

// Runs `load` when `deps` change; a later answer replaces an earlier one, never the reverse.
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((data: T) => setState({ data, error: undefined, loading: false }), []);
  return { ...state, reload, setData };
}

// The closed lists, fetched once per sign-in.
let schemata: Promise<Schema[]> | null = null;
let desks: Promise<Desk[]> | null = null;
let vocabulary: Promise<Vocabulary> | null = null;

export function loadSchemata(): Promise<Schema[]> {
  schemata ??= api.get<{ items: Schema[] }>('/schemata').then((r) => r.items);
  schemata.catch(() => (schemata = null));
  return schemata;
}
export function loadDesks(): Promise<Desk[]> {
  desks ??= api.get<{ items: Desk[] }>('/desks').then((r) => r.items);
  desks.catch(() => (desks = null));
  return desks;
}
export function loadVocabulary(): Promise<Vocabulary> {
  vocabulary ??= api.get<Vocabulary>('/vocabulary');
  vocabulary.catch(() => (vocabulary = null));
  return vocabulary;
}
export function forgetCachedLists(): void {
  schemata = desks = vocabulary = null;
}

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Crossroads` : 'Crossroads';
  }, [title]);
}

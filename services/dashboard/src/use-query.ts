import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { GraphqlError, graphql } from './api/graphql';
import type { Identity } from './api/identity';

/** Answers kept for the page's lifetime, for queries that ask for it (the catalogue: frameworks, teams, skills). */
const cache = new Map<string, unknown>();
/** Requests sent before any component asked (prefetch) and not answered yet, by the same key as the cache. */
const pending = new Map<string, Promise<unknown>>();

const cacheKey = (query: string, variables: Record<string, unknown>, identity: Identity) => JSON.stringify([query, variables, identity]);

/**
 * Sends a cached query now, before React has rendered (the entry module calls it): the first component that asks
 * for it with `{ cache: true }` takes this answer instead of sending its own request. A failure is left to that
 * component, which then asks again.
 */
export function prefetch(query: string, variables: Record<string, unknown>, identity: Identity): void {
  const key = cacheKey(query, variables, identity);
  if (cache.has(key) || pending.has(key)) return;
  pending.set(
    key,
    graphql(query, variables, identity)
      .then((data) => (cache.set(key, data), data))
      .finally(() => pending.delete(key)),
  );
}

export const IdentityContext = createContext<Identity>({ kind: 'visitor' });

export interface QueryResult<T> {
  data: T | undefined;
  error: GraphqlError | undefined;
  /** true while a request is in flight (the previous data stays shown meanwhile). */
  loading: boolean;
  retry: () => void;
}

/**
 * Runs a GraphQL query as the current viewer whenever the query, its variables or the viewer change; a newer
 * request aborts the one before. `skip` waits (e.g. for a form to be complete).
 */
export function useQuery<T>(query: string | null, variables: Record<string, unknown> = {}, options: { cache?: boolean } = {}): QueryResult<T> {
  const identity = useContext(IdentityContext);
  const key = query === null ? null : cacheKey(query, variables, identity);
  const cached = options.cache && key !== null ? (cache.get(key) as T | undefined) : undefined;
  const [state, setState] = useState<{ key: string | null; data: T | undefined; error: GraphqlError | undefined; loading: boolean }>({
    key: cached === undefined ? null : key,
    data: cached,
    error: undefined,
    loading: query !== null && cached === undefined,
  });
  const useCache = Boolean(options.cache);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef({ query, variables, identity });
  latest.current = { query, variables, identity };

  useEffect(() => {
    if (key === null) {
      setState({ key, data: undefined, error: undefined, loading: false });
      return;
    }
    const hit = useCache ? (cache.get(key) as T | undefined) : undefined;
    if (hit !== undefined && attempt === 0) {
      setState({ key, data: hit, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    const { query: q, variables: v, identity: who } = latest.current;
    setState((s) => ({ ...s, loading: true }));
    const sent = useCache && attempt === 0 ? (pending.get(key) as Promise<T> | undefined) : undefined;
    (sent ?? graphql<T>(q!, v, who, controller.signal)).then(
      (data) => {
        if (controller.signal.aborted) return;
        if (useCache) cache.set(key, data);
        setState({ key, data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof GraphqlError ? error : new GraphqlError(error instanceof Error ? error.message : String(error), 'CLIENT_ERROR');
        setState({ key, data: undefined, error: failure, loading: false });
      },
    );
    return () => controller.abort();
  }, [key, attempt, useCache]);

  // A gateway still catching up with its log answers UNAVAILABLE (503): ask again shortly, for a few minutes.
  const unavailable = state.error?.code === 'UNAVAILABLE' && state.key === key;
  useEffect(() => {
    if (!unavailable || attempt >= 60) return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), 3_000);
    return () => clearTimeout(timer);
  }, [unavailable, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, retry };
}

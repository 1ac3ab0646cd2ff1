import { useEffect, type ReactNode } from 'react';
import type { GraphqlError } from '../api/graphql';
import { ErrorState, Loading } from '../components/states';

/** Sets the document's title for a page. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Skills Graph`;
  }, [title]);
}

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  useTitle(title);
  return (
    <div className="page-heading">
      <h1 tabIndex={-1}>{title}</h1>
      {children && <p className="lede">{children}</p>}
    </div>
  );
}

/** Loading, error or the content: what every query-backed block shows. */
export function Async<T>({ result, what, children }: { result: { data: T | undefined; error: GraphqlError | undefined; loading: boolean; retry: () => void }; what: string; children: (data: T) => ReactNode }) {
  if (result.error) return <ErrorState error={result.error} retry={result.retry} what={what} />;
  if (result.data === undefined) return <Loading what={what} />;
  return (
    <div className="async" aria-busy={result.loading} data-loading={result.loading}>
      {children(result.data)}
    </div>
  );
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export const formatMedian = (median: number | null | undefined) => (median === null || median === undefined ? '–' : Number.isInteger(median) ? `L${median}` : `L${median.toFixed(1)}`);

import type { ReactNode } from 'react';
import type { GraphqlError } from '../api/graphql';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <p className="state empty" role="status">
      {children}
    </p>
  );
}

/** Says what went wrong in the viewer's terms: a refusal by role, a missing sign-in, bad input, or a failure. */
export function ErrorState({ error, retry, what }: { error: GraphqlError; retry?: () => void; what: string }) {
  if (error.code === 'FORBIDDEN') {
    return (
      <div className="state error forbidden" role="alert" data-error-code={error.code}>
        <h2>Not for this viewer</h2>
        <p>
          The viewer you chose may not see {what}. The API answered <code>FORBIDDEN</code>: {error.message}
        </p>
        <p>Choose another viewer under “Viewing as” (a director, the promotion panel or an admin, for instance).</p>
      </div>
    );
  }
  if (error.code === 'UNAUTHENTICATED') {
    return (
      <div className="state error" role="alert" data-error-code={error.code}>
        <h2>Sign-in needed</h2>
        <p>
          This gateway needs a bearer token to show {what} (<code>UNAUTHENTICATED</code>: {error.message}). Choose “Bearer token” under
          “Viewing as” and paste a token from your identity provider.
        </p>
      </div>
    );
  }
  if (error.code === 'UNAVAILABLE') {
    return (
      <div className="state loading" role="status" data-error-code={error.code}>
        <span className="spinner" aria-hidden="true" /> Skills Graph is starting (catching up with its event log); {what} will show as soon as it is ready.
      </div>
    );
  }
  if (error.code === 'BAD_USER_INPUT' || error.code === 'NOT_FOUND') {
    return (
      <div className="state error" role="alert" data-error-code={error.code}>
        <h2>{error.code === 'NOT_FOUND' ? 'Not found' : 'The question cannot be answered as asked'}</h2>
        <p>
          {error.message}
          {error.field && (
            <>
              {' '}
              (<code>{error.field}</code>)
            </>
          )}
        </p>
      </div>
    );
  }
  return (
    <div className="state error" role="alert" data-error-code={error.code}>
      <h2>{what[0]!.toUpperCase() + what.slice(1)} could not be loaded</h2>
      <p>
        <code>{error.code}</code>: {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { ApiError } from '../../../src/web-client/api-error.ts';
import { forgetKey } from '../session.ts';
import type { AsyncState } from '../use-async.ts';

export function ErrorMessage({ error }: { error: Error }) {
  const isUnauthorized = error instanceof ApiError && error.isUnauthorized;
  return (
    <div role="alert" className="error">
      <p>{error.message}</p>
      {error instanceof ApiError && error.details.length > 0 && (
        <ul>
          {error.details.map((detail) => (
            <li key={`${detail.path}:${detail.message}`}>
              <code>{detail.path}</code>: {detail.message}
            </li>
          ))}
        </ul>
      )}
      {isUnauthorized && (
        <button
          type="button"
          onClick={() => {
            forgetKey();
            window.location.reload();
          }}
        >
          Log in again
        </button>
      )}
    </div>
  );
}

/** Loading text, the error, or the content for loaded data. */
export function AsyncView<T>({
  state,
  children,
}: {
  state: AsyncState<T>;
  children: (data: T) => ReactNode;
}) {
  switch (state.status) {
    case 'loading':
      return (
        <p className="muted" aria-live="polite">
          Loading…
        </p>
      );
    case 'failed':
      return <ErrorMessage error={state.error} />;
    case 'done':
      return <>{children(state.data)}</>;
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

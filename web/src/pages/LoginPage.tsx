import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../src/web-client/api-error.ts';
import { createApiClient } from '../../../src/web-client/api-client.ts';

/** Asks for an API key and checks it with one cheap call before keeping it. */
export function LoginPage({ onLogin }: { onLogin: (key: string) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError('Enter an API key.');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      await createApiClient({ baseUrl: '', token: trimmed }).listProfiles({ limit: 1 });
      onLogin(trimmed);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.isUnauthorized
          ? 'That key was not accepted. Use the admin key printed by `segmint serve` (or `npm run demo`), or a stored API key.'
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
      setChecking(false);
    }
  };

  return (
    <main id="main" className="login">
      <form onSubmit={submit} aria-describedby="login-help">
        <h1>Segmint</h1>
        <p id="login-help" className="muted">
          Log in with an API key: the admin key printed by <code>segmint serve</code> at start, or a stored
          key.
        </p>
        <label htmlFor="api-key">API key</label>
        <input
          id="api-key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error' : undefined}
          autoFocus
        />
        {error && (
          <p id="login-error" role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={checking}>
          {checking ? 'Checking…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}

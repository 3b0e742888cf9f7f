import { useState, type FormEvent } from 'react';
import { API_KEY_ROLES, apiKeyRoleSchema, type ApiKeyRole } from '../../../src/schema/api-key.ts';
import { AsyncView, ErrorMessage } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../use-async.ts';

/** API keys and privacy requests (both need an admin key; other roles see the server's refusal). */
export function SettingsPage() {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <ApiKeys />
      <PrivacyRequests />
    </section>
  );
}

function ApiKeys() {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('analyst');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const keys = useAsync(() => api.listApiKeys(), [api, version]);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      setVersion((current) => current + 1);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const key = await api.createApiKey({ name: name.trim(), role });
      setCreated(key.key);
      setName('');
    });
  };

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <form className="toolbar" onSubmit={create}>
        <label htmlFor="key-name">Name</label>
        <input id="key-name" required value={name} onChange={(event) => setName(event.target.value)} />
        <label htmlFor="key-role">Role</label>
        <select
          id="key-role"
          value={role}
          onChange={(event) => {
            const parsed = apiKeyRoleSchema.safeParse(event.target.value);
            if (parsed.success) setRole(parsed.data);
          }}
        >
          {API_KEY_ROLES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
        <button type="submit">Create key</button>
      </form>
      {created && (
        <p role="status">
          New key (shown once, copy it now): <code>{created}</code>
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      <AsyncView state={keys}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(key) => key.id}
            columns={[
              { header: 'Name', cell: (key) => key.name },
              { header: 'Role', cell: (key) => key.role },
              { header: 'Key starts', cell: (key) => <code>{key.prefix}…</code> },
              {
                header: 'Last used',
                cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'never'),
              },
              {
                header: 'State',
                cell: (key) =>
                  key.revokedAt ? (
                    `revoked ${formatDateTime(key.revokedAt)}`
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Revoke key ${key.name}`}
                      onClick={() => void act(() => api.revokeApiKey(key.id))}
                    >
                      Revoke
                    </button>
                  ),
              },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

function PrivacyRequests() {
  const api = useApi();
  const requests = useAsync(() => api.listPrivacyRequests(100), [api]);
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">Privacy requests</h2>
      <p className="muted">
        Export or erase a person with <code>segmint privacy export|erase</code> or POST /api/privacy/…; each
        request is listed here with who asked.
      </p>
      <AsyncView state={requests}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(request) => request.id}
            empty="No privacy requests."
            columns={[
              { header: 'Requested', cell: (request) => formatDateTime(request.requestedAt) },
              { header: 'Kind', cell: (request) => request.kind },
              { header: 'Status', cell: (request) => request.status },
              { header: 'By', cell: (request) => request.requestedBy },
              {
                header: 'Subject (hash)',
                cell: (request) => <code>{request.subjectHash.slice(0, 12)}…</code>,
              },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

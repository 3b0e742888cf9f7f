import { useState } from 'react';
import { AsyncView } from '../components/AsyncView.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync, useDebounced } from '../use-async.ts';

/** Emails the capture transport kept instead of sending (development, demos, tests), newest first. */
export function CapturedEmailsPage() {
  const api = useApi();
  const [recipient, setRecipient] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const to = useDebounced(recipient.trim(), 300);
  const emails = useAsync(() => api.listCapturedEmails({ limit: 100, ...(to ? { to } : {}) }), [api, to]);
  return (
    <section aria-labelledby="captured-title">
      <h1 id="captured-title">Captured emails</h1>
      <form role="search" className="toolbar" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="captured-to">Recipient</label>
        <input
          id="captured-to"
          type="search"
          value={recipient}
          placeholder="exact address"
          onChange={(event) => setRecipient(event.target.value)}
        />
      </form>
      <AsyncView state={emails}>
        {(data) =>
          data.length === 0 ? (
            <p className="muted">
              No captured emails. Send with the capture transport (the default in the demo).
            </p>
          ) : (
            <ul className="plain mail-list">
              {data.map((email) => {
                const isOpen = openId === email.messageId;
                return (
                  <li key={email.messageId}>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={isOpen}
                      onClick={() => setOpenId(isOpen ? null : email.messageId)}
                    >
                      <strong>{email.subject ?? '(no subject)'}</strong> — {email.recipient}{' '}
                      <span className="muted">{formatDateTime(email.capturedAt)}</span>
                    </button>
                    {isOpen &&
                      (email.html ? (
                        <iframe
                          title={`Email to ${email.recipient}`}
                          className="email-frame"
                          sandbox=""
                          srcDoc={email.html}
                        />
                      ) : (
                        <pre className="code">{email.text ?? ''}</pre>
                      ))}
                  </li>
                );
              })}
            </ul>
          )
        }
      </AsyncView>
    </section>
  );
}

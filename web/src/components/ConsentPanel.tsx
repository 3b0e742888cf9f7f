import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../use-async.ts';
import { AsyncView } from './AsyncView.tsx';

/** The profile's current consent per purpose and channel, and its topic subscriptions. */
export function ConsentPanel({ profileId }: { profileId: string }) {
  const api = useApi();
  const consent = useAsync(() => api.getProfileConsent(profileId), [api, profileId]);
  return (
    <section aria-labelledby="consent-title">
      <h2 id="consent-title">Consent</h2>
      <AsyncView state={consent}>
        {(data) =>
          data.current.length === 0 && data.subscriptions.length === 0 ? (
            <p className="muted">No consent recorded.</p>
          ) : (
            <ul className="plain" aria-label="Consent">
              {data.current.map((record) => (
                <li key={`${record.purpose}:${record.channel}`}>
                  {record.purpose} · {record.channel}: <strong>{record.status}</strong>{' '}
                  <span className="muted">
                    ({record.source}, {formatDateTime(record.recordedAt)})
                  </span>
                </li>
              ))}
              {data.subscriptions.map((subscription) => (
                <li key={`${subscription.topicName}:${subscription.channel}`}>
                  topic {subscription.topicName} · {subscription.channel}:{' '}
                  <strong>{subscription.status}</strong>
                </li>
              ))}
            </ul>
          )
        }
      </AsyncView>
    </section>
  );
}

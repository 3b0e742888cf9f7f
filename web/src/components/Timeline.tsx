import { useEffect, useState } from 'react';
import type { TimelineEvent } from '../../../src/schema/dashboard.ts';
import { useApi } from '../api-context.tsx';
import { formatDateTime, formatJsonValue } from '../format.ts';
import { ErrorMessage } from './AsyncView.tsx';

const PAGE_SIZE = 30;

function describeEvent(event: TimelineEvent): string {
  if (event.type === 'track') return event.event ?? 'track';
  if (event.type === 'page' || event.type === 'screen')
    return `${event.type} view${event.name ? ` ${event.name}` : ''}`;
  return event.type;
}

/** The profile's events, newest first, loaded a page at a time ("Load older"). */
export function Timeline({ profileId }: { profileId: string }) {
  const api = useApi();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const [nextOffset, setNextOffset] = useState<number | null>(0);
  const [requested, setRequested] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setEvents([]);
    setNextOffset(0);
    setRequested(0);
  }, [profileId]);

  useEffect(() => {
    let isCurrent = true;
    setLoading(true);
    api.getProfileTimeline(profileId, { offset: requested, limit: PAGE_SIZE }).then(
      (page) => {
        if (!isCurrent) return;
        setEvents((previous) => (requested === 0 ? page.events : [...previous, ...page.events]));
        setNextOffset(page.nextOffset);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!isCurrent) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        setLoading(false);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [api, profileId, requested]);

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Event timeline</h2>
      {error && <ErrorMessage error={error} />}
      {events.length === 0 && !loading && <p className="muted">No events.</p>}
      <ol className="timeline">
        {events.map((event) => (
          <li key={event.messageId}>
            <time dateTime={event.occurredAt.toISOString()}>{formatDateTime(event.occurredAt)}</time>
            <strong>{describeEvent(event)}</strong>
            {event.properties && Object.keys(event.properties).length > 0 && (
              <span className="muted props">
                {Object.entries(event.properties)
                  .slice(0, 6)
                  .map(([key, value]) => `${key}: ${formatJsonValue(value)}`)
                  .join(' · ')}
              </span>
            )}
          </li>
        ))}
      </ol>
      {loading && <p className="muted">Loading…</p>}
      {!loading && nextOffset !== null && events.length > 0 && (
        <button type="button" onClick={() => setRequested(nextOffset)}>
          Load older events
        </button>
      )}
    </section>
  );
}

/**
 * The tracking side of recorded outcomes: an `Email Delivered` / `Email Bounced` event per email sent or failed
 * (built here, committed by the caller with commitMessages), and a suppression for each hard bounce.
 */
import type { NormalizedMessage } from '../../schema/messages.ts';
import { TRACKING_EVENT_NAMES } from '../../schema/tracking.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { suppressAddress } from '../../tracking/suppressions.ts';
import {
  identitiesOfProfiles,
  trackingEventFor,
  type OutboxMessageRef,
} from '../../tracking/tracking-event.ts';
import type { OutcomeEntry } from './record-outcome.ts';

/**
 * `rows` are the outbox rows of `entries` as read before their update: the recipient comes from the rendered
 * message when there is one.
 */
export async function trackOutcomes(
  tx: SqlExecutor,
  entries: readonly OutcomeEntry[],
  rows: ReadonlyMap<string, OutboxMessageRef>,
): Promise<NormalizedMessage[]> {
  const tracked: { entry: OutcomeEntry; row: OutboxMessageRef & { recipient: string } }[] = [];
  for (const entry of entries) {
    const { outcome } = entry;
    if (outcome.status !== 'sent' && outcome.status !== 'failed') continue;
    const stored = rows.get(entry.id);
    const recipient = entry.message?.recipient || stored?.recipient;
    if (!stored || stored.channel !== 'email' || !recipient) continue;
    tracked.push({ entry, row: { ...stored, status: outcome.status, recipient } });
  }
  const identities = await identitiesOfProfiles(
    tx,
    tracked.map(({ row }) => row.profile_id),
  );
  const events: NormalizedMessage[] = [];
  for (const { entry, row } of tracked) {
    const { outcome, now } = entry;
    if (outcome.status === 'failed' && outcome.hardBounce) {
      await suppressAddress(tx, {
        channel: row.channel,
        address: row.recipient,
        reason: 'hard_bounce',
        messageId: row.id,
        at: now,
      });
    }
    const identity = identities.get(row.profile_id);
    if (!identity) continue;
    events.push(
      outcome.status === 'sent'
        ? trackingEventFor(
            { message: row, event: TRACKING_EVENT_NAMES.delivered, eventId: `delivered-${row.id}`, at: now },
            identity,
          )
        : trackingEventFor(
            {
              message: row,
              event: TRACKING_EVENT_NAMES.bounced,
              eventId: `bounced-${row.id}`,
              at: now,
              extra: { error: outcome.status === 'failed' ? outcome.error.slice(0, 500) : '' },
            },
            identity,
          ),
    );
  }
  return events;
}

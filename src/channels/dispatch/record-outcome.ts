/**
 * Records what happened to claimed rows, in one transaction and set-wise (a handful of statements for any number
 * of rows: on DuckDB each statement costs about a millisecond and each commit a WAL sync): each row's new status
 * (and, when rendered, the recipient, subject and content sent), the `Email Delivered` / `Email Bounced` tracking
 * events on the profiles, and a suppression for each hard bounce. Only rows still `sending` are updated: if a row's
 * lease ran out and another dispatcher took it over, that dispatcher records its outcome and this one writes
 * nothing for it.
 */
import { commitMessages } from '../../ingest/commit-messages.ts';
import type { NormalizedMessage } from '../../schema/messages.ts';
import { TRACKING_EVENT_NAMES } from '../../schema/tracking.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { suppressAddress } from '../../tracking/suppressions.ts';
import {
  identitiesOfProfiles,
  loadOutboxMessages,
  trackingEventFor,
  type OutboxMessageRef,
} from '../../tracking/tracking-event.ts';
import type { RenderedMessage } from '../channel.ts';

export type OutboxOutcome =
  | { status: 'sent'; providerMessageId?: string | undefined }
  /** Tried again at `until`. A deferral by the send policy was no attempt, so it does not count as one. */
  | { status: 'deferred'; until: Date; error: string; countsAsAttempt: boolean }
  | { status: 'failed'; error: string; hardBounce?: boolean | undefined }
  | { status: 'suppressed'; reason: string }
  | { status: 'skipped'; error: string };

export interface OutcomeEntry {
  id: string;
  outcome: OutboxOutcome;
  message?: RenderedMessage | undefined;
  now: Date;
}

function lastErrorOf(outcome: OutboxOutcome): string | null {
  switch (outcome.status) {
    case 'sent':
      return null;
    case 'deferred':
    case 'failed':
    case 'skipped':
      return outcome.error.slice(0, 1000);
    case 'suppressed':
      return outcome.reason;
    default: {
      const unexpected: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * List parameters cannot hold nulls, so "no value" travels as '' (text) or -1 (epoch milliseconds) and becomes
 * null again in SQL. An empty subject is therefore not written over a stored one, which loses nothing.
 */
async function updateRows(tx: SqlExecutor, entries: readonly OutcomeEntry[]): Promise<Set<string>> {
  const text = (value: string | null | undefined) => value ?? '';
  const millis = (value: Date | null) => (value ? value.getTime() : -1);
  const { dialect } = tx;
  const timestamp = (column: string) =>
    `(case when ${column} < 0 then null else ${dialect.fromEpochMillis(column)} end)`;
  const rows = await tx.query<{ id: string }>(
    `update messages
        set status = v.status,
            recipient = coalesce(nullif(v.recipient, ''), messages.recipient),
            subject = coalesce(nullif(v.subject, ''), messages.subject),
            content = coalesce(cast(nullif(v.content, '') as ${dialect.jsonType}), messages.content),
            attempts = messages.attempts - cast(v.uncounted as integer),
            next_attempt_at = ${timestamp('v.next_attempt_ms')},
            last_error = nullif(v.last_error, ''),
            provider_message_id = coalesce(nullif(v.provider_message_id, ''), messages.provider_message_id),
            sent_at = coalesce(${timestamp('v.sent_ms')}, messages.sent_at),
            updated_at = ${timestamp('v.updated_ms')}
       from (select unnest($1::varchar[]) as id, unnest($2::varchar[]) as status,
                    unnest($3::varchar[]) as recipient, unnest($4::varchar[]) as subject,
                    unnest($5::varchar[]) as content, unnest($6::double precision[]) as uncounted,
                    unnest($7::double precision[]) as next_attempt_ms, unnest($8::varchar[]) as last_error,
                    unnest($9::varchar[]) as provider_message_id, unnest($10::double precision[]) as sent_ms,
                    unnest($11::double precision[]) as updated_ms) v
      where messages.id = v.id and messages.status = 'sending'
      returning messages.id`,
    [
      entries.map((entry) => entry.id),
      entries.map((entry) => entry.outcome.status),
      entries.map((entry) => text(entry.message?.recipient)),
      entries.map((entry) => text(entry.message?.subject)),
      entries.map(({ message }) =>
        message
          ? JSON.stringify({ html: message.html ?? null, text: message.text, headers: message.headers ?? {} })
          : '',
      ),
      entries.map(({ outcome }) => (outcome.status === 'deferred' && !outcome.countsAsAttempt ? 1 : 0)),
      entries.map(({ outcome }) => millis(outcome.status === 'deferred' ? outcome.until : null)),
      entries.map(({ outcome }) => text(lastErrorOf(outcome))),
      entries.map(({ outcome }) => text(outcome.status === 'sent' ? outcome.providerMessageId : null)),
      entries.map(({ outcome, now }) => millis(outcome.status === 'sent' ? now : null)),
      entries.map(({ now }) => now.getTime()),
    ],
  );
  return new Set(rows.map((row) => row.id));
}

/** Delivered / Bounced events of the recorded emails, and a suppression for each hard bounce. */
async function trackOutcomes(
  tx: SqlExecutor,
  entries: readonly OutcomeEntry[],
): Promise<NormalizedMessage[]> {
  const tracked = entries.filter(({ outcome }) => outcome.status === 'sent' || outcome.status === 'failed');
  const rows = new Map(
    (
      await loadOutboxMessages(
        tx,
        tracked.map((entry) => entry.id),
      )
    )
      .filter((row) => row.channel === 'email' && row.recipient !== null)
      .map((row): [string, OutboxMessageRef] => [row.id, row]),
  );
  const identities = await identitiesOfProfiles(
    tx,
    [...rows.values()].map((row) => row.profile_id),
  );
  const events: NormalizedMessage[] = [];
  for (const { id, outcome, now } of tracked) {
    const row = rows.get(id);
    if (!row?.recipient) continue;
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

/**
 * Records several outcomes in one transaction. Returns, per entry, false when the row was no longer ours
 * (someone else recorded it).
 */
export async function recordOutcomes(store: Store, entries: readonly OutcomeEntry[]): Promise<boolean[]> {
  if (entries.length === 0) return [];
  return store.transaction(async (tx) => {
    const ours = await updateRows(tx, entries);
    const events = await trackOutcomes(
      tx,
      entries.filter((entry) => ours.has(entry.id)),
    );
    if (events.length > 0) await commitMessages(tx, events);
    return entries.map((entry) => ours.has(entry.id));
  });
}

/** Returns false when the row was no longer ours (someone else recorded it). */
export async function recordOutcome(store: Store, entry: OutcomeEntry): Promise<boolean> {
  const [recorded] = await recordOutcomes(store, [entry]);
  return recorded ?? false;
}

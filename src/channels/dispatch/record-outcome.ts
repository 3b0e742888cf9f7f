/**
 * Records what happened to claimed rows, in one transaction and set-wise (a handful of statements for any number
 * of rows: on DuckDB each statement costs about a millisecond and each commit a WAL sync): each row's new status
 * (and, when rendered, the recipient, subject and content sent), the deliveries a staging channel left to write
 * (captured emails), the `Email Delivered` / `Email Bounced` tracking events on the profiles, and a suppression for
 * each hard bounce. Only rows still `sending` are updated: if a row's lease ran out and another dispatcher took it
 * over, that dispatcher records its outcome and this one writes nothing for it.
 */
import { commitMessages } from '../../ingest/commit-messages.ts';
import type { Store } from '../../store/store.ts';
import type { RenderedMessage } from '../channel.ts';
import { trackOutcomes } from './outcome-events.ts';
import { rowsStillSending, updateOutcomeRows } from './outcome-rows.ts';
import { writeStagedDeliveries, type StagedDelivery } from './staged-delivery.ts';

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
  /** What a staging channel delivers by writing to the store, written with the outcome. */
  delivery?: StagedDelivery | undefined;
  now: Date;
}

/**
 * Records several outcomes in one transaction. Returns, per entry, false when the row was no longer ours
 * (someone else recorded it).
 */
export async function recordOutcomes(store: Store, entries: readonly OutcomeEntry[]): Promise<boolean[]> {
  if (entries.length === 0) return [];
  return store.transaction(async (tx) => {
    const rows = await rowsStillSending(
      tx,
      entries.map((entry) => entry.id),
    );
    const ours = entries.filter((entry) => rows.has(entry.id));
    await updateOutcomeRows(tx, ours);
    await writeStagedDeliveries(
      tx,
      ours.flatMap((entry) => (entry.delivery ? [entry.delivery] : [])),
    );
    const events = await trackOutcomes(tx, ours, rows);
    if (events.length > 0) await commitMessages(tx, events);
    return entries.map((entry) => rows.has(entry.id));
  });
}

/** Returns false when the row was no longer ours (someone else recorded it). */
export async function recordOutcome(store: Store, entry: OutcomeEntry): Promise<boolean> {
  const [recorded] = await recordOutcomes(store, [entry]);
  return recorded ?? false;
}

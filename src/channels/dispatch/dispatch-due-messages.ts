/**
 * One dispatch step: claim a batch of due outbox rows, decide the send policy for all of them at once, then per
 * chunk render and check suppressions set-wise (plan-dispatch.ts: a fixed handful of queries per chunk, the next
 * chunk prepared while one is sent), send through the rows' channels with bounded concurrency (a pooled SMTP
 * transport keeps all its connections busy), and record the outcomes with group commits
 * (outcome-group-recorder.ts).
 */
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Channel, RenderedMessage } from '../channel.ts';
import { claimDueMessages, type ClaimedMessage } from './claim-due-messages.ts';
import type { RetryPolicy } from './decide-retry.ts';
import type { DispatchPorts } from './dispatch-ports.ts';
import { forEachConcurrentlyChunked } from './for-each-concurrently.ts';
import { OutcomeGroupRecorder } from './outcome-group-recorder.ts';
import { applySendPolicies, prepareMessages, type DispatchPlan } from './plan-dispatch.ts';
import type { OutboxOutcome } from './record-outcome.ts';
import type { TrackingSettings } from './render-outbox-message.ts';
import { outcomeOfError, outcomeOfSend } from './send-outcome.ts';
import { deliver, type StagedDelivery } from './staged-delivery.ts';

/** Rows claimed per step: large enough that the per-batch queries cost little per row, small next to the lease. */
export const DEFAULT_BATCH_SIZE = 500;
/** Sends in flight: a few per pooled SMTP connection (5 by default). */
export const DEFAULT_CONCURRENCY = 20;
/** Rows rendered together; the next chunk renders while one is sent. */
const PREPARE_CHUNK_SIZE = 100;

/** The first chunk is small, so that sending starts soon after the claim. */
function firstChunkSize(options: { concurrency?: number | undefined }): number {
  return Math.min(PREPARE_CHUNK_SIZE, options.concurrency ?? DEFAULT_CONCURRENCY);
}

/** A first chunk of `firstSize` rows, then chunks of PREPARE_CHUNK_SIZE. */
function chunked<T>(items: readonly T[], firstSize: number): T[][] {
  const chunks = [items.slice(0, firstSize)];
  for (let start = firstSize; start < items.length; start += PREPARE_CHUNK_SIZE)
    chunks.push(items.slice(start, start + PREPARE_CHUNK_SIZE));
  return chunks.filter((chunk) => chunk.length > 0);
}

type SendPlan = Extract<DispatchPlan, { send: RenderedMessage }>;

export interface DispatchOptions extends DispatchPorts {
  store: Store;
  clock: Clock;
  channels: ReadonlyMap<string, Channel>;
  tracking: TrackingSettings;
  batchSize?: number;
  concurrency?: number;
  retryPolicy?: RetryPolicy;
  sendingLeaseMs?: number;
  random?: () => number;
}

export type DispatchSummary = Record<OutboxOutcome['status'], number> & { claimed: number };

function emptySummary(claimed: number): DispatchSummary {
  return { claimed, sent: 0, deferred: 0, failed: 0, suppressed: 0, skipped: 0 };
}

export async function dispatchDueMessages(options: DispatchOptions): Promise<DispatchSummary> {
  const { store, clock } = options;
  const claimed = await claimDueMessages(store, {
    now: clock.now(),
    limit: options.batchSize ?? DEFAULT_BATCH_SIZE,
    channels: [...options.channels.keys()],
    ...(options.sendingLeaseMs === undefined ? {} : { sendingLeaseMs: options.sendingLeaseMs }),
  });
  const summary = emptySummary(claimed.length);
  if (claimed.length === 0) return summary;
  const recorder = new OutcomeGroupRecorder(store);
  const record = async (
    row: ClaimedMessage,
    outcome: OutboxOutcome,
    message?: RenderedMessage,
    delivery?: StagedDelivery,
  ) => {
    await recorder.record({ id: row.id, outcome, message, delivery, now: clock.now() });
    summary[outcome.status] += 1;
  };
  // If recording fails, the row is retried with backoff (its staged delivery is not written: it is delivered
  // again on the retry); if even that fails, the step fails and the lease brings the row back.
  const recordOrRetry = (
    row: ClaimedMessage,
    outcome: OutboxOutcome,
    message?: RenderedMessage,
    delivery?: StagedDelivery,
  ) =>
    record(row, outcome, message, delivery).catch((error: unknown) =>
      record(row, outcomeOfError(error, row, options)),
    );

  const failures: unknown[] = [];
  const recordings: Promise<void>[] = [];
  // A sender does not wait for its outcome's commit before the next send: the outcomes finishing meanwhile are
  // committed together (one commit per group, not per email), so the channel stays busy while DuckDB commits.
  // Each recording's failure is caught at once (an unhandled rejection would end the process) and rethrown below.
  const startRecording = (
    plan: DispatchPlan,
    outcome: OutboxOutcome,
    message?: RenderedMessage,
    delivery?: StagedDelivery,
  ) => {
    recordings.push(
      recordOrRetry(plan.row, outcome, message, delivery).catch(
        (error: unknown) => void failures.push(error),
      ),
    );
  };
  const retryAll = (rows: readonly ClaimedMessage[], error: unknown): DispatchPlan[] =>
    rows.map((row) => ({ row, outcome: outcomeOfError(error, row, options) }));

  const { held, allowed } = await applySendPolicies(claimed, options).catch((error: unknown) => ({
    held: retryAll(claimed, error), // the batch's reads failed (the store): every row is retried with backoff
    allowed: [],
  }));
  for (const plan of held) if ('outcome' in plan) startRecording(plan, plan.outcome, plan.message);
  // Sends start after a small first chunk is rendered; each next chunk renders (its queries run) while the one
  // before is being sent, and the senders move on to it without waiting for the rest of the chunk.
  const chunks = chunked(allowed, firstChunkSize(options));
  let chunkIndex = 0;
  const nextChunk = async (): Promise<SendPlan[] | undefined> => {
    const rows = chunks[chunkIndex];
    chunkIndex += 1;
    if (!rows) return undefined;
    const plans = await prepareMessages(rows, options).catch((error: unknown) => retryAll(rows, error));
    for (const plan of plans) if ('outcome' in plan) startRecording(plan, plan.outcome, plan.message);
    return plans.flatMap((plan) => ('send' in plan ? [plan] : []));
  };
  await forEachConcurrentlyChunked(nextChunk, options.concurrency ?? DEFAULT_CONCURRENCY, async (plan) => {
    // Through a promise chain, so that even a channel throwing synchronously yields an outcome.
    const sent = await Promise.resolve(plan.send)
      .then((message) => deliver(plan.channel, message))
      .then(
        (result) => ({
          outcome: outcomeOfSend(result.outcome, plan.row, options),
          delivery: result.delivery,
        }),
        (error: unknown) => ({ outcome: outcomeOfError(error, plan.row, options), delivery: undefined }),
      );
    startRecording(plan, sent.outcome, plan.send, sent.delivery);
  });
  await Promise.all(recordings);
  if (failures.length > 0) throw failures[0];
  return summary;
}

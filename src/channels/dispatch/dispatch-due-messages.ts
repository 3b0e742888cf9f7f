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
import { forEachConcurrently } from './for-each-concurrently.ts';
import { OutcomeGroupRecorder } from './outcome-group-recorder.ts';
import { applySendPolicies, prepareMessages, type DispatchPlan } from './plan-dispatch.ts';
import type { OutboxOutcome } from './record-outcome.ts';
import type { TrackingSettings } from './render-outbox-message.ts';
import { outcomeOfError, outcomeOfSend } from './send-outcome.ts';

/** Rows claimed per step: large enough that the per-batch queries cost little per row, small next to the lease. */
export const DEFAULT_BATCH_SIZE = 500;
/** Sends in flight: a few per pooled SMTP connection (5 by default). */
export const DEFAULT_CONCURRENCY = 20;
/** Rows rendered together; the next chunk renders while one is sent. */
const PREPARE_CHUNK_SIZE = 100;

function chunked<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
}

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
  const record = async (row: ClaimedMessage, outcome: OutboxOutcome, message?: RenderedMessage) => {
    await recorder.record({ id: row.id, outcome, message, now: clock.now() });
    summary[outcome.status] += 1;
  };
  // If recording fails, the row is retried with backoff; if even that fails, the step fails and the lease
  // brings the row back.
  const recordOrRetry = (row: ClaimedMessage, outcome: OutboxOutcome, message?: RenderedMessage) =>
    record(row, outcome, message).catch((error: unknown) => record(row, outcomeOfError(error, row, options)));

  const failures: unknown[] = [];
  const recordings: Promise<void>[] = [];
  // A sender does not wait for its outcome's commit before the next send: the outcomes finishing meanwhile are
  // committed together (one commit per group, not per email), so the channel stays busy while DuckDB commits.
  // Each recording's failure is caught at once (an unhandled rejection would end the process) and rethrown below.
  const startRecording = (plan: DispatchPlan, outcome: OutboxOutcome, message?: RenderedMessage) => {
    recordings.push(
      recordOrRetry(plan.row, outcome, message).catch((error: unknown) => void failures.push(error)),
    );
  };
  const retryAll = (rows: readonly ClaimedMessage[], error: unknown): DispatchPlan[] =>
    rows.map((row) => ({ row, outcome: outcomeOfError(error, row, options) }));

  const { held, allowed } = await applySendPolicies(claimed, options).catch((error: unknown) => ({
    held: retryAll(claimed, error), // the batch's reads failed (the store): every row is retried with backoff
    allowed: [],
  }));
  for (const plan of held) if ('outcome' in plan) startRecording(plan, plan.outcome, plan.message);
  // The next chunk is rendered (its queries run) while this one is being sent.
  const chunks = chunked(allowed, PREPARE_CHUNK_SIZE);
  const prepare = (rows: readonly ClaimedMessage[]) =>
    prepareMessages(rows, options).catch((error: unknown) => retryAll(rows, error));
  let prepared = chunks[0] ? prepare(chunks[0]) : undefined;
  for (let index = 0; prepared; index++) {
    const plans = await prepared;
    const following = chunks[index + 1];
    prepared = following ? prepare(following) : undefined;
    for (const plan of plans) if ('outcome' in plan) startRecording(plan, plan.outcome, plan.message);
    const sends = plans.flatMap((plan) => ('send' in plan ? [plan] : []));
    await forEachConcurrently(sends, options.concurrency ?? DEFAULT_CONCURRENCY, async (plan) => {
      // Through a promise chain, so that even a channel throwing synchronously yields an outcome.
      const outcome = await Promise.resolve(plan.send)
        .then((message) => plan.channel.send(message))
        .then(
          (sent) => outcomeOfSend(sent, plan.row, options),
          (error: unknown) => outcomeOfError(error, plan.row, options),
        );
      startRecording(plan, outcome, plan.send);
    });
  }
  await Promise.all(recordings);
  if (failures.length > 0) throw failures[0];
  return summary;
}

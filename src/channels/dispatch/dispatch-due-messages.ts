/**
 * One dispatch step: claim a batch of due outbox rows, decide set-wise what to do with each (send policy, render,
 * suppression: plan-dispatch.ts, a fixed handful of queries per batch), send the messages through their channels
 * with bounded concurrency (a pooled SMTP transport keeps all its connections busy), and record the outcomes with
 * group commits (outcome-group-recorder.ts).
 */
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Channel, RenderedMessage } from '../channel.ts';
import { claimDueMessages, type ClaimedMessage } from './claim-due-messages.ts';
import type { RetryPolicy } from './decide-retry.ts';
import type { DispatchPorts } from './dispatch-ports.ts';
import { forEachConcurrently } from './for-each-concurrently.ts';
import { OutcomeGroupRecorder } from './outcome-group-recorder.ts';
import { planDispatch, type DispatchPlan } from './plan-dispatch.ts';
import type { OutboxOutcome } from './record-outcome.ts';
import type { TrackingSettings } from './render-outbox-message.ts';
import { outcomeOfError, outcomeOfSend } from './send-outcome.ts';

/** Rows claimed per step: large enough that the per-batch queries cost little per row, small next to the lease. */
export const DEFAULT_BATCH_SIZE = 500;
/** Sends in flight: a few per pooled SMTP connection (5 by default). */
export const DEFAULT_CONCURRENCY = 20;

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

  let plans: DispatchPlan[];
  try {
    plans = await planDispatch(claimed, options);
  } catch (error) {
    // The batch's reads failed (the store): every row is retried with backoff.
    plans = claimed.map((row) => ({ row, outcome: outcomeOfError(error, row, options) }));
  }
  const held = plans.flatMap((plan) => ('outcome' in plan ? [plan] : []));
  const sends = plans.flatMap((plan) => ('send' in plan ? [plan] : []));
  await Promise.all([
    ...held.map((plan) => recordOrRetry(plan.row, plan.outcome, plan.message)),
    forEachConcurrently(sends, options.concurrency ?? DEFAULT_CONCURRENCY, async (plan) => {
      const outcome = await plan.channel.send(plan.send).then(
        (sent) => outcomeOfSend(sent, plan.row, options),
        (error: unknown) => outcomeOfError(error, plan.row, options),
      );
      await recordOrRetry(plan.row, outcome, plan.send);
    }),
  ]);
  return summary;
}

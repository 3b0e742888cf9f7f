/**
 * Decides, set-wise, what happens to claimed rows before anything is sent: the send policy for all rows of the
 * batch at once (`checkSendPolicies`), then, per chunk, rendering of the rows it lets through
 * (`renderOutboxMessages`) and the suppression list for the rendered addresses in one query. A row ends as an
 * outcome to record (no channel, suppressed, deferred, skipped, failed) or as a message to send.
 */
import type { Store } from '../../store/store.ts';
import { readSuppressedAddresses, suppressionKey } from '../../subscriptions/send-policy-facts.ts';
import type { Channel, RenderedMessage } from '../channel.ts';
import type { ClaimedMessage } from './claim-due-messages.ts';
import type { DispatchPorts } from './dispatch-ports.ts';
import type { OutboxOutcome } from './record-outcome.ts';
import { renderOutboxMessages } from './render-outbox-batch.ts';
import type { TrackingSettings } from './render-outbox-message.ts';
import { outcomeOfError, type RetrySettings } from './send-outcome.ts';

export type DispatchPlan =
  | { row: ClaimedMessage; outcome: OutboxOutcome; message?: RenderedMessage | undefined }
  | { row: ClaimedMessage; send: RenderedMessage; channel: Channel };

export interface PlanOptions extends DispatchPorts, RetrySettings {
  store: Store;
  channels: ReadonlyMap<string, Channel>;
  tracking: TrackingSettings;
}

function policyOutcomes(
  rows: readonly ClaimedMessage[],
  decisions: Awaited<ReturnType<DispatchPorts['checkSendPolicies']>>,
): Map<string, OutboxOutcome> {
  const outcomes = new Map<string, OutboxOutcome>();
  rows.forEach((row, index) => {
    const policy = decisions[index];
    if (!policy) throw new Error(`the send policy returned no decision for message ${row.id}`);
    if (policy.decision === 'suppress') outcomes.set(row.id, { status: 'suppressed', reason: policy.reason });
    if (policy.decision === 'defer')
      outcomes.set(row.id, {
        status: 'deferred',
        until: policy.until,
        error: policy.reason,
        countsAsAttempt: false,
      });
  });
  return outcomes;
}

/**
 * The send policy for the whole batch at once (so a profile's rows count against its caps together): the rows it
 * holds back get their outcome, the others are returned to be prepared.
 */
export async function applySendPolicies(
  rows: readonly ClaimedMessage[],
  options: PlanOptions,
): Promise<{ held: DispatchPlan[]; allowed: ClaimedMessage[] }> {
  const held: DispatchPlan[] = [];
  const routable = rows.filter((row) => {
    if (options.channels.has(row.channel)) return true;
    held.push({
      row,
      outcome: { status: 'failed', error: `no channel named '${row.channel}' is configured` },
    });
    return false;
  });
  const decisions = await options.checkSendPolicies(
    options.store,
    routable.map((row) => ({
      profileId: row.profile_id,
      channel: row.channel,
      ...(typeof row.data?.topic === 'string' ? { topic: row.data.topic } : {}),
      now: options.clock.now(),
    })),
  );
  const outcomes = policyOutcomes(routable, decisions);
  const allowed = routable.filter((row) => {
    const outcome = outcomes.get(row.id);
    if (outcome) held.push({ row, outcome });
    return !outcome;
  });
  return { held, allowed };
}

/** Renders rows the policy allowed and checks their rendered addresses against the suppression list. */
export async function prepareMessages(
  rows: readonly ClaimedMessage[],
  options: PlanOptions,
): Promise<DispatchPlan[]> {
  const renderings = await renderOutboxMessages(options.store, rows, options);
  const addresses = [...renderings.values()].flatMap((rendering) =>
    rendering.ok ? [{ channel: rendering.message.channel, address: rendering.message.recipient }] : [],
  );
  const suppressed = await readSuppressedAddresses(options.store, addresses);
  return rows.map((row): DispatchPlan => {
    const channel = options.channels.get(row.channel);
    const rendering = renderings.get(row.id);
    if (!channel || !rendering)
      return { row, outcome: outcomeOfError(new Error('the row was not rendered'), row, options) };
    if (!rendering.ok) {
      return rendering.status === 'error'
        ? { row, outcome: outcomeOfError(rendering.error, row, options) }
        : { row, outcome: { status: rendering.status, error: rendering.error } };
    }
    const reason = suppressed.get(suppressionKey(row.channel, rendering.message.recipient));
    return reason
      ? { row, outcome: { status: 'suppressed', reason }, message: rendering.message }
      : { row, send: rendering.message, channel };
  });
}

/**
 * Decides, set-wise for a claimed batch, what happens to each row before anything is sent: the send policy for
 * all rows at once (`checkSendPolicies`), then rendering of the rows it lets through (`renderOutboxMessages`),
 * then the suppression list for the rendered addresses in one query. A row ends as an outcome to record
 * (no channel, suppressed, deferred, skipped, failed) or as a message to send.
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

export async function planDispatch(
  rows: readonly ClaimedMessage[],
  options: PlanOptions,
): Promise<DispatchPlan[]> {
  const { store, clock } = options;
  const routable = rows.filter((row) => options.channels.has(row.channel));
  const decisions = await options.checkSendPolicies(
    store,
    routable.map((row) => ({
      profileId: row.profile_id,
      channel: row.channel,
      ...(typeof row.data?.topic === 'string' ? { topic: row.data.topic } : {}),
      now: clock.now(),
    })),
  );
  const held = policyOutcomes(routable, decisions);
  const renderings = await renderOutboxMessages(
    store,
    routable.filter((row) => !held.has(row.id)),
    options,
  );
  const addresses = [...renderings.values()].flatMap((rendering) =>
    rendering.ok ? [{ channel: rendering.message.channel, address: rendering.message.recipient }] : [],
  );
  const suppressed = await readSuppressedAddresses(store, addresses);
  return rows.map((row): DispatchPlan => {
    const channel = options.channels.get(row.channel);
    if (!channel)
      return { row, outcome: { status: 'failed', error: `no channel named '${row.channel}' is configured` } };
    const outcome = held.get(row.id);
    if (outcome) return { row, outcome };
    const rendering = renderings.get(row.id);
    if (!rendering)
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

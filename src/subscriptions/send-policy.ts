/**
 * checkSendPolicy: may this message go to this profile on this channel now? The facts (suppression list, consent,
 * topic status, send rule, recent sends, time zone) are read and the decision left to the pure `decideSend`; this
 * is the one-request form of checkSendPolicies (send-policies.ts), which the dispatcher uses for its batches.
 */
import type { SqlExecutor } from '../store/store.ts';
import type { SendDecision } from './decide-send.ts';
import { checkSendPolicies } from './send-policies.ts';
import type { SendPolicyRequest } from './send-policy-facts.ts';

export type { SendDecision } from './decide-send.ts';
export type { SendPolicyRequest } from './send-policy-facts.ts';
export { checkSendPolicies, timeZoneOf } from './send-policies.ts';

export async function checkSendPolicy(
  executor: SqlExecutor,
  request: SendPolicyRequest,
): Promise<SendDecision> {
  const [decision] = await checkSendPolicies(executor, [request]);
  if (!decision) throw new Error('checkSendPolicies returned no decision for one request');
  return decision;
}

/**
 * checkSendPolicies: the send policy for a batch of messages (the dispatcher's claimed rows). The facts are read
 * set-wise (send-policy-facts.ts) and each request is decided by the pure `decideSend`, in order, exactly as
 * checkSendPolicy would decide it alone — with one addition that a one-by-one check cannot see: a request decided
 * "send" counts against the frequency cap of the requests after it (two messages to one profile in one batch must
 * count each other, as they would had the first been sent before the second was checked).
 */
import { decidingConsentRecord } from '../consent/read-consent.ts';
import { CONSENT_CHANNELS, type ConsentChannel, type ConsentPurpose } from '../schema/consent.ts';
import type { SqlExecutor } from '../store/store.ts';
import { decideSend, type ConsentAnswer, type SendDecision } from './decide-send.ts';
import {
  ADDRESS_TRAITS,
  pairKey,
  readSendPolicyFacts,
  suppressionKey,
  type SendPolicyFacts,
  type SendPolicyRequest,
} from './send-policy-facts.ts';
import { isKnownTimeZone } from '../time/zoned-time.ts';

/** Channels that hand personal data to third parties, where CCPA "do not sell or share" applies. */
const SHARING_CHANNELS: readonly string[] = ['webhook', 'ads'];

function isConsentChannel(channel: string): channel is ConsentChannel {
  return channel !== 'all' && (CONSENT_CHANNELS as readonly string[]).includes(channel);
}

/** The profile's IANA time zone (trait `timezone`); UTC when missing or unknown. */
export function timeZoneOf(traits: Record<string, unknown>): string {
  const zone = traits.timezone;
  return typeof zone === 'string' && isKnownTimeZone(zone) ? zone : 'UTC';
}

function decideOne(request: SendPolicyRequest, facts: SendPolicyFacts): SendDecision {
  const traits = facts.traits.get(request.profileId);
  if (!traits) return { decision: 'suppress', reason: 'unknown_profile' };
  const addressTrait = ADDRESS_TRAITS[request.channel];
  const address = addressTrait ? traits[addressTrait] : undefined;
  if (typeof address === 'string' && address.trim() !== '') {
    if (facts.suppressed.has(suppressionKey(request.channel, address)))
      return { decision: 'suppress', reason: 'address_suppressed' };
  }
  const current = facts.consent.get(request.profileId) ?? [];
  const answer = (purpose: ConsentPurpose): ConsentAnswer =>
    isConsentChannel(request.channel)
      ? (decidingConsentRecord(current, purpose, request.channel)?.status ?? 'none')
      : 'none';
  const rule = facts.rules.get(request.channel);
  let topic:
    { status: 'subscribed' | 'unsubscribed' | 'pending' | 'none'; requiresSubscription: boolean } | undefined;
  if (request.topic !== undefined) {
    const found = facts.topics.get(request.topic);
    // A message naming a topic that does not exist must not go out as if it had none.
    if (!found) return { decision: 'suppress', reason: 'unknown_topic' };
    topic = {
      status: facts.subscriptions.get(pairKey(request.profileId, found.id)) ?? 'none',
      requiresSubscription: found.doubleOptIn || (rule?.requireConsent ?? false),
    };
  }
  const cap =
    rule?.maxMessages != null && rule.periodHours != null
      ? { maxMessages: rule.maxMessages, periodHours: rule.periodHours }
      : null;
  const windowStart = cap ? request.now.getTime() - cap.periodHours * 3_600_000 : 0;
  const sentAt = cap
    ? (facts.sentAt.get(pairKey(request.profileId, request.channel)) ?? []).filter(
        (date) => date.getTime() > windowStart && date.getTime() <= request.now.getTime(),
      )
    : [];
  return decideSend({
    now: request.now,
    marketingConsent: answer('marketing'),
    requireConsent: rule?.requireConsent ?? false,
    ...(SHARING_CHANNELS.includes(request.channel) ? { saleSharingConsent: answer('sale_sharing') } : {}),
    ...(topic ? { topic } : {}),
    cap,
    sentAt,
    quietHours:
      rule?.quietStart != null && rule.quietEnd != null
        ? { start: rule.quietStart, end: rule.quietEnd }
        : null,
    timeZone: timeZoneOf(traits),
  });
}

/** One decision per request, in the requests' order. */
export async function checkSendPolicies(
  executor: SqlExecutor,
  requests: readonly SendPolicyRequest[],
): Promise<SendDecision[]> {
  if (requests.length === 0) return [];
  const facts = await readSendPolicyFacts(executor, requests);
  return requests.map((request) => {
    const decision = decideOne(request, facts);
    if (decision.decision === 'send') {
      // Counted as sent at `now` for the requests after it (only capped channels' sends are ever read).
      const key = pairKey(request.profileId, request.channel);
      facts.sentAt.set(key, [...(facts.sentAt.get(key) ?? []), request.now]);
    }
    return decision;
  });
}

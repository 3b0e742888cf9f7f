/**
 * The send decision as a pure function of the facts checkSendPolicy reads from the store: consent and topic status
 * first (a "no" there is final: suppress), then the frequency cap and quiet hours (a "not now": defer to the
 * earliest instant both allow). A freed cap stays free while nothing else is sent, so the earliest instant is the
 * moment the cap frees, moved to the end of quiet hours if it falls inside them.
 */
import type { SubscriptionStatus } from '../schema/subscription.ts';
import { frequencyCapFreesAt, type FrequencyCap } from './frequency-cap.ts';
import { quietHoursEnd, type QuietHours } from './quiet-hours.ts';

export type SuppressReason =
  | 'consent_denied'
  | 'consent_missing'
  | 'do_not_sell_or_share'
  | 'unsubscribed_from_topic'
  | 'subscription_pending'
  | 'not_subscribed'
  /** The address is on the channel's suppression list (hard bounce, one-click unsubscribe, manual block). */
  | 'address_suppressed'
  /** No such profile (erased or merged away and gone). */
  | 'unknown_profile'
  /** The message names a subscription topic that does not exist. */
  | 'unknown_topic';

export type DeferReason = 'frequency_cap' | 'quiet_hours' | 'frequency_cap_then_quiet_hours';

export type SendDecision =
  | { decision: 'send' }
  | { decision: 'defer'; until: Date; reason: DeferReason }
  | { decision: 'suppress'; reason: SuppressReason };

/** A consent answer as read: the latest record, or none. */
export type ConsentAnswer = 'granted' | 'denied' | 'none';

export interface SendFacts {
  now: Date;
  /** Marketing consent for the channel (its own record or the purpose's 'all' record, whichever is later). */
  marketingConsent: ConsentAnswer;
  /** Whether the channel needs a recorded grant (opt-in) rather than only no denial (opt-out). */
  requireConsent: boolean;
  /** "Do not sell or share" applies to channels that hand data to third parties (webhook, ads). */
  saleSharingConsent?: ConsentAnswer;
  /** When the message belongs to a topic: the profile's status on it (none: never subscribed or unsubscribed). */
  topic?: { status: SubscriptionStatus | 'none'; requiresSubscription: boolean };
  cap: FrequencyCap | null;
  /** Send times on this channel within the cap's period before `now`. */
  sentAt: readonly Date[];
  quietHours: QuietHours | null;
  timeZone: string;
}

function suppressReason(facts: SendFacts): SuppressReason | undefined {
  if (facts.marketingConsent === 'denied') return 'consent_denied';
  if (facts.requireConsent && facts.marketingConsent !== 'granted') return 'consent_missing';
  if (facts.saleSharingConsent === 'denied') return 'do_not_sell_or_share';
  if (facts.topic) {
    if (facts.topic.status === 'unsubscribed') return 'unsubscribed_from_topic';
    if (facts.topic.status === 'pending') return 'subscription_pending';
    if (facts.topic.status === 'none' && facts.topic.requiresSubscription) return 'not_subscribed';
  }
  return undefined;
}

export function decideSend(facts: SendFacts): SendDecision {
  const suppress = suppressReason(facts);
  if (suppress) return { decision: 'suppress', reason: suppress };
  const capFreesAt = facts.cap ? frequencyCapFreesAt(facts.now, facts.cap, facts.sentAt) : undefined;
  const earliest = capFreesAt ?? facts.now;
  const quietEnd = facts.quietHours ? quietHoursEnd(earliest, facts.quietHours, facts.timeZone) : undefined;
  if (quietEnd) {
    return {
      decision: 'defer',
      until: quietEnd,
      reason: capFreesAt ? 'frequency_cap_then_quiet_hours' : 'quiet_hours',
    };
  }
  if (capFreesAt) return { decision: 'defer', until: capFreesAt, reason: 'frequency_cap' };
  return { decision: 'send' };
}

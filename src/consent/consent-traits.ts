/**
 * The trait convention for consent in `identify` calls (and imported rows, which become identify calls):
 *
 * - `traits.consent.<key>`: `<key>` is a purpose (`analytics`, `sale_sharing`: every channel), a channel (`email`,
 *   `sms`: marketing on it), or `<channel>_<purpose>` (`email_marketing`, `ads_sale_sharing`);
 * - `traits.subscribed` / `traits.unsubscribed` (booleans): email marketing granted / denied;
 * - `traits.do_not_sell` (CCPA): true denies `sale_sharing` on every channel;
 * - `traits.subscriptions.<topic>`: the profile's subscription to a topic (by name or id).
 *
 * Values: true or "true", "yes", "granted", "opted_in", "subscribed" grant (the values segment conditions accept);
 * false or "false", "no", "denied", "opted_out", "unsubscribed" deny. Anything else is ignored, not rejected:
 * ingestion never fails over a trait. Segment conditions `consented to <key>` use the same keys.
 */
import {
  CONSENT_CHANNELS,
  CONSENT_PURPOSES,
  type ConsentChange,
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentStatus,
} from '../schema/consent.ts';

const GRANTING = ['true', 'yes', 'granted', 'opted_in', 'subscribed'];
const DENYING = ['false', 'no', 'denied', 'opted_out', 'unsubscribed'];

export interface ConsentKey {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
}

export interface TraitConsent {
  changes: ConsentChange[];
  topics: { topic: string; status: 'subscribed' | 'unsubscribed' }[];
}

function isPurpose(value: string): value is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(value);
}

function isChannel(value: string): value is ConsentChannel {
  return (CONSENT_CHANNELS as readonly string[]).includes(value);
}

/** The purpose and channel a consent key names, or undefined when it names none. */
export function consentKeyOf(key: string): ConsentKey | undefined {
  if (isPurpose(key)) return { purpose: key, channel: 'all' };
  if (isChannel(key)) return { purpose: 'marketing', channel: key };
  const separator = key.indexOf('_');
  if (separator < 0) return undefined;
  const channel = key.slice(0, separator);
  const purpose = key.slice(separator + 1);
  return isChannel(channel) && isPurpose(purpose) ? { purpose, channel } : undefined;
}

/** A consent answer from a trait value, or undefined when the value says neither yes nor no. */
export function consentAnswerOf(value: unknown): ConsentStatus | undefined {
  if (value === true) return 'granted';
  if (value === false) return 'denied';
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  if (GRANTING.includes(text)) return 'granted';
  if (DENYING.includes(text)) return 'denied';
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function consentFromTraits(traits: Record<string, unknown>): TraitConsent {
  const changes: ConsentChange[] = [];
  const add = (key: ConsentKey, status: ConsentStatus | undefined) => {
    if (status) changes.push({ ...key, status });
  };
  if (typeof traits.subscribed === 'boolean')
    add({ purpose: 'marketing', channel: 'email' }, consentAnswerOf(traits.subscribed));
  if (typeof traits.unsubscribed === 'boolean')
    add({ purpose: 'marketing', channel: 'email' }, traits.unsubscribed ? 'denied' : 'granted');
  if (traits.do_not_sell === true) add({ purpose: 'sale_sharing', channel: 'all' }, 'denied');
  if (isObject(traits.consent)) {
    for (const [name, value] of Object.entries(traits.consent)) {
      const key = consentKeyOf(name);
      if (key) add(key, consentAnswerOf(value));
    }
  }
  const topics: TraitConsent['topics'] = [];
  if (isObject(traits.subscriptions)) {
    for (const [topic, value] of Object.entries(traits.subscriptions)) {
      const answer = consentAnswerOf(value);
      if (answer) topics.push({ topic, status: answer === 'granted' ? 'subscribed' : 'unsubscribed' });
    }
  }
  return { changes, topics };
}

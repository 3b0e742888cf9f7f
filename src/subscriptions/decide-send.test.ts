import { describe, expect, it } from 'vitest';
import { decideSend, type SendFacts } from './decide-send.ts';

const base: SendFacts = {
  now: new Date('2026-01-06T12:00:00Z'),
  marketingConsent: 'none',
  requireConsent: false,
  cap: { maxMessages: 3, periodHours: 168 },
  sentAt: [],
  quietHours: { start: '21:00', end: '08:00' },
  timeZone: 'UTC',
};
const threeSends = ['2026-01-01T10:00:00Z', '2026-01-03T10:00:00Z', '2026-01-05T10:00:00Z'].map(
  (iso) => new Date(iso),
);

describe('the send decision', () => {
  it('sends when nothing forbids or delays it', () => {
    expect(decideSend(base)).toEqual({ decision: 'send' });
  });

  it('suppresses when marketing consent is denied, whatever the timing', () => {
    expect(decideSend({ ...base, marketingConsent: 'denied', sentAt: threeSends })).toEqual({
      decision: 'suppress',
      reason: 'consent_denied',
    });
  });

  it('suppresses without a recorded grant only where the channel requires opt-in', () => {
    expect(decideSend({ ...base, requireConsent: true })).toEqual({
      decision: 'suppress',
      reason: 'consent_missing',
    });
    expect(decideSend({ ...base, requireConsent: true, marketingConsent: 'granted' })).toEqual({
      decision: 'send',
    });
  });

  it('honours "do not sell or share"', () => {
    expect(decideSend({ ...base, saleSharingConsent: 'denied' })).toEqual({
      decision: 'suppress',
      reason: 'do_not_sell_or_share',
    });
  });

  it('suppresses a topic message to an unsubscribed, pending or (double opt-in) never subscribed profile', () => {
    const topic = (
      status: 'subscribed' | 'unsubscribed' | 'pending' | 'none',
      requiresSubscription = false,
    ) => decideSend({ ...base, topic: { status, requiresSubscription } });
    expect(topic('unsubscribed')).toEqual({ decision: 'suppress', reason: 'unsubscribed_from_topic' });
    expect(topic('pending')).toEqual({ decision: 'suppress', reason: 'subscription_pending' });
    expect(topic('none', true)).toEqual({ decision: 'suppress', reason: 'not_subscribed' });
    expect(topic('none')).toEqual({ decision: 'send' });
    expect(topic('subscribed', true)).toEqual({ decision: 'send' });
  });

  it('defers a capped send to when the cap frees', () => {
    expect(decideSend({ ...base, sentAt: threeSends })).toEqual({
      decision: 'defer',
      until: new Date('2026-01-08T10:00:00Z'),
      reason: 'frequency_cap',
    });
  });

  it('defers to the end of quiet hours', () => {
    expect(decideSend({ ...base, now: new Date('2026-01-06T23:00:00Z') })).toEqual({
      decision: 'defer',
      until: new Date('2026-01-07T08:00:00Z'),
      reason: 'quiet_hours',
    });
  });

  it('defers past quiet hours when the cap frees inside them', () => {
    const lateSends = ['2026-01-01T22:00:00Z', '2026-01-03T10:00:00Z', '2026-01-05T10:00:00Z'].map(
      (iso) => new Date(iso),
    );
    expect(decideSend({ ...base, sentAt: lateSends })).toEqual({
      decision: 'defer',
      until: new Date('2026-01-09T08:00:00Z'),
      reason: 'frequency_cap_then_quiet_hours',
    });
  });

  it('ignores caps and quiet hours that are not configured', () => {
    expect(
      decideSend({
        ...base,
        cap: null,
        quietHours: null,
        sentAt: threeSends,
        now: new Date('2026-01-06T23:00:00Z'),
      }),
    ).toEqual({ decision: 'send' });
  });
});

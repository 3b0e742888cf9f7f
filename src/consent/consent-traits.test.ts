import { describe, expect, it } from 'vitest';
import { consentFromTraits, consentKeyOf } from './consent-traits.ts';

describe('the consent trait convention', () => {
  it('reads purposes, channels and channel_purpose keys', () => {
    expect(consentKeyOf('analytics')).toEqual({ purpose: 'analytics', channel: 'all' });
    expect(consentKeyOf('email')).toEqual({ purpose: 'marketing', channel: 'email' });
    expect(consentKeyOf('ads_sale_sharing')).toEqual({ purpose: 'sale_sharing', channel: 'ads' });
    expect(consentKeyOf('sms_marketing')).toEqual({ purpose: 'marketing', channel: 'sms' });
    expect(consentKeyOf('newsletter')).toBeUndefined();
    expect(consentKeyOf('fax_marketing')).toBeUndefined();
  });

  it('turns identify traits into consent answers and topic subscriptions', () => {
    expect(
      consentFromTraits({
        email: 'a@example.com',
        unsubscribed: true,
        do_not_sell: true,
        consent: {
          sms: 'yes',
          analytics: false,
          email_personalization: 'Granted',
          colour: 'blue',
          push: 'maybe',
        },
        subscriptions: { weekly: true, offers: 'unsubscribed', other: 42 },
      }),
    ).toEqual({
      changes: [
        { purpose: 'marketing', channel: 'email', status: 'denied' },
        { purpose: 'sale_sharing', channel: 'all', status: 'denied' },
        { purpose: 'marketing', channel: 'sms', status: 'granted' },
        { purpose: 'analytics', channel: 'all', status: 'denied' },
        { purpose: 'personalization', channel: 'email', status: 'granted' },
      ],
      topics: [
        { topic: 'weekly', status: 'subscribed' },
        { topic: 'offers', status: 'unsubscribed' },
      ],
    });
  });

  it('finds nothing in traits without consent', () => {
    expect(consentFromTraits({ name: 'Ann', consent: 'yes', subscriptions: ['weekly'] })).toEqual({
      changes: [],
      topics: [],
    });
  });
});

/**
 * A small shop for the table-driven segment suite: five customers whose traits and events cover demographic,
 * psychographic, behavioural and geographic conditions. "Now" is fixed: 2025-03-15 12:00 UTC.
 */
import type { JsonObject } from '../../schema/json.ts';
import type { ReferenceData, ReferenceEvent } from './evaluate-segment.ts';

export const SHOP_NOW = new Date('2025-03-15T12:00:00.000Z');

function daysAgo(days: number): Date {
  return new Date(SHOP_NOW.getTime() - days * 86_400_000);
}

function track(profileId: string, event: string, days: number, properties: JsonObject = {}): ReferenceEvent {
  return { profileId, type: 'track', event, name: null, occurredAt: daysAgo(days), properties };
}

function page(profileId: string, name: string, days: number, properties: JsonObject = {}): ReferenceEvent {
  return { profileId, type: 'page', event: null, name, occurredAt: daysAgo(days), properties };
}

export const EXAMPLE_SHOP: ReferenceData = {
  profiles: [
    {
      id: 'ana',
      traits: {
        country: 'DE',
        city: 'Berlin',
        age: 34,
        plan: 'gold',
        interests: ['yoga', 'books'],
        lifestyle: 'outdoor',
        values: ['sustainability', 'family'],
        birthday: '1990-03-18',
        latitude: 52.52,
        longitude: 13.405,
        consent: { email: true, sms: 'no' },
      },
      computed: { rfm: { segment: 'champions', r: 5 }, churn_risk: 0.1, clv: 1200 },
    },
    {
      id: 'ben',
      traits: {
        country: 'at',
        city: 'Vienna',
        age: '29',
        plan: 'silver',
        interests: 'running shoes',
        birthday: '1985-12-01',
        address: { lat: '48.2082', lon: '16.3738' },
        // 11:30 UTC, half an hour before "now": the offset must be applied.
        last_login: '2025-03-15T13:30:00+02:00',
        consent: { email: 'no' },
      },
      computed: { rfm: { segment: 'at_risk', r: 1 }, churn_risk: 0.8 },
    },
    {
      id: 'cleo',
      traits: {
        address: { country: 'DE', city: 'Munich', state: 'Bavaria' },
        age: 51,
        interests: [],
        birthday: '2000-02-29',
        subscriptions: { newsletter: 'Subscribed' },
        [`it's "odd"; drop`]: 'x',
      },
      computed: {},
    },
    {
      id: 'dan',
      traits: { country: 'FR', age: null, plan: '', renewal_at: '2025-03-20T00:00:00Z' },
      computed: { cluster: 2 },
    },
    { id: 'eve', traits: {}, computed: {} },
  ],
  events: [
    track('ana', 'purchase', 10, { amount: 120, category: 'books' }),
    track('ana', 'purchase', 40, { amount: 300, category: 'garden' }),
    track('ana', 'purchase', 100, { amount: '150', category: 'books' }),
    track('ana', 'Product Viewed', 3, { category: 'books' }),
    track('ana', 'Product Viewed', 12, { category: 'books' }),
    page('ana', 'Pricing', 5, { path: '/pricing' }),
    track('ben', 'purchase', 20, { amount: 'n/a', category: 'shoes' }),
    track('ben', 'purchase', 200, { amount: 50, category: 'shoes' }),
    track('ben', 'Product Viewed', 3, { category: 'shoes' }),
    track('cleo', 'purchase', 150, { amount: 600, category: 'books' }),
    track('cleo', 'Product Viewed', 60, { category: 'books' }),
    page('dan', 'Home', 1),
    // Two days in the future (a skewed device clock): outside every "last N days" window.
    track('eve', 'purchase', -2, { amount: 10 }),
  ],
  segmentMembers: new Map([['vip', new Set(['ana', 'cleo'])]]),
};

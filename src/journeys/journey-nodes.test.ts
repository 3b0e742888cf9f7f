/**
 * Every node type, table-driven: submit events → advance time → run the worker → assert sends and node counts.
 * Each case has its own trigger event and users, so the cases share one store per engine.
 */
import { expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { JourneyDefinitionInput } from '../schema/journey.ts';
import { createSegment } from '../segments/saved/segment-store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { readJsonColumn, saveJourney } from './journey-store.ts';
import { createTestTemplate, DAY, HOUR, JourneyWorld } from './testing/journey-world.ts';

type Action =
  | { track: [user: string, event: string, properties?: Record<string, unknown>] }
  | { identify: [user: string, traits: Record<string, unknown>] }
  | { advance: number }
  | { work: true }
  /** `user:node` of every message the journey queued so far. */
  | { sends: string[] }
  /** The profile's trait has this value. */
  | { trait: [user: string, trait: string, value: unknown] }
  /** The outbox row of the user's message at a node carries this data. */
  | { messageData: [user: string, nodeId: string, data: unknown] };

interface NodeCase {
  name: string;
  segments?: { name: string; text: string }[];
  journey: Omit<JourneyDefinitionInput, 'schemaVersion' | 'name' | 'trigger'> & {
    trigger?: JourneyDefinitionInput['trigger'];
  };
  script: Action[];
  counts?: Record<string, { entered?: number; waiting?: number; exited?: number; converted?: number }>;
}

const WORK = { work: true } as const;

const CASES: NodeCase[] = [
  {
    name: 'delay then send',
    journey: {
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '2d', next: 'welcome' },
        { id: 'welcome', type: 'send', template: 'welcome', next: null },
      ],
    },
    script: [
      { track: ['delay-1', 'start delay then send'] },
      WORK,
      { sends: [] },
      { advance: DAY },
      WORK,
      { sends: [] },
      { advance: DAY + 60_000 },
      WORK,
      { sends: ['delay-1:welcome'] },
    ],
    counts: { wait: { entered: 1, waiting: 0 }, welcome: { entered: 1, exited: 1 } },
  },
  {
    name: 'wait until 09:00 in the profile time zone',
    journey: {
      start: 'morning',
      nodes: [
        { id: 'morning', type: 'wait_until', until: { type: 'time_of_day', time: '09:00' }, next: 'hello' },
        { id: 'hello', type: 'send', template: 'welcome' },
      ],
    },
    script: [
      // The clock starts at 12:00 UTC: 07:00 in New York (09:00 there is 14:00 UTC), 09:00 UTC is tomorrow.
      { identify: ['tz-ny', { timezone: 'America/New_York' }] },
      { identify: ['tz-utc', { timezone: 'Not/AZone' }] },
      { track: ['tz-ny', 'start wait until 09:00 in the profile time zone'] },
      { track: ['tz-utc', 'start wait until 09:00 in the profile time zone'] },
      WORK,
      { advance: 2 * HOUR + 30 * 60_000 },
      WORK,
      { sends: ['tz-ny:hello'] },
      { advance: 19 * HOUR },
      WORK,
      { sends: ['tz-ny:hello', 'tz-utc:hello'] },
    ],
  },
  {
    name: 'wait until a date trait minus 3 days',
    journey: {
      start: 'before',
      nodes: [
        {
          id: 'before',
          type: 'wait_until',
          until: { type: 'date_trait', trait: 'renewal_at', offset: '-3d' },
          next: 'remind',
        },
        { id: 'remind', type: 'send', template: 'welcome' },
      ],
    },
    script: [
      { identify: ['renew-1', { renewal_at: '2025-01-10T12:00:00Z' }] },
      { track: ['renew-1', 'start wait until a date trait minus 3 days'] },
      { track: ['renew-none', 'start wait until a date trait minus 3 days'] },
      WORK,
      // No date: the wait passes at once.
      { sends: ['renew-none:remind'] },
      { advance: 5 * DAY },
      WORK,
      { sends: ['renew-none:remind'] },
      { advance: 2 * DAY },
      WORK,
      { sends: ['renew-1:remind', 'renew-none:remind'] },
    ],
    counts: { before: { entered: 2 }, remind: { entered: 2, exited: 2 } },
  },
  {
    name: 'wait for an order with a timeout',
    journey: {
      start: 'order',
      nodes: [
        {
          id: 'order',
          type: 'wait_for_event',
          event: 'Order Completed',
          where: [{ property: ['total'], predicate: { op: 'gt', value: 100 } }],
          timeout: '1d',
          next: 'thanks',
          timeoutNext: 'reminder',
        },
        { id: 'thanks', type: 'send', template: 'welcome' },
        { id: 'reminder', type: 'send', template: 'abandoned-cart' },
      ],
    },
    script: [
      { track: ['cart-buys', 'start wait for an order with a timeout'] },
      { track: ['cart-small', 'start wait for an order with a timeout'] },
      { track: ['cart-idle', 'start wait for an order with a timeout'] },
      WORK,
      { advance: 2 * HOUR },
      { track: ['cart-buys', 'Order Completed', { total: 150 }] },
      { track: ['cart-small', 'Order Completed', { total: 50 }] },
      WORK,
      { sends: ['cart-buys:thanks'] },
      { advance: DAY },
      WORK,
      { sends: ['cart-buys:thanks', 'cart-idle:reminder', 'cart-small:reminder'] },
    ],
    counts: { order: { entered: 3, waiting: 0 }, thanks: { entered: 1 }, reminder: { entered: 2 } },
  },
  {
    name: 'branch on a trait',
    journey: {
      start: 'plan',
      nodes: [
        { id: 'plan', type: 'branch', condition: 'plan = "pro"', then: 'pro', else: 'basic' },
        { id: 'pro', type: 'send', template: 'welcome' },
        { id: 'basic', type: 'send', template: 'win-back' },
      ],
    },
    script: [
      { identify: ['branch-pro', { plan: 'pro' }] },
      { identify: ['branch-free', { plan: 'free' }] },
      { track: ['branch-pro', 'start branch on a trait'] },
      { track: ['branch-free', 'start branch on a trait'] },
      WORK,
      { sends: ['branch-free:basic', 'branch-pro:pro'] },
    ],
    counts: { plan: { entered: 2 }, pro: { entered: 1, exited: 1 }, basic: { entered: 1, exited: 1 } },
  },
  {
    name: 'branch on segment membership',
    segments: [{ name: 'branch big spenders', text: 'sum(purchase.amount) > 100' }],
    journey: {
      start: 'vip',
      nodes: [
        {
          id: 'vip',
          type: 'branch',
          condition: { schemaVersion: 1, condition: { type: 'segment', segment: 'branch big spenders' } },
          then: 'vip-mail',
          else: null,
        },
        { id: 'vip-mail', type: 'send', template: 'welcome' },
      ],
    },
    script: [
      { track: ['seg-big', 'purchase', { amount: 500 }] },
      { track: ['seg-small', 'purchase', { amount: 5 }] },
      { track: ['seg-big', 'start branch on segment membership'] },
      { track: ['seg-small', 'start branch on segment membership'] },
      WORK,
      { sends: ['seg-big:vip-mail'] },
    ],
    counts: { vip: { entered: 2, exited: 1 }, 'vip-mail': { entered: 1, exited: 1 } },
  },
  {
    name: 'update a trait, call a webhook, exit',
    journey: {
      start: 'mark',
      nodes: [
        { id: 'mark', type: 'update_trait', trait: 'onboarded', value: { at: 'journey' }, next: 'hook' },
        {
          id: 'hook',
          type: 'webhook',
          url: 'https://crm.example/hooks/onboarded',
          body: { ok: true },
          next: 'done',
        },
        { id: 'done', type: 'exit' },
      ],
    },
    script: [
      { track: ['effects-1', 'start update a trait, call a webhook, exit'] },
      WORK,
      { sends: ['effects-1:hook'] },
    ],
    counts: { mark: { entered: 1 }, hook: { entered: 1 }, done: { entered: 1, exited: 1 } },
  },
  {
    name: 'leaves the trigger segment',
    segments: [{ name: 'exit trial users', text: 'plan = "trial"' }],
    journey: {
      trigger: { type: 'segment_entered', segment: 'exit trial users' },
      exit: { leavesTriggerSegment: true },
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1d', next: 'nudge' },
        { id: 'nudge', type: 'send', template: 'welcome' },
      ],
    },
    script: [
      { identify: ['trial-stays', { plan: 'trial' }] },
      { identify: ['trial-pays', { plan: 'trial' }] },
      WORK,
      { advance: HOUR },
      { identify: ['trial-pays', { plan: 'paid' }] },
      WORK,
      { advance: DAY },
      WORK,
      { sends: ['trial-stays:nudge'] },
    ],
    counts: { wait: { entered: 2, exited: 1 }, nudge: { entered: 1, exited: 1 } },
  },
  {
    name: 'converts',
    journey: {
      exit: { conversion: { event: 'Order Completed' } },
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1d', next: 'nudge' },
        { id: 'nudge', type: 'send', template: 'welcome' },
      ],
    },
    script: [
      { track: ['conv-buys', 'start converts'] },
      { track: ['conv-waits', 'start converts'] },
      WORK,
      { advance: HOUR },
      { track: ['conv-buys', 'Order Completed', { revenue: 20 }] },
      WORK,
      { advance: DAY },
      WORK,
      { sends: ['conv-waits:nudge'] },
    ],
    counts: { wait: { entered: 2, converted: 1 }, nudge: { entered: 1, exited: 1 } },
  },
  {
    name: 'segment exited trigger',
    segments: [{ name: 'exit active users', text: 'status = "active"' }],
    journey: {
      trigger: { type: 'segment_exited', segment: 'exit active users' },
      start: 'miss-you',
      nodes: [{ id: 'miss-you', type: 'send', template: 'win-back' }],
    },
    script: [
      { identify: ['lapse-1', { status: 'active' }] },
      WORK,
      { sends: [] },
      { identify: ['lapse-1', { status: 'lapsed' }] },
      WORK,
      { sends: ['lapse-1:miss-you'] },
    ],
  },
  {
    name: 'birthday',
    journey: {
      trigger: { type: 'date_anniversary', trait: 'birthday', daysBefore: 0 },
      entry: { type: 'every_time' },
      start: 'cake',
      nodes: [{ id: 'cake', type: 'send', template: 'birthday' }],
    },
    script: [
      { identify: ['bday-jan3', { birthday: '1990-01-03' }] },
      { identify: ['bday-jun', { birthday: '1985-06-15' }] },
      WORK,
      { sends: [] },
      { advance: 2 * DAY },
      WORK,
      WORK,
      { sends: ['bday-jan3:cake'] },
    ],
  },
];

function traitsOf(column: unknown): Record<string, unknown> {
  const value = readJsonColumn(column);
  return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value)) : {};
}

describeEachEngine('journey nodes', (getStore) => {
  const clock = new ManualClock('2025-01-01T12:00:00Z');
  let world: JourneyWorld;

  it('has the templates the cases send', async () => {
    world = new JourneyWorld(getStore(), clock);
    for (const name of ['welcome', 'abandoned-cart', 'win-back', 'birthday'])
      await createTestTemplate(getStore(), name);
  });

  for (const testCase of CASES) {
    it(`runs "${testCase.name}"`, async () => {
      const store = getStore();
      // Every case starts at the same time (earlier cases' journeys have cursors ahead of it and stay idle).
      clock.set('2025-01-01T12:00:00Z');
      for (const segment of testCase.segments ?? [])
        await createSegment(store, segment, { now: clock.now() });
      const { journey } = await saveJourney(
        store,
        {
          schemaVersion: 1,
          name: testCase.name,
          trigger: { type: 'event', event: `start ${testCase.name}` },
          ...testCase.journey,
        },
        { now: clock.now() },
      );
      for (const [index, action] of testCase.script.entries()) {
        if ('track' in action) await world.track(...action.track);
        else if ('identify' in action) await world.identify(...action.identify);
        else if ('advance' in action) world.advance(action.advance);
        else if ('work' in action) await world.work();
        else if ('trait' in action) {
          const [user, trait, value] = action.trait;
          const [row] = await store.query<{ traits: unknown }>('select traits from profiles where id = $1', [
            await world.profileId(user),
          ]);
          expect(traitsOf(row?.traits)[trait], `trait ${trait} after action ${index}`).toEqual(value);
        } else if ('messageData' in action) {
          const [user, nodeId, data] = action.messageData;
          const [row] = await store.query<{ data: unknown }>(
            'select data from messages where profile_id = $1 and node_id = $2 and journey_id = $3',
            [await world.profileId(user), nodeId, journey.id],
          );
          expect(readJsonColumn(row?.data)).toEqual(data);
        } else {
          const sends = (await world.sends(journey.id)).map((send) => `${send.userId}:${send.nodeId}`);
          expect(sends, `sends after action ${index}`).toEqual(action.sends);
        }
      }
      if (testCase.counts) {
        const counts = await world.nodeCounts(journey.id);
        for (const [nodeId, expected] of Object.entries(testCase.counts)) {
          expect(counts[nodeId], `counts of ${nodeId}`).toMatchObject(expected);
        }
      }
    });
  }
});

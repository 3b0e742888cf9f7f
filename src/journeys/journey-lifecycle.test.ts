/** Entry rules, holdout, versions, pause/resume/archive — on both engines, with a fake clock. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import type { JourneyDefinitionInput } from '../schema/journey.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { isHeldOut } from './deterministic-hash.ts';
import { isInGlobalHoldout, setGlobalHoldoutPercent } from './global-holdout.ts';
import { changeJourneyStatus } from './journey-status.ts';
import { saveJourney } from './journey-store.ts';
import { createTestTemplate, DAY, HOUR, JourneyWorld } from './testing/journey-world.ts';

function sendOnEvent(name: string, extra: Partial<JourneyDefinitionInput> = {}): JourneyDefinitionInput {
  return {
    schemaVersion: 1,
    name,
    trigger: { type: 'event', event: `start ${name}` },
    start: 'mail',
    nodes: [{ id: 'mail', type: 'send', template: 'welcome' }],
    ...extra,
  };
}

describeEachEngine('journey lifecycle', (getStore) => {
  const clock = new ManualClock('2025-03-01T08:00:00Z');
  let world: JourneyWorld;
  beforeAll(async () => {
    world = new JourneyWorld(getStore(), clock);
    await createTestTemplate(getStore(), 'welcome');
    await createTestTemplate(getStore(), 'win-back');
  });
  const save = async (definition: JourneyDefinitionInput) =>
    (await saveJourney(getStore(), definition, { now: clock.now() })).journey;

  describe('entry rules', () => {
    const cases = [
      { rule: { type: 'once' }, expected: 1 },
      { rule: { type: 'every_time' }, expected: 3 },
      // Entries at day 0, 1 and 8: the one at day 1 is within 7 days of the first.
      { rule: { type: 'once_per', days: 7 }, expected: 2 },
    ] as const;
    for (const { rule, expected } of cases) {
      it(`with "${rule.type}" starts ${expected} of 3 entries at days 0, 1 and 8`, async () => {
        clock.set('2025-03-01T08:00:00Z');
        const name = `entry ${rule.type}`;
        const journey = await save(sendOnEvent(name, { entry: rule }));
        for (const day of [0, 1, 7]) {
          world.advance(day * DAY);
          await world.track('entry-user', `start ${name}`);
          await world.work();
        }
        expect(await world.sends(journey.id)).toHaveLength(expected);
      });
    }
    it('starts one run when the same trigger is scanned twice (overlapping windows)', async () => {
      clock.set('2025-03-01T08:00:00Z');
      const journey = await save(sendOnEvent('rescan', { entry: { type: 'every_time' } }));
      await world.track('rescan-user', 'start rescan');
      await world.work();
      world.advance(30_000);
      await world.work();
      expect(await world.sends(journey.id)).toHaveLength(1);
    });
  });

  it('holds out a deterministic share of profiles: recorded as holdout runs, sent nothing', async () => {
    clock.set('2025-03-01T08:00:00Z');
    const journey = await save(sendOnEvent('holdout', { holdoutPercent: 30 }));
    const users = Array.from({ length: 40 }, (_, index) => `holdout-${index}`);
    await world.submit(...users.map((userId) => ({ type: 'track', userId, event: 'start holdout' })));
    await world.work();
    const expectedHeldOut: string[] = [];
    for (const userId of users) {
      if (isHeldOut(journey.id, await world.profileId(userId), 30)) expectedHeldOut.push(userId);
    }
    expect(expectedHeldOut.length).toBeGreaterThan(3);
    expect(expectedHeldOut.length).toBeLessThan(25);
    const sent = new Set((await world.sends(journey.id)).map((send) => send.userId));
    expect(users.filter((userId) => !sent.has(userId)).sort()).toEqual(expectedHeldOut.sort());
    const [row] = await getStore().query<{ n: number }>(
      "select count(*) as n from journey_runs where journey_id = $1 and status = 'holdout'",
      [journey.id],
    );
    expect(Number(row?.n)).toBe(expectedHeldOut.length);
  });

  it('holds the same people out of every journey with the global holdout', async () => {
    clock.set('2025-03-01T08:00:00Z');
    await setGlobalHoldoutPercent(getStore(), 40);
    try {
      const first = await save(sendOnEvent('global one'));
      const second = await save(sendOnEvent('global two'));
      const users = Array.from({ length: 30 }, (_, index) => `global-${index}`);
      await world.submit(
        ...users.flatMap((userId) => [
          { type: 'track' as const, userId, event: 'start global one' },
          { type: 'track' as const, userId, event: 'start global two' },
        ]),
      );
      await world.work();
      const heldOut: string[] = [];
      for (const userId of users) {
        if (isInGlobalHoldout(await world.profileId(userId), 40)) heldOut.push(userId);
      }
      expect(heldOut.length).toBeGreaterThan(3);
      expect(heldOut.length).toBeLessThan(27);
      for (const journey of [first, second]) {
        const sent = new Set((await world.sends(journey.id)).map((send) => send.userId));
        expect(users.filter((userId) => !sent.has(userId)).sort()).toEqual([...heldOut].sort());
      }
      await expect(setGlobalHoldoutPercent(getStore(), 80)).rejects.toThrow(/between 0 and 50/);
    } finally {
      await setGlobalHoldoutPercent(getStore(), 0);
    }
  });

  it('keeps live runs on their version when the journey is edited', async () => {
    clock.set('2025-03-01T08:00:00Z');
    const v1 = {
      ...sendOnEvent('versioned', { entry: { type: 'every_time' } }),
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1d', next: 'mail' },
        { id: 'mail', type: 'send', template: 'welcome' },
      ],
    } satisfies JourneyDefinitionInput;
    const journey = await save(v1);
    await world.track('version-old', 'start versioned');
    await world.work();
    const saved = await saveJourney(
      getStore(),
      { ...v1, nodes: [v1.nodes[0], { id: 'mail', type: 'send', template: 'win-back' }] },
      { now: clock.now() },
    );
    expect(saved).toMatchObject({
      version: 2,
      created: false,
      journey: { id: journey.id, currentVersion: 2 },
    });
    await world.track('version-new', 'start versioned');
    await world.work();
    world.advance(DAY + HOUR);
    await world.work();
    expect((await world.sends(journey.id)).map(({ userId, template }) => `${userId}:${template}`)).toEqual([
      'version-new:tpl_win-back',
      'version-old:tpl_welcome',
    ]);
  });

  it('pause stops steps and entries; resume goes on and skips what happened while paused', async () => {
    clock.set('2025-03-01T08:00:00Z');
    const journey = await save({
      ...sendOnEvent('pausable'),
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1h', next: 'mail' },
        { id: 'mail', type: 'send', template: 'welcome' },
      ],
    });
    await world.track('pause-before', 'start pausable');
    await world.work();
    await changeJourneyStatus(getStore(), 'pausable', 'pause', { now: clock.now() });
    await world.track('pause-during', 'start pausable');
    world.advance(2 * HOUR);
    await world.work();
    expect(await world.sends(journey.id)).toEqual([]);
    const resumed = await changeJourneyStatus(getStore(), journey.id, 'resume', { now: clock.now() });
    expect(resumed.status).toBe('active');
    await world.work();
    expect((await world.sends(journey.id)).map((send) => send.userId)).toEqual(['pause-before']);
  });

  it('archive cancels live runs and refuses further changes', async () => {
    clock.set('2025-03-01T08:00:00Z');
    const journey = await save({
      ...sendOnEvent('archivable'),
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1h', next: 'mail' },
        { id: 'mail', type: 'send', template: 'welcome' },
      ],
    });
    await world.track('archive-user', 'start archivable');
    await world.work();
    await changeJourneyStatus(getStore(), journey.id, 'archive', { now: clock.now() });
    world.advance(2 * HOUR);
    await world.work();
    expect(await world.sends(journey.id)).toEqual([]);
    expect(await world.nodeCounts(journey.id)).toMatchObject({ wait: { entered: 1, waiting: 0, exited: 1 } });
    await expect(changeJourneyStatus(getStore(), journey.id, 'resume', { now: clock.now() })).rejects.toThrow(
      /archived/,
    );
  });

  it('replays a step already recorded under its step id instead of executing it again', async () => {
    clock.set('2025-03-01T08:00:00Z');
    const journey = await save({
      ...sendOnEvent('memoised'),
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1h', next: 'mail' },
        { id: 'mail', type: 'send', template: 'welcome' },
      ],
    });
    await world.track('memo-user', 'start memoised');
    await world.work();
    const [run] = await getStore().query<{ id: string; profile_id: string }>(
      'select id, profile_id from journey_runs where journey_id = $1',
      [journey.id],
    );
    if (!run) throw new Error('no run');
    // As if an earlier worker had already left the wait for the else-path: the recorded move wins.
    await getStore().execute(
      `insert into journey_steps (run_id, step_id, journey_id, profile_id, node_id, result, executed_at)
       values ($1, 'wait#1/1', $2, $3, 'wait', $4, $5)`,
      [
        run.id,
        journey.id,
        run.profile_id,
        JSON.stringify({ output: { resumed: true }, move: { kind: 'goto', nodeId: null } }),
        clock.now(),
      ],
    );
    world.advance(2 * HOUR);
    await world.work();
    expect(await world.sends(journey.id)).toEqual([]);
    expect(await world.nodeCounts(journey.id)).toMatchObject({ wait: { exited: 1 }, mail: { entered: 0 } });
  });
});

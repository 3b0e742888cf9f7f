import { beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../ingest/commit-messages.ts';
import type { LeadScoringInput } from '../schema/lead-score.ts';
import { listSegmentMembers, listSegmentTransitions } from '../segments/saved/segment-queries.ts';
import { createSegment } from '../segments/saved/segment-store.ts';
import type { Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { setLeadScoring } from './lead-scoring-store.ts';
import { recomputeLeadScores } from './recompute-lead-scores.ts';
import { runScoringPass } from './scoring-pass.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2025-03-31T00:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();

const RULES: LeadScoringInput = {
  rules: [
    { name: 'pricing page', event: 'Page Viewed', where: { path: '/pricing' }, points: 10, maxPoints: 25 },
    { name: 'pricing page (page call)', type: 'page', where: { path: '/pricing' }, points: 10 },
    { event: 'Demo Requested', points: 20 },
    { event: 'Unsubscribed', points: -15 },
  ],
  halfLifeDays: 30,
  recomputeEveryMinutes: 60,
};

async function scoresByUser(store: Store): Promise<Record<string, number | null>> {
  const rows = await store.query<{ user_id: string; score: string | null }>(
    `select user_id, ${store.dialect.jsonText('computed', ['lead_score'])} as score from profiles order by user_id`,
  );
  return Object.fromEntries(rows.map((row) => [row.user_id, row.score === null ? null : Number(row.score)]));
}

describeEachEngine('lead scoring', (getStore) => {
  beforeAll(async () => {
    const track = (userId: string, event: string, days: number, properties: Record<string, unknown> = {}) =>
      normalized({ type: 'track', userId, event, properties, timestamp: daysAgo(days) });
    await getStore().transaction((tx) =>
      commitMessages(tx, [
        track('ann', 'Page Viewed', 0, { path: '/pricing' }),
        track('ann', 'Page Viewed', 30, { path: '/pricing' }),
        track('ann', 'Page Viewed', 60, { path: '/pricing' }),
        track('ann', 'Page Viewed', 0, { path: '/blog' }),
        track('ann', 'Demo Requested', 15),
        ...[1, 2, 3, 4].map(() => track('bob', 'Page Viewed', 0, { path: '/pricing' })),
        track('bob', 'Demo Requested', 0),
        track('cat', 'Demo Requested', 30),
        track('cat', 'Unsubscribed', 0),
        track('cat', 'Demo Requested', -2), // after "now": does not count yet
        normalized({
          type: 'page',
          userId: 'eve',
          name: 'Pricing',
          properties: { path: '/pricing' },
          timestamp: daysAgo(60),
        }),
        normalized({ type: 'identify', userId: 'dan', traits: { plan: 'free' } }),
      ]),
    );
  });

  it('scores with caps and a 30-day half-life exactly as computed by hand', async () => {
    const store = getStore();
    await setLeadScoring(store, RULES, NOW);
    const result = await recomputeLeadScores(store, { now: NOW });
    expect(result.changedProfileIds).toHaveLength(5);
    expect(await scoresByUser(store)).toEqual({
      // 10 + 10·½ + 10·¼ for pricing views 0, 30 and 60 days old; 20·2^(−15/30) for the demo 15 days ago.
      ann: Math.round((10 + 5 + 2.5 + 20 * 2 ** -0.5) * 100) / 100, // 31.64
      // Four fresh pricing views are 40, capped at 25; plus a fresh demo request.
      bob: 45,
      // A demo 30 days old (10) and a fresh unsubscribe (−15); the demo "in the future" does not count.
      cat: -5,
      dan: 0,
      // One page call 60 days old.
      eve: 2.5,
    });
  });

  it('lets scores decay as time passes, caps applying after decay', async () => {
    const store = getStore();
    const later = new Date(NOW.getTime() + 30 * DAY);
    await recomputeLeadScores(store, { now: later });
    const scores = await scoresByUser(store);
    // bob: four views at 10·½ = 20 (now under the cap) + demo 10. cat's future demo is now 28 days old.
    expect(scores.bob).toBe(30);
    expect(scores.cat).toBe(Math.round((5 - 7.5 + 20 * 2 ** (-28 / 30)) * 100) / 100);
    await recomputeLeadScores(store, { now: NOW });
  });

  it('recomputes only the given profiles when asked', async () => {
    const store = getStore();
    const later = new Date(NOW.getTime() + 30 * DAY);
    const [bob] = await store.query<{ id: string }>(`select id from profiles where user_id = 'bob'`);
    const result = await recomputeLeadScores(store, { now: later, profileIds: [bob?.id ?? ''] });
    expect(result.changedProfileIds).toEqual([bob?.id]);
    expect(await scoresByUser(store)).toMatchObject({ bob: 30, ann: 31.64 });
    await recomputeLeadScores(store, { now: NOW });
  });

  it('feeds a segment on lead_score: a scoring pass moves profiles in and out with transitions', async () => {
    const store = getStore();
    await createSegment(store, { name: 'hot leads', text: 'lead_score >= 40' });
    // Saved rules are due at once (recomputed with this version at NOW), then every 60 minutes.
    await setLeadScoring(store, { ...RULES }, NOW);
    expect(await runScoringPass(store, NOW)).toMatchObject({ recomputed: true, changedProfiles: 0 });
    expect(await runScoringPass(store, new Date(NOW.getTime() + 59 * 60_000))).toMatchObject({
      recomputed: false,
    });

    // A day later every score with events has decayed, so those profiles are re-evaluated: bob (45 → 25 + 19.54)
    // enters; ann (31.64 → 30.9) does not.
    const [bob] = await store.query<{ id: string }>(`select id from profiles where user_id = 'bob'`);
    const entered = await runScoringPass(store, new Date(NOW.getTime() + DAY));
    expect(entered).toMatchObject({ recomputed: true, segmentTransitions: 1 });
    expect((await listSegmentMembers(store, 'hot leads')).map((member) => member.profileId)).toEqual([
      bob?.id,
    ]);

    // Sixteen days on, min(25, 40·2^(−16/30) = 27.6) + 20·2^(−16/30) = 38.8 < 40: bob leaves.
    const left = await runScoringPass(store, new Date(NOW.getTime() + 16 * DAY));
    expect(left).toMatchObject({ recomputed: true, segmentTransitions: 1 });
    expect(await listSegmentMembers(store, 'hot leads')).toEqual([]);
    expect((await listSegmentTransitions(store, 'hot leads')).map((transition) => transition.kind)).toEqual([
      'entered',
      'exited',
    ]);
  });

  it('rejects rules that cannot work, naming the field', async () => {
    await expect(setLeadScoring(getStore(), { rules: [{ points: 5 }] }, NOW)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('lead scoring.rules.0.event'),
    });
    await expect(
      setLeadScoring(getStore(), { rules: [{ event: 'x', points: 0 }] }, NOW),
    ).rejects.toMatchObject({
      message: expect.stringContaining('lead scoring.rules.0.points: must not be 0'),
    });
  });
});

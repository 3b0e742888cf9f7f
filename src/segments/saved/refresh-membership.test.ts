import { beforeAll, describe, expect, it } from 'vitest';
import { computeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import type { SegmentDefinition } from '../../schema/segment.ts';
import type { Store } from '../../store/store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { parseSegmentText } from '../text/parse-segment.ts';
import { refreshSegmentsAfterCommit } from './refresh-after-commit.ts';
import {
  orderByDependencies,
  refreshAllSegments,
  refreshSegment,
  refreshTouchedProfiles,
} from './refresh-membership.ts';
import type { SavedSegment } from './saved-segment.ts';
import { listSegmentMembers, listSegmentTransitions, previewSegment } from './segment-queries.ts';
import { createSegment } from './segment-store.ts';

const DAY = 86_400_000;
const NOW = new Date('2025-03-15T12:00:00Z');

const purchase = (userId: string, at: Date, amount: number) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: at.toISOString(),
    properties: { amount },
  });

async function commit(store: Store, messages: Parameters<typeof commitMessages>[1]): Promise<string[]> {
  return (await store.transaction((tx) => commitMessages(tx, messages))).touchedProfileIds;
}

/** userId → profile id. */
async function profileIdOf(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ profile_id: string }>(
    "select profile_id from identities where kind = 'user_id' and value = $1",
    [userId],
  );
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.profile_id;
}

async function memberUserIds(store: Store, segment: string): Promise<string[]> {
  const rows = await store.query<{ value: string }>(
    `select i.value from segment_members m join segments s on s.id = m.segment_id
       join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
      where s.name = $1 order by i.value`,
    [segment],
  );
  return rows.map((row) => row.value);
}

describeEachEngine('segment membership', (getStore) => {
  beforeAll(async () => {
    await commit(getStore(), [
      purchase('ann', new Date(NOW.getTime() - 5 * DAY), 80),
      purchase('bob', new Date(NOW.getTime() - 60 * DAY), 500),
      normalized({ type: 'identify', userId: 'cat', traits: { plan: 'gold' } }),
    ]);
  });

  it('emits exactly one "entered" when a profile enters and one "exited" when it leaves', async () => {
    await createSegment(getStore(), { name: 'recent buyers', text: 'performed purchase in last 30 days' });
    const first = await refreshSegment(getStore(), 'recent buyers', { now: NOW });
    expect(first).toEqual({ segment: 'recent buyers', members: 1, entered: 1, exited: 0 });
    expect(await memberUserIds(getStore(), 'recent buyers')).toEqual(['ann']);

    // Nothing changed: no transition.
    const again = await refreshSegment(getStore(), 'recent buyers', { now: NOW });
    expect(again).toEqual({ segment: 'recent buyers', members: 1, entered: 0, exited: 0 });

    // 30 days later ann's purchase is outside the window.
    const later = new Date(NOW.getTime() + 30 * DAY);
    expect(await refreshSegment(getStore(), 'recent buyers', { now: later })).toEqual({
      segment: 'recent buyers',
      members: 0,
      entered: 0,
      exited: 1,
    });
    const ann = await profileIdOf(getStore(), 'ann');
    expect(await listSegmentTransitions(getStore(), 'recent buyers')).toEqual([
      { profileId: ann, kind: 'entered', occurredAt: NOW },
      { profileId: ann, kind: 'exited', occurredAt: later },
    ]);
    expect(await listSegmentMembers(getStore(), 'recent buyers')).toEqual([]);
  });

  it('selects on rfm.segment once computeRfm has scored the profiles', async () => {
    await computeRfm(getStore(), { asOf: NOW });
    const scored = await getStore().query<{ value: string; segment: string | null }>(
      `select i.value, ${getStore().dialect.jsonText('p.computed', ['rfm', 'segment'])} as segment
         from profiles p join identities i on i.profile_id = p.id and i.kind = 'user_id' order by i.value`,
    );
    const bobSegment = scored.find((row) => row.value === 'bob')?.segment;
    expect(bobSegment).toEqual(expect.any(String));
    expect(scored.find((row) => row.value === 'cat')?.segment).toBeNull();

    await createSegment(getStore(), {
      name: 'rfm cell',
      text: `rfm.segment = ${JSON.stringify(bobSegment)}`,
    });
    await refreshSegment(getStore(), 'rfm cell', { now: NOW });
    const expected = scored.filter((row) => row.segment === bobSegment).map((row) => row.value);
    expect(expected).toContain('bob');
    expect(await memberUserIds(getStore(), 'rfm cell')).toEqual(expected);
  });

  it('refreshes a segment after the segments it refers to, in one pass', async () => {
    await createSegment(getStore(), { name: 'z big spenders', text: 'sum(purchase.amount) > 100' });
    await createSegment(getStore(), {
      name: 'a big and gold',
      text: 'segment "z big spenders" or plan = "gold"',
    });
    const results = await refreshAllSegments(getStore(), { now: NOW });
    const order = results.map((result) => result.segment);
    expect(order.indexOf('z big spenders')).toBeLessThan(order.indexOf('a big and gold'));
    expect(await memberUserIds(getStore(), 'a big and gold')).toEqual(['bob', 'cat']);
  });

  it('re-evaluates only the touched profiles against real-time segments', async () => {
    await createSegment(getStore(), { name: 'gold', text: 'plan = "gold"' });
    await createSegment(getStore(), { name: 'gold (nightly)', text: 'plan = "gold"', realtime: false });
    await refreshAllSegments(getStore(), { now: NOW });
    expect(await memberUserIds(getStore(), 'gold')).toEqual(['cat']);

    // ann becomes gold, cat leaves gold; only ann is re-evaluated.
    const touched = await commit(getStore(), [
      normalized({ type: 'identify', userId: 'ann', traits: { plan: 'gold' } }),
    ]);
    await commit(getStore(), [normalized({ type: 'identify', userId: 'cat', traits: { plan: 'silver' } })]);
    const results = await refreshTouchedProfiles(getStore(), touched, { now: NOW });
    expect(results.find((result) => result.segment === 'gold')).toEqual({
      segment: 'gold',
      members: null,
      entered: 1,
      exited: 0,
    });
    expect(results.map((result) => result.segment)).not.toContain('gold (nightly)');
    expect(await memberUserIds(getStore(), 'gold')).toEqual(['ann', 'cat']);
    expect(await memberUserIds(getStore(), 'gold (nightly)')).toEqual(['cat']);
  });

  it('moves a profile into a real-time segment when a track call goes through the group committer', async () => {
    await createSegment(getStore(), { name: 'signed up', text: 'performed signup' });
    const committer = new GroupCommitter({
      store: getStore(),
      onCommitted: refreshSegmentsAfterCommit(getStore(), () => NOW),
    });
    await committer.submit([normalized({ type: 'track', userId: 'dee', event: 'signup' })]);
    await committer.close(); // waits for the after-commit hook
    expect(await memberUserIds(getStore(), 'signed up')).toEqual(['dee']);
    const dee = await profileIdOf(getStore(), 'dee');
    expect(await listSegmentTransitions(getStore(), 'signed up')).toEqual([
      { profileId: dee, kind: 'entered', occurredAt: NOW },
    ]);
  });

  it('previews a definition with a count and a sample, without saving members', async () => {
    const preview = await previewSegment(getStore(), parseSegmentText('sum(purchase.amount) > 0'), {
      now: NOW,
      sampleSize: 1,
    });
    expect(preview.count).toBe(2);
    expect(preview.sample).toHaveLength(1);
    expect([await profileIdOf(getStore(), 'ann'), await profileIdOf(getStore(), 'bob')]).toContain(
      preview.sample[0],
    );
  });
});

describe('orderByDependencies', () => {
  const saved = (name: string, text: string): SavedSegment => ({
    id: `id-${name}`,
    name,
    definition: parseSegmentText(text) satisfies SegmentDefinition,
    text,
    realtime: true,
    version: 1,
    createdAt: NOW,
    updatedAt: NOW,
  });

  it('puts every segment after the ones it refers to, by name or id', () => {
    const ordered = orderByDependencies([
      saved('a', 'segment "b" and segment "id-c"'),
      saved('b', 'segment "c"'),
      saved('c', 'age > 1'),
      saved('d', 'age > 2'),
    ]);
    expect(ordered.map((segment) => segment.name)).toEqual(['c', 'b', 'a', 'd']);
  });
});

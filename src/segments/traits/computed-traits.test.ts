import { beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import type { Store } from '../../store/store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { refreshSegmentsAfterCommit } from '../saved/refresh-after-commit.ts';
import { refreshSegment } from '../saved/refresh-membership.ts';
import { createSegment } from '../saved/segment-store.ts';
import { parseComputedTraitText, printComputedTraitText } from './computed-trait-text.ts';
import {
  deleteComputedTrait,
  getComputedTrait,
  listComputedTraits,
  saveComputedTrait,
} from './computed-trait-store.ts';
import { refreshComputedTraits } from './refresh-computed-traits.ts';

const DAY = 86_400_000;
const NOW = new Date('2025-03-15T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

const purchase = (userId: string, at: Date, amount: number, category: string) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: at.toISOString(),
    properties: { amount, category },
  });

async function computedOf(store: Store, userId: string): Promise<Record<string, unknown>> {
  const [row] = await store.query<{ computed: unknown }>(
    `select p.computed from profiles p join identities i on i.profile_id = p.id
      where i.kind = 'user_id' and i.value = $1`,
    [userId],
  );
  if (!row) throw new Error(`no profile for ${userId}`);
  const computed = typeof row.computed === 'string' ? JSON.parse(row.computed) : row.computed;
  return computed as Record<string, unknown>;
}

describe('computed trait text', () => {
  it.each([
    'sum(purchase.amount)',
    'count(purchase, last 90 days)',
    'mode(purchase.category)',
    'last_at(purchase)',
    'first(purchase.category where amount > 10, between 2024-01-01 and 2024-12-31)',
    'count_distinct(page view "Pricing".path)',
  ])('prints %s back to text that parses to the same expression', (text) => {
    const parsed = parseComputedTraitText(text);
    expect(parseComputedTraitText(printComputedTraitText(parsed))).toEqual(parsed);
  });

  it('reads the short window form of aggregates', () => {
    expect(parseComputedTraitText('count(purchase, 90d)').window).toEqual({ type: 'last_days', days: 90 });
  });

  it('points at the column of a mistake', () => {
    expect(() => parseComputedTraitText('sum(purchase)')).toThrow(/col 13.*'\.' and the property to sum/s);
    expect(() => parseComputedTraitText('count(purchase.amount)')).toThrow(/count takes no property/);
    expect(() => parseComputedTraitText('median(purchase.amount)')).toThrow(/col 1: expected a function/);
    expect(() => parseComputedTraitText('sum(purchase.amount) > 3')).toThrow(/the end of the expression/);
  });
});

describeEachEngine('computed traits', (getStore) => {
  beforeAll(async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [
        purchase('ann', daysAgo(200), 40, 'shoes'),
        purchase('ann', daysAgo(30), 25.5, 'books'),
        purchase('ann', daysAgo(10), 100, 'books'),
        // bob's two categories tie: the smaller value wins, the same on both engines.
        purchase('bob', daysAgo(5), 10, 'toys'),
        purchase('bob', daysAgo(4), 20, 'garden'),
        normalized({ type: 'identify', userId: 'cat', traits: { plan: 'gold' } }),
      ]),
    );
    for (const [name, text] of [
      ['lifetime_value', 'sum(purchase.amount)'],
      ['orders_90d', 'count(purchase, 90d)'],
      ['favorite_category', 'mode(purchase.category)'],
      ['last_purchase_at', 'last_at(purchase)'],
      ['first_category', 'first(purchase.category)'],
      ['largest_order', 'max(purchase.amount)'],
    ] as const) {
      await saveComputedTrait(getStore(), { name, text }, { now: NOW });
    }
    await refreshComputedTraits(getStore(), { now: NOW });
  });

  it('materialises each trait on the profiles, with 0 for counts and sums of profiles without events', async () => {
    expect(await computedOf(getStore(), 'ann')).toMatchObject({
      lifetime_value: 165.5,
      orders_90d: 2,
      favorite_category: 'books',
      last_purchase_at: daysAgo(10).toISOString(),
      first_category: 'shoes',
      largest_order: 100,
    });
    expect(await computedOf(getStore(), 'bob')).toMatchObject({
      lifetime_value: 30,
      orders_90d: 2,
      favorite_category: 'garden',
      first_category: 'toys',
    });
    const cat = await computedOf(getStore(), 'cat');
    expect(cat).toMatchObject({ lifetime_value: 0, orders_90d: 0 });
    expect(cat).not.toHaveProperty('favorite_category');
    expect(cat).not.toHaveProperty('last_purchase_at');
  });

  it('is usable in segments by name, without the computed. prefix', async () => {
    await createSegment(getStore(), { name: 'frequent', text: 'orders_90d >= 2 and lifetime_value > 100' });
    await refreshSegment(getStore(), 'frequent', { now: NOW });
    const members = await getStore().query<{ value: string }>(
      `select i.value from segment_members m join segments s on s.id = m.segment_id
         join identities i on i.profile_id = m.profile_id and i.kind = 'user_id' where s.name = 'frequent'`,
    );
    expect(members.map((row) => row.value)).toEqual(['ann']);
    const [segment] = await getStore().query<{ text: string }>(
      "select text from segments where name = 'frequent'",
    );
    expect(segment?.text).toBe('orders_90d >= 2 and lifetime_value > 100');
  });

  it('recomputes the touched profiles after each ingested batch, before segments see them', async () => {
    await createSegment(getStore(), { name: 'big spenders', text: 'lifetime_value >= 50' });
    await refreshSegment(getStore(), 'big spenders', { now: NOW });
    const committer = new GroupCommitter({
      store: getStore(),
      onCommitted: refreshSegmentsAfterCommit(getStore(), () => NOW),
    });
    await committer.submit([purchase('bob', daysAgo(1), 25, 'garden')]);
    await committer.close();
    expect(await computedOf(getStore(), 'bob')).toMatchObject({ lifetime_value: 55, orders_90d: 3 });
    const members = await getStore().query<{ value: string }>(
      `select i.value from segment_members m join segments s on s.id = m.segment_id
         join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
        where s.name = 'big spenders' order by i.value`,
    );
    expect(members.map((row) => row.value)).toEqual(['ann', 'bob']);
  });

  it('keeps versions when a trait is saved again and refuses to delete one a segment reads', async () => {
    const saved = await saveComputedTrait(getStore(), { name: 'orders_90d', text: 'count(purchase, 91d)' });
    expect(saved.version).toBe(2);
    expect(saved.text).toBe('count(purchase, last 91 days)');
    await expect(deleteComputedTrait(getStore(), 'orders_90d')).rejects.toThrow(
      /used by segment "frequent".*change or delete it first/,
    );
    await deleteComputedTrait(getStore(), 'largest_order');
    expect(await computedOf(getStore(), 'ann')).not.toHaveProperty('largest_order');
    await expect(getComputedTrait(getStore(), 'largest_order')).rejects.toThrow(/No computed trait named/);
    expect((await listComputedTraits(getStore())).map((trait) => trait.name)).not.toContain('largest_order');
  });

  it('rejects bad names and built-in names with a message that says what to do', async () => {
    await expect(
      saveComputedTrait(getStore(), { name: 'Orders 90d', text: 'count(purchase)' }),
    ).rejects.toThrow(/lower-case letters/);
    await expect(saveComputedTrait(getStore(), { name: 'rfm', text: 'count(purchase)' })).rejects.toThrow(
      /built-in computed trait/,
    );
  });
});

/**
 * The generated behaviour carries the signal analytics needs: archetypes differ the way their names say, churners
 * stop, demand has a holiday season and a weekly rhythm, interests steer what people buy and bundles are bought
 * together. One year of 3,000 customers, generated once for the whole file.
 */
import { describe, expect, it } from 'vitest';
import type { Archetype } from './archetypes.ts';
import { generateCatalog } from './catalog.ts';
import type { CustomerActivity } from './customer-activity.ts';
import { generateActivity } from './generate-messages.ts';

const OPTIONS = { customers: 3000, days: 365, seed: 11, endDate: '2026-01-01T00:00:00Z' };
const activities: CustomerActivity[] = [...generateActivity(OPTIONS)];

interface Order {
  at: number;
  productIds: string[];
  categories: string[];
}

function ordersOf(activity: CustomerActivity): Order[] {
  return activity.messages.flatMap((message) => {
    if (message.type !== 'track' || message.event !== 'purchase') return [];
    const products = Array.isArray(message.properties?.products) ? message.properties.products : [];
    const fields = products.map((product) =>
      product !== null && typeof product === 'object' && !Array.isArray(product) ? product : {},
    );
    return [
      {
        at: Date.parse(message.timestamp),
        productIds: fields.map((product) => String(product.product_id)),
        categories: fields.map((product) => String(product.category)),
      },
    ];
  });
}

function meanPurchases(archetype: Archetype): number {
  const group = activities.filter((activity) => activity.customer.truth.archetype === archetype);
  return group.reduce((sum, activity) => sum + ordersOf(activity).length, 0) / group.length;
}

const allOrders = activities.flatMap(ordersOf);

describe('generated behaviour', () => {
  it('has loyal customers buying far more than regulars, and regulars more than one-timers', () => {
    expect(meanPurchases('loyal')).toBeGreaterThan(2 * meanPurchases('regular'));
    expect(meanPurchases('regular')).toBeGreaterThan(2 * meanPurchases('one_timer'));
  });

  it('lets one-timers buy at most once and dormant customers never', () => {
    for (const activity of activities) {
      const orders = ordersOf(activity).length;
      if (activity.customer.truth.archetype === 'one_timer') expect(orders).toBeLessThanOrEqual(1);
      if (activity.customer.truth.archetype === 'dormant') expect(orders).toBe(0);
    }
  });

  it('has churners buy before their churn date and never after it', () => {
    const churners = activities.filter((activity) => activity.customer.truth.archetype === 'churner');
    let buyersBeforeChurn = 0;
    for (const activity of churners) {
      const churnedAt = Date.parse(activity.customer.truth.churnedAt ?? '');
      expect(Number.isNaN(churnedAt)).toBe(false);
      const orders = ordersOf(activity);
      expect(orders.filter((order) => order.at >= churnedAt)).toEqual([]);
      if (orders.length > 0) buyersBeforeChurn += 1;
    }
    expect(buyersBeforeChurn).toBeGreaterThan(churners.length * 0.6);
  });

  it('stops purchases at a BG/NBD dropout', () => {
    for (const activity of activities) {
      if (activity.droppedOutAt === null) continue;
      const droppedOutAt = Date.parse(activity.droppedOutAt);
      expect(ordersOf(activity).filter((order) => order.at > droppedOutAt)).toEqual([]);
    }
  });

  it('makes customers with a higher true purchase rate buy more (regular archetype)', () => {
    const regulars = activities.filter(
      (activity) =>
        activity.customer.truth.archetype === 'regular' &&
        Date.parse(activity.customer.createdAt) < Date.parse('2025-01-01'),
    );
    const sorted = [...regulars].sort(
      (a, b) => a.customer.truth.purchasesPerYear - b.customer.truth.purchasesPerYear,
    );
    const half = Math.floor(sorted.length / 2);
    const mean = (group: CustomerActivity[]): number =>
      group.reduce((sum, activity) => sum + ordersOf(activity).length, 0) / group.length;
    expect(mean(sorted.slice(half))).toBeGreaterThan(1.5 * mean(sorted.slice(0, half)));
  });

  it('peaks in November and December', () => {
    const perDay = (from: string, to: string): number =>
      allOrders.filter((order) => order.at >= Date.parse(from) && order.at < Date.parse(to)).length /
      ((Date.parse(to) - Date.parse(from)) / 86_400_000);
    expect(perDay('2025-11-01', '2026-01-01')).toBeGreaterThan(1.25 * perDay('2025-09-01', '2025-11-01'));
  });

  it('sells more on Sundays than on Fridays', () => {
    const byWeekday = [0, 0, 0, 0, 0, 0, 0];
    for (const order of allOrders) {
      const weekday = new Date(order.at).getUTCDay();
      byWeekday[weekday] = (byWeekday[weekday] ?? 0) + 1;
    }
    expect(byWeekday[0]).toBeGreaterThan(1.15 * (byWeekday[5] ?? 0));
  });

  it('steers purchases towards the categories of a customer’s interests', () => {
    const bookShare = (readers: boolean): number => {
      const categories = activities
        .filter((activity) => activity.customer.interests.includes('reading') === readers)
        .flatMap((activity) => ordersOf(activity).flatMap((order) => order.categories));
      return categories.filter((category) => category === 'books').length / categories.length;
    };
    expect(bookShare(true)).toBeGreaterThan(2 * bookShare(false));
  });

  it('has bundle members bought together far more often than chance', () => {
    const catalog = generateCatalog({ seed: OPTIONS.seed, size: 300 });
    const basketsWith = (productId: string): Set<number> =>
      new Set(
        allOrders.flatMap((order, position) => (order.productIds.includes(productId) ? [position] : [])),
      );
    let lifts = 0;
    let pairs = 0;
    for (const bundle of catalog.bundles) {
      const [first, second] = bundle.productIndices.map((index) => catalog.products[index]?.id ?? '');
      const withFirst = basketsWith(first ?? '');
      const withSecond = basketsWith(second ?? '');
      if (withFirst.size < 5 || withSecond.size < 5) continue;
      const together = [...withFirst].filter((position) => withSecond.has(position)).length;
      const expectedByChance = (withFirst.size * withSecond.size) / allOrders.length;
      lifts += together / expectedByChance;
      pairs += 1;
    }
    expect(pairs).toBeGreaterThan(3);
    expect(lifts / pairs).toBeGreaterThan(10);
  });

  it('only clicks links in emails that were opened, after opening them', () => {
    for (const { messages } of activities.slice(0, 500)) {
      const openedAt = new Map<string, string>();
      for (const message of messages) {
        if (message.type !== 'track') continue;
        const campaign = String(message.properties?.campaign_id);
        if (message.event === 'Email Opened') openedAt.set(campaign, message.timestamp);
        if (message.event === 'Email Link Clicked') expect(openedAt.get(campaign)).toBeDefined();
      }
    }
  });

  it('gives every purchase consistent money fields: amount = subtotal − discount, with two decimals', () => {
    for (const { messages } of activities.slice(0, 500)) {
      for (const message of messages) {
        if (message.type !== 'track' || message.event !== 'purchase') continue;
        const { amount, subtotal, discount } = message.properties ?? {};
        expect(typeof amount).toBe('number');
        expect(Number(amount)).toBeCloseTo(Number(subtotal) - Number(discount), 2);
        expect(Math.round(Number(amount) * 100) / 100).toBe(amount);
        expect(Number(amount)).toBeGreaterThan(0);
      }
    }
  });
});

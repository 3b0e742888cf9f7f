/**
 * A small seeded shop history for the churn tests: every customer buys at its own rate from its start day; about
 * half stop for good at a random day (they browse and open emails less soon before). Page views and email opens
 * follow activity, so engagement carries signal, as in real data.
 */
import type { NormalizedMessage } from '../../../schema/messages.ts';
import { normalized } from '../../../test-support/messages.ts';
import { Random } from '../../../random.ts';

const DAY_MS = 86_400_000;

export interface ChurnHistoryOptions {
  customers: number;
  days: number;
  seed: number;
  start?: string;
}

export function simulateChurnHistory(options: ChurnHistoryOptions): NormalizedMessage[] {
  const random = new Random(options.seed);
  const start = Date.parse(options.start ?? '2024-01-01T00:00:00Z');
  const messages: NormalizedMessage[] = [];
  const at = (day: number) => new Date(start + day * DAY_MS).toISOString();
  for (let customer = 0; customer < options.customers; customer++) {
    const userId = `u${String(customer).padStart(3, '0')}`;
    const plan = random.next() < 0.5 ? 'basic' : 'premium';
    messages.push(normalized({ type: 'identify', userId, traits: { plan }, timestamp: at(0) }));
    const firstDay = random.next() * options.days * 0.3;
    const stopDay = random.next() < 0.5 ? firstDay + random.next() * options.days : Number.POSITIVE_INFINITY;
    const purchaseRate = 1 / (7 + 30 * random.next());
    for (let day = firstDay; day < Math.min(stopDay, options.days); day += random.exponential(purchaseRate)) {
      messages.push(
        normalized({
          type: 'track',
          userId,
          event: 'purchase',
          timestamp: at(day),
          properties: { amount: Math.round(20 + 80 * random.next()) },
        }),
      );
    }
    // Browsing fades out over the 30 days before a customer stops; opens go on a little after.
    for (let day = firstDay; day < Math.min(stopDay + 20, options.days); day += random.exponential(0.2)) {
      const isFading = day > stopDay - 30;
      if (isFading && random.next() < 0.7) continue;
      messages.push(normalized({ type: 'page', userId, name: 'Home', timestamp: at(day) }));
    }
    for (let day = firstDay + 3; day < Math.min(stopDay + 40, options.days); day += 7) {
      if (random.next() < (day > stopDay ? 0.1 : 0.5)) {
        messages.push(normalized({ type: 'track', userId, event: 'Email Opened', timestamp: at(day) }));
      }
    }
  }
  return messages;
}

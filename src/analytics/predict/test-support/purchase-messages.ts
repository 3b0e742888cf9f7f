/** Purchase ledgers for the store-side model tests: seeded, and as messages ready for `commitMessages`. */
import type { NormalizedMessage } from '../../../schema/messages.ts';
import type { SqlExecutor } from '../../../store/store.ts';
import { commitMessages } from '../../../ingest/commit-messages.ts';
import { normalized } from '../../../test-support/messages.ts';
import { Random } from '../../../random.ts';

export interface LedgerLine {
  customerId: string;
  /** ISO timestamp with offset. */
  timestamp: string;
  amount: number;
}

const DAY_MS = 86_400_000;

/**
 * Customers who buy at their own Poisson rate and stop after a purchase with their own probability (the BG/NBD
 * story), several purchases sometimes on one day, at any hour, between `start` and `days` later.
 */
export function simulateLedger(options: {
  customers: number;
  days: number;
  seed: number;
  start?: string;
}): LedgerLine[] {
  const random = new Random(options.seed);
  const start = Date.parse(options.start ?? '2024-01-01T00:00:00Z');
  const lines: LedgerLine[] = [];
  for (let customer = 0; customer < options.customers; customer++) {
    const customerId = `c${String(customer).padStart(3, '0')}`;
    const perDay = random.gamma(1.5, 1 / (1.5 * 20)); // mean one purchase every 20 days
    const dropout = random.beta(1, 4);
    const spend = 10 + 90 * random.next();
    let time = random.next() * options.days * 0.6 * DAY_MS;
    for (;;) {
      lines.push({
        customerId,
        timestamp: new Date(start + time).toISOString(),
        amount: Math.round(spend * (0.5 + random.next()) * 100) / 100,
      });
      if (random.next() < 0.15) {
        // A second order the same day: merged into one purchase by the models.
        lines.push({
          customerId,
          timestamp: new Date(start + Math.floor(time / DAY_MS) * DAY_MS + DAY_MS - 1000).toISOString(),
          amount: 5,
        });
      }
      if (random.next() < dropout) break;
      time += random.exponential(perDay) * DAY_MS;
      if (time >= options.days * DAY_MS) break;
    }
  }
  return lines;
}

export function purchaseMessage(
  userId: string,
  timestamp: string,
  properties: Record<string, unknown>,
  event = 'purchase',
): NormalizedMessage {
  return normalized({ type: 'track', userId, event, timestamp, properties });
}

/** Commits the ledger as `purchase` events with `properties.amount`, one profile per customer. */
export async function commitLedger(executor: SqlExecutor, lines: readonly LedgerLine[]): Promise<void> {
  const messages = lines.map((line) =>
    purchaseMessage(line.customerId, line.timestamp, { amount: line.amount }),
  );
  for (let start = 0; start < messages.length; start += 5_000) {
    await commitMessages(executor, messages.slice(start, start + 5_000));
  }
}

/** Profile id → user id, to compare store results with results keyed by customer. */
export async function userIdsByProfile(executor: SqlExecutor): Promise<Map<string, string>> {
  const rows = await executor.query<{ profile_id: string; value: string }>(
    "select profile_id, value from identities where kind = 'user_id'",
  );
  return new Map(rows.map((row) => [row.profile_id, row.value]));
}

/**
 * The generated data through the real ingestion path: identity resolution must end with exactly one profile per
 * customer (every anonymous device linked by its identify), and ingesting the same dataset twice stores nothing
 * the second time (deterministic message ids).
 */
import { expect, it } from 'vitest';
import { ingestRawMessages } from '../ingest/ingest-raw-messages.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { generateMessages } from './generate-messages.ts';

const OPTIONS = { customers: 40, days: 60, seed: 5, endDate: '2026-01-01T00:00:00Z', batchSize: 200 };

async function countOf(run: () => Promise<{ n: number | bigint }[]>): Promise<number> {
  const rows = await run();
  return Number(rows[0]?.n ?? -1);
}

describeEachEngine('ingesting a generated dataset', (getStore) => {
  it('links every customer’s anonymous visits to one profile and stores every message once', async () => {
    const store = getStore();
    const messages = [...generateMessages(OPTIONS)].flat().length;
    const first = await ingestRawMessages({ store, batches: generateMessages(OPTIONS) });
    expect(first).toMatchObject({ messages, stored: messages, duplicates: 0 });

    const profiles = await countOf(() => store.query('select count(*) as n from profiles'));
    const knownProfiles = await countOf(() =>
      store.query('select count(distinct user_id) as n from profiles where user_id is not null'),
    );
    expect(profiles).toBe(OPTIONS.customers);
    expect(knownProfiles).toBe(OPTIONS.customers);
    const anonymousEvents = await countOf(() =>
      store.query('select count(*) as n from events where user_id is null and anonymous_id is not null'),
    );
    expect(anonymousEvents).toBeGreaterThan(0);

    const second = await ingestRawMessages({ store, batches: generateMessages(OPTIONS) });
    expect(second).toMatchObject({ messages, stored: 0, duplicates: messages });
    expect(await countOf(() => store.query('select count(*) as n from events'))).toBe(messages);
  });
});

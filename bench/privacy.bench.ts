/**
 * Privacy costs on DuckDB: (1) what the erasure-suppression check adds to each committed group (empty list against
 * 10,000 suppressed identities), and (2) how long erasing one person takes on a store of many events (generic:
 * every table found in information_schema, deletes plus a redaction scan of every text/JSON column) against the
 * hand-written minimum (deleting the person's events, identities and profile).
 */
import { join } from 'node:path';
import { commitMessages } from '../src/ingest/commit-messages.ts';
import { erasePerson } from '../src/privacy/erase-person.ts';
import { hashIdentity, loadErasureSecret } from '../src/privacy/identity-hash.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { normalized } from '../src/test-support/messages.ts';
import type { Benchmark } from './benchmark.ts';
import { median, timeRepeated } from './benchmark.ts';

const NOW = new Date('2025-06-01T00:00:00Z');

async function loadPeople(store: Store, customers: number, eventsPerCustomer: number): Promise<void> {
  await store.execute(
    `insert into profiles select 'p' || i, 'u' || i, json_object('email', 'c' || i || '@example.com', 'name', 'Customer ' || i),
            '{}', timestamp '2024-01-01', timestamp '2025-01-01', timestamp '2024-01-01', timestamp '2025-01-01'
       from range(${customers}) t(i)`,
  );
  await store.execute(
    `insert into identities select 'user_id', 'u' || i, 'p' || i, timestamp '2024-01-01' from range(${customers}) t(i)
     union all select 'email', 'c' || i || '@example.com', 'p' || i, timestamp '2024-01-01' from range(${customers}) t(i)`,
  );
  await store.execute(
    `insert into events (message_id, profile_id, type, event, user_id, occurred_at, received_at, properties, context)
     select 'm' || i, 'p' || (i % ${customers}), 'track', 'Product Viewed', 'u' || (i % ${customers}),
            timestamp '2024-06-01', timestamp '2024-06-01',
            json_object('sku', 'sku-' || (i % 997), 'price', i % 100), json_object('ip', '10.0.0.1')
       from range(${customers * eventsPerCustomer}) t(i)`,
  );
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const customers = quick ? 20_000 : 100_000;
  const eventsPerCustomer = 10;
  const repetitions = quick ? 3 : 5;
  const store = await openStore({ duckdbPath: join(workDir, 'privacy.duckdb') });
  try {
    log(`loading ${customers.toLocaleString('en-US')} customers × ${eventsPerCustomer} events`);
    await loadPeople(store, customers, eventsPerCustomer);

    // (1) The commit path: groups of 2,000 new identify calls.
    let group = 0;
    const commitGroup = () => {
      group += 1;
      const messages = Array.from({ length: 2000 }, (_, index) =>
        normalized({
          type: 'identify',
          userId: `g${group}-${index}`,
          anonymousId: `a${group}-${index}`,
          traits: { email: `g${group}-${index}@example.org` },
        }),
      );
      return store.transaction((tx) => commitMessages(tx, messages));
    };
    await commitGroup();
    const emptyMs = await timeRepeated(repetitions, commitGroup);
    const secret = await store.transaction((tx) => loadErasureSecret(tx, NOW));
    await store.insertRows(
      'erasure_suppressions',
      ['kind', 'value_hash', 'request_id', 'suppressed_at'],
      Array.from({ length: 10_000 }, (_, index) => [
        'email',
        hashIdentity(secret, 'email', `gone${index}@x.org`),
        'r',
        NOW,
      ]),
    );
    const suppressedMs = await timeRepeated(repetitions, commitGroup);

    // (2) Erasing one person, against deleting their rows by hand.
    let person = 0;
    const eraseMs = await timeRepeated(repetitions, () => {
      person += 1;
      return erasePerson(store, { userId: `u${person}` }, { now: NOW, requestedBy: 'bench' });
    });
    const handMs = await timeRepeated(repetitions, () => {
      person += 1;
      const id = `p${person}`;
      return store.transaction(async (tx) => {
        for (const table of ['events', 'identities'])
          await tx.execute(`delete from ${table} where profile_id = $1`, [id]);
        await tx.execute('delete from profiles where id = $1', [id]);
      });
    });
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
    const events = (customers * eventsPerCustomer).toLocaleString('en-US');
    return {
      title: 'Privacy: suppression check at commit, erasure of one person',
      markdown: [
        `DuckDB file store, ${customers.toLocaleString('en-US')} profiles, ${events} events; medians of ${repetitions} runs.`,
        '',
        '| measurement | median ms | ratio |',
        '|---|---|---|',
        `| commit 2,000 identify calls, empty suppression list | ${median(emptyMs).toFixed(1)} | 1.00× |`,
        `| same, 10,000 suppressed identities (6,000 keys hashed) | ${median(suppressedMs).toFixed(1)} | ${ratio(suppressedMs, emptyMs)}× |`,
        `| delete one person's events, identities, profile by hand | ${median(handMs).toFixed(1)} | 1.00× |`,
        `| \`erasePerson\` (every table + redaction scan of every text/JSON column + suppression + log) | ${median(eraseMs).toFixed(1)} | ${ratio(eraseMs, handMs)}× |`,
      ].join('\n'),
    };
  } finally {
    await store.close();
  }
};

export default benchmark;

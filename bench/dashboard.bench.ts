/**
 * The dashboard's read queries at scale: overview KPIs, the RFM grid, the CLV histogram, cluster personas, and the
 * customers list (first page, a search, a deep page). Each is compared with the cheapest query that must touch the
 * same rows — a bare count over the table it scans — so the ratio shows what the dashboard adds on top of one scan.
 * Profiles, identities and events are loaded with SQL (`range()`): this measures reading, not ingestion.
 */
import { join } from 'node:path';
import { systemClock } from '../src/clock.ts';
import { createCachedOverview } from '../src/api/routes/cached-overview.ts';
import {
  readClusterPersonas,
  readHistogram,
  readOverview,
  readRfmGrid,
} from '../src/api/routes/dashboard-queries.ts';
import { listProfiles } from '../src/profiles/profile-queries.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Benchmark } from './benchmark.ts';
import { median, timeRepeated } from './benchmark.ts';

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const profiles = quick ? 100_000 : 1_000_000;
  const events = profiles * 10;
  const store = await openStore({ duckdbPath: join(workDir, 'dashboard.duckdb') });
  try {
    log(`loading ${profiles.toLocaleString('en-US')} profiles and ${events.toLocaleString('en-US')} events`);
    await store.execute(
      `insert into profiles (id, user_id, traits, computed, first_seen_at, last_seen_at, created_at, updated_at)
       select 'p' || i, 'user-' || i,
              json_object('email', 'u' || i || '@example.com', 'plan', case when i % 3 = 0 then 'gold' else 'free' end),
              json_object('rfm', json_object('r', 1 + i % 5, 'f', 1 + (i // 5) % 5), 'clv', (hash(i) % 100000) / 100.0,
                          'churn_risk', (hash(i * 3) % 1000) / 1000.0, 'cluster', i % 4, 'cluster_description', 'c' || (i % 4)),
              timestamp '2024-01-01', timestamp '2024-01-01' + to_seconds(cast(hash(i * 5) % (365 * 86400) as bigint)),
              timestamp '2024-01-01', timestamp '2025-01-01'
         from range(${profiles}) t(i)`,
    );
    await store.execute(
      `insert into identities (kind, value, profile_id, created_at)
       select 'email', 'u' || i || '@example.com', 'p' || i, timestamp '2024-01-01' from range(${profiles}) t(i)
       union all select 'user_id', 'user-' || i, 'p' || i, timestamp '2024-01-01' from range(${profiles}) t(i)`,
    );
    await store.execute(
      `insert into events (message_id, profile_id, type, event, occurred_at, received_at, properties)
       select 'm' || i, 'p' || (hash(i) % ${profiles}), 'track',
              case when i % 5 = 0 then 'purchase' else 'Product Viewed' end,
              timestamp '2024-01-01' + to_seconds(cast(hash(i * 7) % (365 * 86400) as bigint)), timestamp '2025-01-01',
              json_object('amount', round((hash(i * 13) % 20000) / 100.0, 2))
         from range(${events}) t(i)`,
    );
    const repetitions = quick ? 3 : 5;
    const measure = async (work: () => Promise<unknown>) => median(await timeRepeated(repetitions, work));
    const scanEvents = await measure(() => store.query('select count(*) from events'));
    const scanProfiles = await measure(() => store.query('select count(*) from profiles'));
    const cachedOverview = createCachedOverview(store, systemClock);
    await cachedOverview();
    const rows: [string, number, number, string][] = [
      [
        'overview (totals, 30-day active, 24 months of KPIs)',
        await measure(() => readOverview(store)),
        scanEvents,
        'events',
      ],
      [
        'overview as served while no event arrives (cached)',
        await measure(() => cachedOverview()),
        scanEvents,
        'events',
      ],
      ['RFM grid', await measure(() => readRfmGrid(store)), scanProfiles, 'profiles'],
      [
        'CLV histogram (20 bins up to p99)',
        await measure(() => readHistogram(store, { key: 'clv', bins: 20, range: 'p99' })),
        scanProfiles,
        'profiles',
      ],
      ['cluster personas', await measure(() => readClusterPersonas(store)), scanProfiles, 'profiles'],
      [
        'customers: first page of 25',
        await measure(() => listProfiles(store, { limit: 25 })),
        scanProfiles,
        'profiles',
      ],
      [
        'customers: search "u4242"',
        await measure(() => listProfiles(store, { limit: 25, search: 'u4242' })),
        scanProfiles,
        'profiles',
      ],
      [
        `customers: page at offset ${(profiles / 2).toLocaleString('en-US')}`,
        await measure(() => listProfiles(store, { limit: 25, offset: profiles / 2 })),
        scanProfiles,
        'profiles',
      ],
    ];
    return {
      title: 'Dashboard read queries',
      markdown: [
        `${profiles.toLocaleString('en-US')} profiles (with RFM, CLV, churn and cluster scores), ` +
          `${(profiles * 2).toLocaleString('en-US')} identities, ${events.toLocaleString('en-US')} events (20% purchases), ` +
          `DuckDB file store. Median of ${repetitions} runs of each query as the API runs it. ` +
          `Baseline: \`select count(*)\` over the table the query reads (events ${scanEvents.toFixed(1)} ms, profiles ${scanProfiles.toFixed(1)} ms).`,
        '',
        '| query | median ms | ÷ bare count of its table |',
        '|---|---|---|',
        ...rows.map(
          ([name, ms, baseline, table]) =>
            `| ${name} | ${ms.toFixed(0)} | ${(ms / baseline).toFixed(1)}× (${table}) |`,
        ),
      ].join('\n'),
    };
  } finally {
    await store.close();
  }
};

export default benchmark;

/**
 * Recommendations: time to build the item-to-item similarities (SQL in the store) and latency of one profile's
 * top 10 (`recommendForProfile`, what a template or GET /v1/recommendations/:id runs), on the generated shop in
 * DuckDB and PostgreSQL, plus the build on Online Retail (the denser real data set: 48M candidate pairs) when the
 * shared data is present. Also the batch path: 1,000 profiles in one `recommendForProfiles` call.
 *
 * `--quick`: 2,000 generated customers instead of 10,000, fewer repetitions.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { buildItemSimilarities } from '../src/analytics/recommend/build-item-similarities.ts';
import {
  recommendForProfile,
  recommendForProfiles,
} from '../src/analytics/recommend/recommend-for-profiles.ts';
import { loadOnlineRetailHistory } from '../src/analytics/recommend/test-support/online-retail-history.ts';
import { generateMessages } from '../src/generate/index.ts';
import { ingestRawMessages } from '../src/ingest/ingest-raw-messages.ts';
import { openStore, type StoreLocation } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { sharedDataFile } from '../src/test-support/shared-data.ts';
import { median, timeRepeated, type Benchmark } from './benchmark.ts';

const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

interface EngineFigures {
  engine: string;
  events: number;
  buildMs: number;
  items: number;
  pairs: number;
  profiles: number;
  singleMedianMs: number;
  singleP95Ms: number;
  batchMs: number;
}

async function measure(options: {
  engine: string;
  location: StoreLocation;
  customers: number;
  builds: number;
  lookups: number;
}): Promise<EngineFigures> {
  const store = await openStore(options.location);
  try {
    await ingestRawMessages({
      store,
      batches: generateMessages({ customers: options.customers, days: 365, seed: 42, endDate: '2025-01-01' }),
    });
    const [count] = await store.query<{ events: number }>('select count(*) as events from events');
    const buildTimes = await timeRepeated(options.builds, () => buildItemSimilarities(store));
    const build = await buildItemSimilarities(store);
    const profileIds = await sampleProfiles(store, Math.max(options.lookups, 1_000));
    await recommendForProfile(store, { profileId: profileIds[0] ?? '', n: 10 }); // warm-up
    const latencies: number[] = [];
    for (const profileId of profileIds.slice(0, options.lookups)) {
      const started = performance.now();
      await recommendForProfile(store, { profileId, n: 10 });
      latencies.push(performance.now() - started);
    }
    const batchTimes = await timeRepeated(3, () => recommendForProfiles(store, { profileIds, n: 10 }));
    return {
      engine: options.engine,
      events: Number(count?.events ?? 0),
      buildMs: median(buildTimes),
      items: build.items,
      pairs: build.pairs,
      profiles: build.profiles,
      singleMedianMs: median(latencies),
      singleP95Ms: percentile(latencies, 0.95),
      batchMs: median(batchTimes),
    };
  } finally {
    await store.close();
  }
}

/** A deterministic spread of profiles (every k-th by id), buyers and non-buyers alike. */
async function sampleProfiles(store: Store, count: number): Promise<string[]> {
  const rows = await store.query<{ id: string }>('select id from profiles order by id');
  const step = Math.max(1, Math.floor(rows.length / count));
  return rows
    .filter((_, index) => index % step === 0)
    .slice(0, count)
    .map((row) => row.id);
}

async function measureOnlineRetail(builds: number): Promise<string> {
  const file = sharedDataFile('online_retail', 'online_retail.csv');
  if (!file) return 'Online Retail not present: its build was not measured.';
  const store = await openStore({ duckdbPath: ':memory:' });
  try {
    await loadOnlineRetailHistory(store, { file, holdOutLastInvoice: false });
    const times = await timeRepeated(builds, () =>
      buildItemSimilarities(store, { itemProperty: 'StockCode' }),
    );
    const build = await buildItemSimilarities(store, { itemProperty: 'StockCode' });
    return (
      `Online Retail on DuckDB (all 406,829 lines with a customer; ${build.profiles.toLocaleString('en-US')} buyers, ` +
      `${build.items.toLocaleString('en-US')} items): build median ${ms(median(times))} over ${builds} runs, ` +
      `${build.pairs.toLocaleString('en-US')} neighbour rows. Hit rate @10 with the last invoice held out: see ` +
      '`src/analytics/recommend/online-retail.acceptance.test.ts` (31.0 % against 21.3 % for popularity).'
    );
  } finally {
    await store.close();
  }
}

function row(figures: EngineFigures): string {
  return (
    `| ${figures.engine} | ${figures.events.toLocaleString('en-US')} | ${ms(figures.buildMs)} | ` +
    `${figures.items} items, ${figures.pairs.toLocaleString('en-US')} pairs, ${figures.profiles.toLocaleString('en-US')} buyers | ` +
    `${ms(figures.singleMedianMs)} | ${ms(figures.singleP95Ms)} | ${ms(figures.batchMs)} |`
  );
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const customers = quick ? 2_000 : 10_000;
  const settings = { customers, builds: quick ? 2 : 5, lookups: quick ? 100 : 300 };
  log(`DuckDB: ${customers} generated customers`);
  const rows = [
    row(
      await measure({
        engine: 'DuckDB',
        location: { duckdbPath: join(workDir, 'recommend.duckdb') },
        ...settings,
      }),
    ),
  ];
  const script = resolve(import.meta.dirname, '../scripts/postgres-cluster.sh');
  const clusterDir = join(workDir, 'pg');
  try {
    const url = execFileSync(script, ['start', clusterDir, '18742'], { encoding: 'utf8' }).trim();
    try {
      log(`PostgreSQL: ${customers} generated customers`);
      rows.push(row(await measure({ engine: 'PostgreSQL', location: { databaseUrl: url }, ...settings })));
    } finally {
      execFileSync(script, ['stop', clusterDir]);
    }
  } catch (error) {
    log(`PostgreSQL skipped: ${(error as Error).message}`);
    rows.push('| PostgreSQL | – | – | not measured: PostgreSQL could not be started | – | – | – |');
  }
  log('Online Retail build');
  const onlineRetail = await measureOnlineRetail(quick ? 1 : 3);
  return {
    title: 'Recommendations: item-to-item build and per-profile latency',
    markdown: [
      `The generated shop (${customers.toLocaleString('en-US')} customers, 365 days, seed 42; one \`product_id\` per purchase), ` +
        'default build (cosine, ≥ 2 co-buyers, 50 neighbours per item). Build: median of ' +
        `${settings.builds} full rebuilds (one transaction each). Single profile: \`recommendForProfile\` top 10 ` +
        `for ${settings.lookups} profiles one after another (model lookup + profile check + one query). ` +
        'Batch: 1,000 profiles in one `recommendForProfiles` call (median of 3).',
      '',
      '| engine | events | build (median) | result | one profile, median | one profile, p95 | 1,000 profiles in one call |',
      '|---|---|---|---|---|---|---|',
      ...rows,
      '',
      onlineRetail,
    ].join('\n'),
  };
};

export default benchmark;

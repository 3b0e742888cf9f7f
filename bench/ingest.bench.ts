/**
 * Ingestion throughput: events/s through POST /v1/batch with concurrent keep-alive clients against `segmint serve`
 * in a child process, on DuckDB and on PostgreSQL. Batches are serialised before the clock starts, so the figure is
 * the server's (parse, validate, resolve identities, group commit), not the load generator's.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { importEvents } from '../src/ingest/import/index.ts';
import { join, resolve } from 'node:path';
import { openStore } from '../src/store/open-store.ts';
import { createSource } from '../src/sources/sources.ts';
import type { Benchmark } from './benchmark.ts';
import { median } from './benchmark.ts';
import { startChildServer } from './support/child-server.ts';

const BATCH_SIZE = 250;
const CLIENTS = 8;

function buildBodies(options: { events: number; customers: number; runId: string }): string[] {
  const bodies: string[] = [];
  const start = Date.UTC(2025, 0, 1);
  for (let offset = 0; offset < options.events; offset += BATCH_SIZE) {
    const batch = [];
    for (let index = offset; index < Math.min(options.events, offset + BATCH_SIZE); index++) {
      const customer = index % options.customers;
      batch.push({
        type: 'track',
        messageId: `${options.runId}-${index}`,
        userId: `user-${customer}`,
        event: index % 10 === 0 ? 'purchase' : 'Product Viewed',
        timestamp: new Date(start + index * 1000).toISOString(),
        properties: { product_id: `sku-${index % 500}`, amount: (index % 97) + 0.99, category: 'books' },
        context: { ip: '127.0.0.1', library: { name: 'bench', version: '1' } },
      });
    }
    bodies.push(JSON.stringify({ batch }));
  }
  return bodies;
}

async function sendAll(
  url: string,
  writeKey: string,
  bodies: string[],
): Promise<{ seconds: number; latencies: number[] }> {
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++] as string;
        const sent = performance.now();
        const response = await fetch(`${url}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization },
          body,
        });
        if (response.status !== 200)
          throw new Error(`batch failed: ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

async function measureEngine(options: {
  storeArgs: string[];
  location: Parameters<typeof openStore>[0];
  events: number;
  port: number;
  runs: number;
}) {
  const store = await openStore(options.location);
  const { writeKey } = await createSource(store, `bench-${Date.now()}`);
  await store.close();
  const server = await startChildServer({
    storeArgs: options.storeArgs,
    port: options.port,
    adminKey: 'bench',
  });
  try {
    const rates: number[] = [];
    const p99s: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const bodies = buildBodies({
        events: options.events,
        customers: Math.max(1, options.events / 20),
        runId: `r${run}-${Date.now()}`,
      });
      const { seconds, latencies } = await sendAll(server.url, writeKey, bodies);
      rates.push(options.events / seconds);
      latencies.sort((a, b) => a - b);
      p99s.push(latencies[Math.floor(latencies.length * 0.99)] ?? 0);
    }
    return { rate: median(rates), p99: median(p99s) };
  } finally {
    await server.stop();
  }
}

/** Writes a purchases CSV (order_id,user_id,timestamp,amount,product_id,category) of `rows` rows. */
async function writePurchasesCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('order_id,user_id,timestamp,amount,product_id,category\n');
  const start = Date.UTC(2024, 0, 1);
  for (let index = 0; index < rows; index++) {
    const line = `o${index},u${index % Math.max(1, rows / 10)},${new Date(start + index * 60_000).toISOString()},${((index % 500) + 0.99).toFixed(2)},sku-${index % 300},books\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function measureCsvImport(
  workDir: string,
  rows: number,
): Promise<{ rowsPerSecond: number; seconds: number }> {
  const csv = join(workDir, 'purchases.csv');
  await writePurchasesCsv(csv, rows);
  const store = await openStore({ duckdbPath: join(workDir, 'import.duckdb') });
  try {
    const started = performance.now();
    const summary = await importEvents({
      store,
      file: csv,
      event: 'purchase',
      idColumn: 'user_id',
      timestampColumn: 'timestamp',
      amountColumn: 'amount',
      messageIdColumn: 'order_id',
    });
    const seconds = (performance.now() - started) / 1000;
    if (summary.imported !== rows) throw new Error(`imported ${summary.imported} of ${rows} rows`);
    return { rowsPerSecond: rows / seconds, seconds };
  } finally {
    await store.close();
  }
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const events = quick ? 50_000 : 300_000;
  const runs = quick ? 1 : 3;
  const duckdbPath = join(workDir, 'ingest.duckdb');
  log(`DuckDB: ${events} events × ${runs} runs`);
  const duck = await measureEngine({
    storeArgs: ['--db', duckdbPath],
    location: { duckdbPath },
    events,
    port: 18731,
    runs,
  });
  log(`DuckDB: ${Math.round(duck.rate)} events/s`);

  const script = resolve(import.meta.dirname, '../scripts/postgres-cluster.sh');
  const clusterDir = join(workDir, 'pg');
  let postgresLine = '| PostgreSQL | – | – | not measured: PostgreSQL could not be started |';
  try {
    const url = execFileSync(script, ['start', clusterDir, '18732'], {
      encoding: 'utf8',
      env: { ...process.env, SEGMINT_PG_DURABLE: '1' },
    }).trim();
    try {
      log(`PostgreSQL: ${events} events × ${runs} runs`);
      const pg = await measureEngine({
        storeArgs: ['--database-url', url],
        location: { databaseUrl: url },
        events,
        port: 18733,
        runs,
      });
      postgresLine = `| PostgreSQL (fsync on, synchronous_commit on) | ${Math.round(pg.rate).toLocaleString('en-US')} | ${pg.p99.toFixed(0)} | ${(pg.rate / duck.rate).toFixed(2)}× DuckDB |`;
    } finally {
      execFileSync(script, ['stop', clusterDir]);
    }
  } catch (error) {
    log(`PostgreSQL skipped: ${(error as Error).message}`);
  }

  const csvRows = quick ? 100_000 : 500_000;
  log(`CSV import: ${csvRows} rows`);
  const csvImport = await measureCsvImport(workDir, csvRows);

  return {
    title: 'Ingestion: events/s through POST /v1/batch, rows/s for CSV import',
    markdown: [
      `${events.toLocaleString('en-US')} track events per run (${BATCH_SIZE} per batch, ~${Math.round(events / 20).toLocaleString('en-US')} customers), ` +
        `${CLIENTS} concurrent keep-alive clients, \`segmint serve\` in a child process on the same 2-core machine (clients and server share the cores). ` +
        `Median of ${runs} runs; every acknowledged event is committed (group commit, DuckDB WAL / PostgreSQL fsync).`,
      '',
      '| engine | events/s (median) | p99 batch latency ms | ratio |',
      '|---|---|---|---|',
      `| DuckDB (embedded, default) | ${Math.round(duck.rate).toLocaleString('en-US')} | ${duck.p99.toFixed(0)} | 1.00× |`,
      postgresLine,
      '',
      `CSV import (\`segmint import events\`, DuckDB, one transaction, cleansing + dedupe + identity resolution): ` +
        `${csvRows.toLocaleString('en-US')} rows in ${csvImport.seconds.toFixed(1)} s = **${Math.round(csvImport.rowsPerSecond).toLocaleString('en-US')} rows/s** (one run).`,
    ].join('\n'),
  };
};

export default benchmark;

/**
 * Journey engine throughput: N profiles through trigger → delay → branch → send (a queued outbox row), on DuckDB
 * and on PostgreSQL with one and two workers. A fake clock moves past the delay, so the figure is the engine's
 * own speed: steps recorded per second of worker time (arrive at the delay, leave it, branch, send: 4 per profile),
 * each step memoised under its step id exactly as in production. The trigger scan (runs started per second) is
 * reported beside it.
 */
import { join } from 'node:path';
import { ManualClock } from '../src/clock.ts';
import { commitMessages } from '../src/ingest/commit-messages.ts';
import { changeJourneyStatus } from '../src/journeys/journey-status.ts';
import { saveJourney } from '../src/journeys/journey-store.ts';
import { runJourneyPass } from '../src/journeys/journey-worker.ts';
import { JourneyDefinitions } from '../src/journeys/engine/journey-definitions.ts';
import { scanJourneyTriggers } from '../src/journeys/entry/scan-triggers.ts';
import { createTestTemplate } from '../src/journeys/testing/journey-world.ts';
import { normalizeMessage } from '../src/ingest/normalize-message.ts';
import type { NormalizedMessage } from '../src/schema/messages.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { createPostgresDatabase } from '../src/test-support/postgres-database.ts';
import type { Benchmark } from './benchmark.ts';
import { median } from './benchmark.ts';
import { startDurablePostgres } from './support/durable-postgres.ts';

const RECEIVED_AT = new Date('2025-06-01T12:00:00Z');
const HOUR = 3_600_000;

function message(raw: Record<string, unknown>): NormalizedMessage {
  const result = normalizeMessage(raw, { receivedAt: RECEIVED_AT, sourceId: null, path: 'message' });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.message;
}

/** N customers, a third on the "pro" plan, each with one "Bench Start" event. */
async function loadProfiles(store: Store, profiles: number): Promise<void> {
  const chunk = 10_000;
  for (let start = 0; start < profiles; start += chunk) {
    const messages: NormalizedMessage[] = [];
    for (let index = start; index < Math.min(profiles, start + chunk); index++) {
      const timestamp = RECEIVED_AT.toISOString();
      messages.push(
        message({
          type: 'identify',
          messageId: `i${index}`,
          userId: `u${index}`,
          timestamp,
          traits: { plan: index % 3 === 0 ? 'pro' : 'free' },
        }),
        message({
          type: 'track',
          messageId: `t${index}`,
          userId: `u${index}`,
          event: 'Bench Start',
          timestamp,
        }),
      );
    }
    await store.transaction((tx) => commitMessages(tx, messages));
  }
  await createTestTemplate(store, 'welcome');
  await createTestTemplate(store, 'win-back');
}

interface Measurement {
  scanMs: number;
  workMs: number;
  steps: number;
  messages: number;
}

/** One repetition: a fresh journey (its own runs) scanned, then worked through by `stores.length` workers. */
async function measureOnce(
  stores: readonly Store[],
  profiles: number,
  repetition: number,
): Promise<Measurement> {
  const [store] = stores;
  if (!store) throw new Error('no store');
  const clock = new ManualClock(new Date(RECEIVED_AT.getTime() + 1000));
  const name = `bench ${stores.length} worker(s) #${repetition}`;
  await saveJourney(
    store,
    {
      schemaVersion: 1,
      name,
      trigger: { type: 'event', event: 'Bench Start' },
      entry: { type: 'every_time' },
      start: 'wait',
      nodes: [
        { id: 'wait', type: 'delay', duration: '1h', next: 'plan' },
        { id: 'plan', type: 'branch', condition: 'plan = "pro"', then: 'pro', else: 'basic' },
        { id: 'pro', type: 'send', template: 'welcome' },
        { id: 'basic', type: 'send', template: 'win-back' },
      ],
    },
    { now: new Date(RECEIVED_AT.getTime() - 60_000) },
  );
  let started = performance.now();
  const scan = await scanJourneyTriggers({ store, clock, definitions: new JourneyDefinitions() });
  const scanMs = performance.now() - started;
  if (scan.started !== profiles) throw new Error(`expected ${profiles} runs, started ${scan.started}`);
  const work = async () => {
    const passes = await Promise.all(
      stores.map((workerStore) => runJourneyPass({ store: workerStore, clock, scan: false })),
    );
    return passes.reduce(
      (total, pass) => ({ steps: total.steps + pass.steps, messages: total.messages + pass.messages }),
      { steps: 0, messages: 0 },
    );
  };
  started = performance.now();
  const arrive = await work();
  clock.advance(HOUR + 60_000);
  const rest = await work();
  const workMs = performance.now() - started;
  await changeJourneyStatus(store, name, 'archive', { now: clock.now() });
  const steps = arrive.steps + rest.steps;
  if (steps !== 4 * profiles) throw new Error(`expected ${4 * profiles} steps, recorded ${steps}`);
  return { scanMs, workMs, steps, messages: arrive.messages + rest.messages };
}

async function measure(
  label: string,
  open: () => Promise<Store>,
  options: { workers: number; profiles: number; repetitions: number; load: boolean },
  log: (line: string) => void,
): Promise<string> {
  const stores = await Promise.all(Array.from({ length: options.workers }, open));
  try {
    const [first] = stores;
    if (!first) throw new Error('no store');
    if (options.load) {
      log(`${label}: loading ${options.profiles.toLocaleString('en-US')} profiles`);
      await loadProfiles(first, options.profiles);
    }
    const runs: Measurement[] = [];
    for (let repetition = 0; repetition < options.repetitions; repetition++) {
      runs.push(await measureOnce(stores, options.profiles, repetition));
      log(`${label}: ${JSON.stringify(runs[runs.length - 1])}`);
    }
    const stepsPerSecond = median(runs.map((run) => run.steps / (run.workMs / 1000)));
    const runsPerSecond = median(runs.map((run) => options.profiles / (run.scanMs / 1000)));
    return `| ${label} | ${options.workers} | ${Math.round(stepsPerSecond).toLocaleString('en-US')} | ${median(runs.map((run) => run.workMs / 1000)).toFixed(1)} | ${Math.round(runsPerSecond).toLocaleString('en-US')} |`;
  } finally {
    await Promise.all(stores.map((store) => store.close()));
  }
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const profiles = quick ? 10_000 : 100_000;
  const repetitions = 3;
  const lines: string[] = [];
  const duckdbPath = join(workDir, 'journeys.duckdb');
  lines.push(
    await measure(
      'DuckDB (embedded)',
      () => openStore({ duckdbPath }),
      { workers: 1, profiles, repetitions, load: true },
      log,
    ),
  );
  const postgres = await startDurablePostgres(log);
  if (postgres) {
    try {
      const url = await createPostgresDatabase(postgres.url, 'segmint_bench');
      const open = () => openStore({ databaseUrl: url });
      lines.push(await measure('PostgreSQL', open, { workers: 1, profiles, repetitions, load: true }, log));
      lines.push(await measure('PostgreSQL', open, { workers: 2, profiles, repetitions, load: false }, log));
    } finally {
      postgres.stop();
    }
  } else {
    lines.push('| PostgreSQL | – | – | – | not measured: PostgreSQL could not be started |');
  }
  return {
    title: 'Journeys: steps per second (trigger → delay → branch → send)',
    markdown: [
      `${profiles.toLocaleString('en-US')} profiles (a third on plan "pro"), each triggering the journey once; a fake clock moves past the 1 h delay. ` +
        `4 steps per profile (arrive at the delay, leave it, branch, send = a queued outbox row), each recorded in \`journey_steps\` under its step id. ` +
        `Runs claimed per transaction: 10,000 on DuckDB, 2,000 on PostgreSQL (the defaults); the branch is one segment query per batch (\`profileIds\`). ` +
        `Median of ${repetitions} repetitions, each with a fresh journey. PostgreSQL: durable cluster (fsync on); two workers are two connection pools in one process claiming with FOR UPDATE SKIP LOCKED. Target ≥ 5,000 steps/s embedded.`,
      '',
      '| engine | workers | steps/s (median) | worker seconds | trigger scan: runs started/s |',
      '|---|---|---|---|---|',
      ...lines,
    ].join('\n'),
  };
};

export default benchmark;

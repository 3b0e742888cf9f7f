/**
 * Durability of the journey engine. A journey sends to 10,000 profiles (trigger → split → send); a worker in a
 * child process is SIGKILLed several times mid-run and started again; at the end every profile has exactly one
 * queued message and every run took each step once. On PostgreSQL, two workers run side by side and never claim
 * the same run (FOR UPDATE SKIP LOCKED).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { systemClock } from '../clock.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { normalized } from '../test-support/messages.ts';
import { createPostgresDatabase } from '../test-support/postgres-database.ts';
import { JourneyDefinitions } from './engine/journey-definitions.ts';
import { scanJourneyTriggers } from './entry/scan-triggers.ts';
import { saveJourney } from './journey-store.ts';
import { createTestTemplate } from './testing/journey-world.ts';

const PROFILES = 10_000;
const KILLS = 3;
const CHILD = join(import.meta.dirname, 'testing/worker-child.ts');

const childBatchSchema = z.object({ claimed: z.number(), steps: z.number(), runIds: z.array(z.string()) });
type ChildBatch = z.infer<typeof childBatchSchema>;

/** Starts a worker process; `batches` fills as it reports committed batches; `exited` resolves with its signal. */
function startWorker(storeArgs: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...storeArgs, '--batch-size', '100'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const batches: ChildBatch[] = [];
  let stderr = '';
  let onBatch: (() => void) | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const batch = childBatchSchema.safeParse(JSON.parse(line));
    if (batch.success) {
      batches.push(batch.data);
      onBatch?.();
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal, stderr })),
  );
  return {
    batches,
    exited,
    /** Resolves once the worker reported `count` batches (or exited). */
    async afterBatches(count: number): Promise<void> {
      await Promise.race([
        exited,
        new Promise<void>((done) => {
          onBatch = () => batches.length >= count && done();
          onBatch();
        }),
      ]);
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** A store with 10,000 profiles that each just triggered the journey, and their runs started. */
async function prepareStore(store: Store): Promise<string> {
  await createTestTemplate(store, 'welcome');
  await createTestTemplate(store, 'win-back');
  const { journey } = await saveJourney(
    store,
    {
      schemaVersion: 1,
      name: 'crash test',
      trigger: { type: 'event', event: 'Crash Start' },
      start: 'split',
      nodes: [
        {
          id: 'split',
          type: 'split',
          variants: [
            { name: 'a', weight: 1, next: 'send-a' },
            { name: 'b', weight: 1, next: 'send-b' },
          ],
        },
        { id: 'send-a', type: 'send', template: 'welcome' },
        { id: 'send-b', type: 'send', template: 'win-back' },
      ],
    },
    { now: new Date(Date.now() - 60_000) },
  );
  const now = systemClock.now();
  await store.transaction((tx) =>
    commitMessages(
      tx,
      Array.from({ length: PROFILES }, (_, index) =>
        normalized(
          { type: 'track', userId: `crash-${index}`, event: 'Crash Start', timestamp: now.toISOString() },
          now,
        ),
      ),
    ),
  );
  const scan = await scanJourneyTriggers({
    store,
    clock: systemClock,
    definitions: new JourneyDefinitions(),
  });
  expect(scan.started).toBe(PROFILES);
  return journey.id;
}

async function audit(store: Store, journeyId: string) {
  const one = async (sql: string) => Number((await store.query<{ n: number }>(sql, [journeyId]))[0]?.n);
  return {
    messages: await one('select count(*) as n from messages where journey_id = $1'),
    profilesSent: await one('select count(distinct profile_id) as n from messages where journey_id = $1'),
    profilesWithDuplicates: await one(
      'select count(*) as n from (select profile_id from messages where journey_id = $1 group by profile_id having count(*) > 1) d',
    ),
    steps: await one('select count(*) as n from journey_steps where journey_id = $1'),
    completedRuns: await one(
      "select count(*) as n from journey_runs where journey_id = $1 and status = 'completed'",
    ),
  };
}

const EXPECTED = {
  messages: PROFILES,
  profilesSent: PROFILES,
  profilesWithDuplicates: 0,
  steps: 2 * PROFILES,
  completedRuns: PROFILES,
};

for (const engine of ['duckdb', 'postgres'] as const) {
  const clusterUrl = inject('postgresUrl');
  const isAvailable = engine === 'duckdb' || clusterUrl !== '';
  if (!isAvailable)
    console.warn(`SKIPPED: journey crash test on PostgreSQL — no PostgreSQL server in this run.`);

  describe.runIf(isAvailable)(`journey worker survives SIGKILL [${engine}]`, () => {
    const folders: string[] = [];
    /** A fresh store for one test: the worker's CLI arguments and a way to open it here. */
    async function freshStore(): Promise<{ storeArgs: string[]; open: () => Promise<Store> }> {
      if (engine === 'duckdb') {
        const folder = mkdtempSync(join(tmpdir(), 'segmint-journey-crash-'));
        folders.push(folder);
        const path = join(folder, 'store.duckdb');
        return { storeArgs: ['--db', path], open: () => openStore({ duckdbPath: path }) };
      }
      const url = await createPostgresDatabase(clusterUrl);
      return { storeArgs: ['--database-url', url], open: () => openStore({ databaseUrl: url }) };
    }
    afterAll(() => {
      for (const folder of folders) rmSync(folder, { recursive: true, force: true });
    });

    it(`sends exactly one message to each of ${PROFILES} profiles through ${KILLS} kills`, async () => {
      const { storeArgs, open } = await freshStore();
      const setup = await open();
      const journeyId = await prepareStore(setup).finally(() => setup.close());
      const signals: (NodeJS.Signals | null)[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        const worker = startWorker(storeArgs);
        // Kill points vary from run to run: after 3 to 12 committed batches, so usually inside the next one.
        await worker.afterBatches(3 + Math.floor(Math.random() * 10));
        worker.kill();
        signals.push((await worker.exited).signal);
      }
      expect(signals).toEqual(['SIGKILL', 'SIGKILL', 'SIGKILL']);
      const last = startWorker(storeArgs);
      const finished = await last.exited;
      expect(finished.code, finished.stderr).toBe(0);
      const store = await open();
      try {
        expect(await audit(store, journeyId)).toEqual(EXPECTED);
      } finally {
        await store.close();
      }
    }, 300_000);

    it.runIf(engine === 'postgres')(
      'runs two workers in parallel that never claim the same run',
      async () => {
        const { storeArgs, open } = await freshStore();
        const setup = await open();
        const journeyId = await prepareStore(setup).finally(() => setup.close());
        const workers = [startWorker(storeArgs), startWorker(storeArgs)];
        const results = await Promise.all(workers.map((worker) => worker.exited));
        for (const result of results) expect(result.code, result.stderr).toBe(0);
        const claimedBy = workers.map((worker) => worker.batches.flatMap((batch) => batch.runIds));
        expect(claimedBy.map((ids) => ids.length > 0)).toEqual([true, true]);
        const all = claimedBy.flat();
        expect(new Set(all).size).toBe(all.length);
        expect(all.length).toBe(PROFILES);
        const store = await open();
        try {
          expect(await audit(store, journeyId)).toEqual(EXPECTED);
        } finally {
          await store.close();
        }
      },
      300_000,
    );
  });
}

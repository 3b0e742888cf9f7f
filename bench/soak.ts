/**
 * `npm run soak [-- options]`: the long reliability runs (loopback only, bounded in time); `npm test` runs the
 * same code with small numbers.
 *  1. Crash safety: 1,000,000 events through POST /v1/batch from clients that retry like Segment's SDKs, while
 *     `segmint serve` is killed with SIGKILL at random moments and restarted, on DuckDB and on a durable
 *     PostgreSQL. The store is audited after every kill and at the end.
 *  2. Fuzzing: 100,000 cases of the tracking, profile, segment-text and journey API properties (src/api/fuzz-properties.ts).
 * The figures replace the "last soak run" sections of RELIABILITY.md (each part its own); any violation exits 1.
 *
 * Options: --events N  --kills N  --engines duckdb,postgres  --fuzz-cases N  --fuzz-minutes N  --seed N
 *          --skip-crash  --skip-fuzz  --no-write
 */
import { parseArgs } from 'node:util';
import { createFuzzTarget } from '../src/api/fuzz-target.ts';
import { seedProfiles } from '../src/api/fuzz-profiles-oracle.ts';
import { seedJourneyFuzzTarget } from '../src/api/fuzz-journeys.ts';
import {
  journeyFuzzProperties,
  profileFuzzProperties,
  publicEndpointFuzzProperties,
  segmentTextFuzzProperties,
  trackingFuzzProperties,
  type FuzzProperty,
} from '../src/api/fuzz-properties.ts';
import { openStore } from '../src/store/open-store.ts';
import { auditIngestion, type IngestionAudit } from './support/audit-ingestion.ts';
import { startChildServer } from './support/child-server.ts';
import { randomDisruptions, runDisruptedIngestion } from './support/disrupted-ingestion.ts';
import { startDurablePostgres, type DurablePostgres } from './support/durable-postgres.ts';
import type { EventPlan } from './support/event-plan.ts';
import { findFreePort } from './support/free-port.ts';
import { createScratchStore } from './support/scratch-store.ts';
import {
  renderCrashReport,
  renderFuzzReport,
  writeSoakSection,
  type CrashFigures,
  type FuzzFigures,
} from './support/soak-report.ts';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    kills: { type: 'string', default: '5' },
    engines: { type: 'string', default: 'duckdb,postgres' },
    'fuzz-cases': { type: 'string', default: '100000' },
    'fuzz-minutes': { type: 'string', default: '45' },
    seed: { type: 'string', default: String(Math.floor(Math.random() * 2 ** 31)) },
    'skip-crash': { type: 'boolean', default: false },
    'skip-fuzz': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
  },
});
const events = Number(args.events);
const seed = Number(args.seed);
const LOST_ANSWER_SHARE = 0.01;
const log = (line: string) => console.log(`  ${line}`);

/** What the final audit must show; anything else is a broken guarantee. */
function auditProblems(audit: IngestionAudit, plan: EventPlan, when: string): string[] {
  const problems: string[] = [];
  if (audit.missingAcknowledged > 0)
    problems.push(
      `${when}: ${audit.missingAcknowledged} acknowledged events missing (${audit.missingExamples.join(', ')})`,
    );
  if (audit.duplicateRows > 0) problems.push(`${when}: ${audit.duplicateRows} duplicate rows`);
  if (audit.orphanEvents > 0) problems.push(`${when}: ${audit.orphanEvents} events without a profile`);
  if (audit.splitIdentities > 0) problems.push(`${when}: ${audit.splitIdentities} ids split across profiles`);
  if (when !== 'final') return problems;
  if (audit.planEvents !== plan.events || audit.events !== plan.events)
    problems.push(`final: ${audit.planEvents} events stored, expected exactly ${plan.events}`);
  if (audit.profiles !== plan.customers)
    problems.push(`final: ${audit.profiles} profiles, expected ${plan.customers}`);
  return problems;
}

async function soakCrash(engine: 'duckdb' | 'postgres'): Promise<CrashFigures> {
  console.log(`▶ crash safety on ${engine}: ${events} events, ${args.kills} kills, seed ${seed}`);
  let postgres: DurablePostgres | undefined;
  if (engine === 'postgres') {
    postgres = await startDurablePostgres(log);
    if (!postgres) return { engine, skipped: 'PostgreSQL is not installed here', problems: [] };
  }
  const scratch = await createScratchStore({ engine, postgresClusterUrl: postgres?.url });
  try {
    const plan: EventPlan = {
      runId: `soak-${engine}`,
      events,
      customers: Math.round(events / 20),
      batchSize: 100,
    };
    const port = await findFreePort();
    const afterKills: IngestionAudit[] = [];
    const report = await runDisruptedIngestion({
      plan,
      writeKey: scratch.writeKey,
      clients: 8,
      startServer: () => startChildServer({ storeArgs: scratch.storeArgs, port, adminKey: 'soak' }),
      disruptions: randomDisruptions({ events, count: Number(args.kills), signal: 'SIGKILL', seed }),
      lostAnswerShare: LOST_ANSWER_SHARE,
      seed,
      whileDown: async (outcome, acknowledgedBatches) => {
        const audit = await auditIngestion({ location: scratch.location, plan, acknowledgedBatches });
        afterKills.push(audit);
        log(
          `  after the kill: ${audit.planEvents} stored, ${audit.missingAcknowledged} acknowledged missing, ` +
            `${audit.storedUnacknowledged} committed but not yet answered (${outcome.acknowledgedEvents} acknowledged)`,
        );
      },
      log,
    });
    const final = await auditIngestion({
      location: scratch.location,
      plan,
      acknowledgedBatches: report.acknowledgedBatches,
    });
    const problems = [
      ...afterKills.flatMap((audit, index) => auditProblems(audit, plan, `after kill ${index + 1}`)),
      ...auditProblems(final, plan, 'final'),
      ...(report.finalExitCode === 0 ? [] : [`graceful stop exited ${report.finalExitCode}`]),
    ];
    log(
      `${Math.round(report.eventsPerSecond)} events/s over ${report.seconds.toFixed(0)} s; ${problems.length === 0 ? 'exactly once' : problems.join('; ')}`,
    );
    return { engine, report, final, afterKills, problems };
  } finally {
    scratch.remove();
    postgres?.stop();
  }
}

async function runShare(property: FuzzProperty, cases: number, minutes: number): Promise<FuzzFigures> {
  const started = performance.now();
  let problem: string | undefined;
  try {
    await property.run({ numRuns: cases, seed, timeLimitMs: minutes * 60_000 });
  } catch (error) {
    problem = error instanceof Error ? error.message.split('\n').slice(0, 6).join(' ') : String(error);
  }
  const ran = [...property.statuses.values()].reduce((sum, count) => sum + count, 0);
  const seconds = (performance.now() - started) / 1000;
  log(
    `${property.name}: ${ran} cases in ${seconds.toFixed(0)} s${problem ? ` — VIOLATION: ${problem}` : ''}`,
  );
  return { name: property.name, cases: ran, seconds, statuses: property.statuses, problem };
}

async function soakFuzz(): Promise<FuzzFigures[]> {
  const total = Number(args['fuzz-cases']);
  const minutes = Number(args['fuzz-minutes']);
  console.log(`▶ fuzzing: ${total} cases within ${minutes} minutes, seed ${seed}`);
  const trackingStore = await openStore({ duckdbPath: ':memory:' });
  const profileStore = await openStore({ duckdbPath: ':memory:' });
  const segmentStore = await openStore({ duckdbPath: ':memory:' });
  const journeyStore = await openStore({ duckdbPath: ':memory:' });
  try {
    const tracking = await createFuzzTarget(trackingStore);
    const profiles = await createFuzzTarget(profileStore);
    const seeded = { target: profiles, seeded: await seedProfiles(profiles) };
    const segments = await createFuzzTarget(segmentStore);
    const journeys = await createFuzzTarget(journeyStore);
    await seedJourneyFuzzTarget(journeys);
    // Shares of the cases (and of the time): most go to whole requests, where most of the input space is.
    const plan: [FuzzProperty, number][] = [
      ...trackingFuzzProperties(() => tracking).map((property, index): [FuzzProperty, number] => [
        property,
        [0.4, 0.15, 0.1][index] ?? 0,
      ]),
      ...profileFuzzProperties(() => seeded).map((property): [FuzzProperty, number] => [property, 0.05]),
      // The segment text parser and compiler (preview + create) and the computed-trait expression parser.
      ...segmentTextFuzzProperties(() => segments).map((property, index): [FuzzProperty, number] => [
        property,
        [0.1, 0.05][index] ?? 0,
      ]),
      // The journey validator and save path.
      ...journeyFuzzProperties(() => journeys).map((property): [FuzzProperty, number] => [property, 0.05]),
      // Tracking links, preference centre, in-app content and feeds.
      ...publicEndpointFuzzProperties(() => tracking).map((property): [FuzzProperty, number] => [
        property,
        0.05,
      ]),
    ];
    const figures: FuzzFigures[] = [];
    for (const [property, share] of plan)
      figures.push(await runShare(property, Math.round(total * share), minutes * share));
    return figures;
  } finally {
    await trackingStore.close();
    await profileStore.close();
    await segmentStore.close();
    await journeyStore.close();
  }
}

const crash: CrashFigures[] = [];
if (!args['skip-crash']) {
  for (const engine of args.engines.split(',')) {
    if (engine !== 'duckdb' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
    crash.push(await soakCrash(engine));
  }
}
const fuzz = args['skip-fuzz'] ? [] : await soakFuzz();
const write = (name: 'crash' | 'fuzz', markdown: string) => {
  console.log(`\n${markdown}\n`);
  if (args['no-write']) return;
  console.log(
    writeSoakSection(name, markdown) ? `Written to RELIABILITY.md` : 'RELIABILITY.md has no such section',
  );
};
if (crash.length > 0) {
  write(
    'crash',
    renderCrashReport({
      crash,
      seed,
      events,
      customers: Math.round(events / 20),
      lostAnswerShare: LOST_ANSWER_SHARE,
    }),
  );
}
if (fuzz.length > 0) write('fuzz', renderFuzzReport({ fuzz, seed }));
const failed =
  crash.some((figures) => figures.problems.length > 0) || fuzz.some((figures) => figures.problem);
process.exit(failed ? 1 : 0);

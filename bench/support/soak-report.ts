/**
 * Figures of a soak run, as markdown in the "last soak run" sections of RELIABILITY.md (one for the crash runs,
 * one for the fuzzing; the rest of the file is left as it is).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { IngestionAudit } from './audit-ingestion.ts';
import type { DisruptedIngestionReport } from './disrupted-ingestion.ts';

export interface CrashFigures {
  engine: string;
  /** Why the engine was not run, when it was not. */
  skipped?: string;
  report?: DisruptedIngestionReport;
  final?: IngestionAudit;
  afterKills?: IngestionAudit[];
  problems: string[];
}

export interface FuzzFigures {
  name: string;
  cases: number;
  seconds: number;
  statuses: Map<number, number>;
  problem?: string;
}

const reliabilityFile = resolve(import.meta.dirname, '../../RELIABILITY.md');
const number = (value: number) => Math.round(value).toLocaleString('en-US');

function crashRow(figures: CrashFigures): string {
  const { report, final } = figures;
  if (!report || !final) return `| ${figures.engine} | not run: ${figures.skipped ?? 'failed'} | | | | | |`;
  const kills = report.outcomes.filter((outcome) => outcome.signal === 'SIGKILL').length;
  const recovery = report.outcomes.map((outcome) => outcome.downSeconds.toFixed(1)).join(' / ');
  const verdict = figures.problems.length === 0 ? 'exactly once ✔' : `**${figures.problems.join('; ')}**`;
  return (
    `| ${figures.engine} | ${number(final.planEvents)} of ${number(report.events)} | ${kills} | ` +
    `${number(report.eventsPerSecond)} | ${recovery} | ${number(report.delivery.retries)} retries, ` +
    `${number(report.acknowledgedDuplicates)} resent events deduplicated | ${verdict} |`
  );
}

function fuzzRow(figures: FuzzFigures): string {
  const statuses = [...figures.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}: ${number(count)}`)
    .join(', ');
  const verdict = figures.problem ? `**${figures.problem}**` : 'no 5xx, nothing written on 4xx ✔';
  return `| ${figures.name} | ${number(figures.cases)} | ${number(figures.cases / figures.seconds)} | ${statuses} | ${verdict} |`;
}

function runLine(seed: number): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return (
    `_Run ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `Node ${process.version}; seed ${seed}; loopback only._`
  );
}

export function renderCrashReport(options: {
  crash: CrashFigures[];
  seed: number;
  events: number;
  customers: number;
  lostAnswerShare: number;
}): string {
  return [
    '### Crash safety',
    '',
    runLine(options.seed),
    '',
    `${number(options.events)} events from ${number(options.customers)} customers in batches of 100, ` +
      `sent by 8 clients that retry like Segment's SDKs (and drop ${options.lostAnswerShare * 100}% of the answers, so that ` +
      'committed batches come again), through `segmint serve` in a child process that is killed with SIGKILL at random ' +
      'moments and restarted. The store is audited after every kill and at the end: every acknowledged event present, ' +
      'none twice, one whole profile per customer. PostgreSQL runs with fsync and synchronous_commit on.',
    '',
    '| engine | stored | kills | events/s (incl. restarts) | seconds down per kill | clients | verdict |',
    '|---|---|---|---|---|---|---|',
    ...options.crash.map(crashRow),
  ].join('\n');
}

export function renderFuzzReport(options: { fuzz: FuzzFigures[]; seed: number }): string {
  const total = options.fuzz.reduce((sum, figures) => sum + figures.cases, 0);
  return [
    '### Fuzzing',
    '',
    runLine(options.seed),
    '',
    `${number(total)} cases through Fastify's inject on in-memory DuckDB stores.`,
    '',
    '| property | cases | cases/s | answers by status | verdict |',
    '|---|---|---|---|---|',
    ...options.fuzz.map(fuzzRow),
  ].join('\n');
}

/**
 * Replaces one section of RELIABILITY.md (between `<!-- soak:NAME:begin -->` and `<!-- soak:NAME:end -->`), so a
 * run of one part leaves the other's figures; returns false when the file or the markers are missing.
 */
export function writeSoakSection(name: 'crash' | 'fuzz', markdown: string): boolean {
  if (!existsSync(reliabilityFile)) return false;
  const text = readFileSync(reliabilityFile, 'utf8');
  const begin = `<!-- soak:${name}:begin -->`;
  const end = `<!-- soak:${name}:end -->`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  if (!pattern.test(text)) return false;
  writeFileSync(
    reliabilityFile,
    text.replace(pattern, () => `${begin}\n${markdown.trim()}\n${end}`),
  );
  return true;
}

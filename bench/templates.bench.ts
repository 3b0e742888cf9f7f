/**
 * Templates: what one rendered message costs, on the generated shop in DuckDB and PostgreSQL. `renderMessage` (the
 * dispatcher's call: template + version lookup, render context with segments and recommendations, Liquid, MJML,
 * derived text) against its parts: the context alone, the recommendation query alone (the baseline every
 * personalised message needs), and Liquid + MJML + text on a context already built; and the batch path
 * (`renderMessages`, one version for 1,000 profiles: five queries in all) per message.
 *
 * `--quick`: 2,000 generated customers instead of 10,000, fewer lookups.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildItemSimilarities, recommendForProfile } from '../src/analytics/recommend/index.ts';
import { generateMessages } from '../src/generate/index.ts';
import { ingestRawMessages } from '../src/ingest/ingest-raw-messages.ts';
import { createSegment, refreshSegment } from '../src/segments/saved/index.ts';
import { openStore, type StoreLocation } from '../src/store/open-store.ts';
import {
  buildTemplateContext,
  createTemplate,
  renderMessage,
  renderMessages,
  renderTemplateParts,
} from '../src/templates/index.ts';
import { median, timeRepeated, type Benchmark } from './benchmark.ts';

const EXAMPLES = resolve(import.meta.dirname, '../examples/templates');
const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function timeEach(profileIds: readonly string[], work: (profileId: string) => Promise<unknown>) {
  const durations: number[] = [];
  for (const profileId of profileIds) {
    const started = performance.now();
    await work(profileId);
    durations.push(performance.now() - started);
  }
  return { median: median(durations), p95: percentile(durations, 0.95) };
}

async function measure(engine: string, location: StoreLocation, customers: number, lookups: number) {
  const store = await openStore(location);
  try {
    await ingestRawMessages({
      store,
      batches: generateMessages({ customers, days: 365, seed: 42, endDate: '2025-01-01' }),
    });
    await buildItemSimilarities(store);
    await refreshSegment(
      store,
      (await createSegment(store, { name: 'vip', text: 'count(purchase) >= 5' })).id,
    );
    const subject = 'Welcome, {{ profile.first_name | default: "friend" }}';
    await createTemplate(store, {
      name: 'welcome',
      channel: 'email',
      subject,
      format: 'mjml',
      body: readFileSync(join(EXAMPLES, 'welcome.mjml'), 'utf8'),
    });
    await createTemplate(store, {
      name: 'cross-sell',
      channel: 'email',
      subject,
      format: 'html',
      body: readFileSync(join(EXAMPLES, 'cross-sell.html'), 'utf8'),
    });
    const rows = await store.query<{ id: string }>('select id from profiles order by id');
    const batch = rows.slice(0, 1_000).map((row) => ({ profileId: row.id }));
    const step = Math.max(1, Math.floor(rows.length / lookups));
    const profileIds = rows
      .filter((_, index) => index % step === 0)
      .slice(0, lookups)
      .map((row) => row.id);
    const first = profileIds[0] ?? '';
    await renderMessage(store, { templateName: 'welcome', profileId: first }); // warm-up
    const context = await buildTemplateContext(store, first);
    const welcome = readFileSync(join(EXAMPLES, 'welcome.mjml'), 'utf8');
    return {
      engine,
      mjmlMessage: await timeEach(profileIds, (profileId) =>
        renderMessage(store, { templateName: 'welcome', profileId }),
      ),
      htmlMessage: await timeEach(profileIds, (profileId) =>
        renderMessage(store, { templateName: 'cross-sell', profileId }),
      ),
      context: await timeEach(profileIds, (profileId) => buildTemplateContext(store, profileId)),
      recommendations: await timeEach(profileIds, (profileId) =>
        recommendForProfile(store, { profileId, n: 6 }),
      ),
      batchPerMessage:
        median(
          await timeRepeated(3, () => renderMessages(store, { templateName: 'welcome', profiles: batch })),
        ) / batch.length,
      mjmlOnly: await timeEach(profileIds, () =>
        renderTemplateParts({ format: 'mjml', subject, body: welcome }, context, 'welcome'),
      ),
    };
  } finally {
    await store.close();
  }
}

type Figures = Awaited<ReturnType<typeof measure>>;

function row(figures: Figures): string {
  const cell = (timing: { median: number; p95: number }) => `${ms(timing.median)} / ${ms(timing.p95)}`;
  return (
    `| ${figures.engine} | ${cell(figures.mjmlMessage)} | ${cell(figures.htmlMessage)} | ${cell(figures.context)} | ` +
    `${cell(figures.recommendations)} | ${cell(figures.mjmlOnly)} | ${ms(figures.batchPerMessage)} | ` +
    `${(figures.htmlMessage.median / figures.recommendations.median).toFixed(1)}× |`
  );
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const customers = quick ? 2_000 : 10_000;
  const lookups = quick ? 100 : 300;
  log(`DuckDB: ${customers} generated customers`);
  const rows = [
    row(await measure('DuckDB', { duckdbPath: join(workDir, 'templates.duckdb') }, customers, lookups)),
  ];
  const script = resolve(import.meta.dirname, '../scripts/postgres-cluster.sh');
  const clusterDir = join(workDir, 'pg');
  try {
    const url = execFileSync(script, ['start', clusterDir, '18743'], { encoding: 'utf8' }).trim();
    try {
      log(`PostgreSQL: ${customers} generated customers`);
      rows.push(row(await measure('PostgreSQL', { databaseUrl: url }, customers, lookups)));
    } finally {
      execFileSync(script, ['stop', clusterDir]);
    }
  } catch (error) {
    log(`PostgreSQL skipped: ${error instanceof Error ? error.message : String(error)}`);
    rows.push('| PostgreSQL | not measured: PostgreSQL could not be started | – | – | – | – | – | – |');
  }
  return {
    title: 'Templates: cost of one rendered message',
    markdown: [
      `The generated shop (${customers.toLocaleString('en-US')} customers, 365 days, seed 42), recommendations built, ` +
        `one saved segment; ${lookups} profiles one after another, median / p95. Templates: the examples in ` +
        '`examples/templates/` (welcome in MJML, cross-sell in Liquid HTML with three recommendations).',
      '',
      '| engine | renderMessage, MJML | renderMessage, HTML | render context with recommendations | recommendation query alone | Liquid + MJML + text alone | MJML, 1,000 profiles per `renderMessages` call, per message | HTML message (with recommendations) ÷ recommendation query |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      // Eight people share this machine: the load says how far to trust the absolute times.
      `Load average (1 min) at the end of the run: ${loadavg()[0]?.toFixed(1) ?? '?'} on this machine.`,
    ].join('\n'),
  };
};

export default benchmark;

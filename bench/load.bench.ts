/**
 * Load (issue 11): `segmint serve` on a DuckDB file takes batches from concurrent clients as fast as they come,
 * while real-time segments re-evaluate every committed batch, a scheduled refresh recomputes everything every 10 s,
 * a journey triggered by "Signed Up" sends a welcome email to each new person, and the dispatcher delivers it to the
 * capture channel. Reports ingestion latency (p50/p99 per request), failed requests (must be 0), and what the
 * journey and dispatcher got through during and after the load. Loopback only, bounded in time.
 */
import { join } from 'node:path';
import { createSegment } from '../src/segments/saved/segment-store.ts';
import { createSource } from '../src/sources/sources.ts';
import { openStore } from '../src/store/open-store.ts';
import { createTemplate } from '../src/templates/index.ts';
import { saveJourney } from '../src/journeys/index.ts';
import type { Benchmark } from './benchmark.ts';
import { startChildServer } from './support/child-server.ts';
import { findFreePort } from './support/free-port.ts';

const ADMIN_KEY = 'load-bench-admin';
const BATCH_SIZE = 50;
const CLIENTS = 8;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** One batch: 10 new people, each identified, signed up and viewing 3 pages. */
function batchBody(client: number, batch: number): string {
  const messages: unknown[] = [];
  for (let person = 0; person < BATCH_SIZE / 5; person++) {
    const userId = `load-${client}-${batch}-${person}`;
    messages.push({
      type: 'identify',
      userId,
      traits: { email: `${userId}@example.com`, plan: person % 3 === 0 ? 'gold' : 'free' },
    });
    messages.push({ type: 'track', userId, event: 'Signed Up' });
    for (const path of ['/', '/pricing', '/docs'])
      messages.push({ type: 'page', userId, name: path, properties: { path } });
  }
  return JSON.stringify({ batch: messages });
}

async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })
  ).text();
  return text
    .split('\n')
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const seconds = quick ? 15 : 60;
  const path = join(workDir, 'load.duckdb');
  const store = await openStore({ duckdbPath: path });
  let writeKey: string;
  try {
    writeKey = (await createSource(store, 'load')).writeKey;
    await createSegment(store, { name: 'signed up', text: 'performed "Signed Up"' });
    await createSegment(store, {
      name: 'engaged gold',
      text: 'plan = "gold" and count(page view, last 7 days) >= 3',
    });
    await createTemplate(store, {
      name: 'welcome',
      channel: 'email',
      subject: 'Welcome, {{ profile.email }}',
      body: '<p>Hello {{ profile.email }}, welcome aboard.</p>',
      format: 'html',
    });
    await saveJourney(
      store,
      {
        schemaVersion: 1,
        name: 'welcome',
        trigger: { type: 'event', event: 'Signed Up' },
        entry: { type: 'once' },
        start: 'send',
        nodes: [
          { id: 'send', type: 'send', channel: 'email', template: 'welcome', next: 'done' },
          { id: 'done', type: 'exit' },
        ],
      },
      { now: new Date() },
    );
  } finally {
    await store.close();
  }

  const server = await startChildServer({
    storeArgs: ['--db', path],
    port: await findFreePort(),
    adminKey: ADMIN_KEY,
    env: { SEGMINT_REFRESH_INTERVAL: '10s' },
  });
  const latencies: number[] = [];
  let failed = 0;
  let accepted = 0;
  const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const deadline = Date.now() + seconds * 1000;
  log(`${CLIENTS} clients sending batches of ${BATCH_SIZE} for ${seconds} s`);
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let batch = 0; Date.now() < deadline; batch++) {
          const started = performance.now();
          try {
            const response = await fetch(`${server.url}/v1/batch`, {
              method: 'POST',
              headers: { authorization, 'content-type': 'application/json' },
              body: batchBody(client, batch),
            });
            await response.arrayBuffer();
            if (response.ok) accepted += BATCH_SIZE;
            else failed++;
          } catch {
            failed++;
          }
          latencies.push(performance.now() - started);
        }
      }),
    );
    const people = accepted / 5;
    const sentDuringLoad = await metric(server.url, /^segmint_messages\{channel="email",status="sent"\}/);
    // Let the journey and the dispatcher catch up (bounded).
    const catchUpDeadline = Date.now() + (quick ? 60_000 : 180_000);
    let sent = sentDuringLoad;
    while (sent < people && Date.now() < catchUpDeadline) {
      await new Promise((done) => setTimeout(done, 2000));
      sent = await metric(server.url, /^segmint_messages\{channel="email",status="sent"\}/);
    }
    const catchUpSeconds = (Date.now() - deadline) / 1000;
    const runs = await metric(server.url, /^segmint_journey_runs\{/);
    const members = await metric(server.url, /^segmint_segment_members\{segment="signed up"\}/);
    const exitCode = await server.stop('SIGTERM');
    latencies.sort((a, b) => a - b);
    const requests = latencies.length;
    log(
      `${requests} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${failed} failed; ${sent}/${people} welcome emails`,
    );
    return {
      title: 'Load: ingestion while segments recompute and a journey sends',
      markdown: [
        `\`segmint serve\` on a DuckDB file, ${CLIENTS} concurrent clients posting \`/v1/batch\` (${BATCH_SIZE} messages: 10 new people × identify + "Signed Up" + 3 page views) for ${seconds} s over loopback. ` +
          'Meanwhile: 2 real-time segments re-evaluated after every committed group, a full refresh every 10 s, a journey (Signed Up → send welcome email → exit) run by the journey worker, the dispatcher delivering to the capture channel.',
        '',
        '| measure | value |',
        '|---|---|',
        `| requests | ${requests.toLocaleString('en-US')} (${failed} failed) |`,
        `| events accepted | ${accepted.toLocaleString('en-US')} (${Math.round(accepted / seconds).toLocaleString('en-US')}/s) |`,
        `| ingestion latency per request | p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms |`,
        `| "signed up" segment members at the end | ${members.toLocaleString('en-US')} of ${people.toLocaleString('en-US')} people |`,
        `| journey runs | ${runs.toLocaleString('en-US')} |`,
        `| welcome emails sent | ${sentDuringLoad.toLocaleString('en-US')} by the end of the load, ${sent.toLocaleString('en-US')} of ${people.toLocaleString('en-US')} after ${catchUpSeconds.toFixed(0)} s more |`,
        `| graceful stop (SIGTERM) | exit code ${exitCode} |`,
      ].join('\n'),
    };
  } finally {
    if (server.process.exitCode === null) await server.stop('SIGKILL');
  }
};

export default benchmark;

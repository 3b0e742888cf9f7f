/**
 * Report queries on 1M profiles / 10M events (--quick: 100k / 1M), DuckDB file store: every profile got one
 * campaign email (A/B variants), 30% also a journey email; 20% of the emails were opened, 5% clicked; purchases fill
 * the rest of the events. Times the overview, campaign and journey reports, and the campaign's per-variant counts
 * against the same counts hand-written in DuckDB SQL (ours also attributes revenue and prices the sends).
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  campaignReport,
  journeyReport,
  messageKpis,
  overviewReport,
  reportOptionsSchema,
} from '../src/reports/index.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import type { Benchmark } from './benchmark.ts';
import { median, timeRepeated } from './benchmark.ts';

const NOW = new Date('2025-01-01T00:00:00Z');

export async function loadReportData(store: Store, profiles: number, events: number): Promise<void> {
  await store.execute(
    `insert into profiles (id, user_id, traits, computed, first_seen_at, last_seen_at, created_at, updated_at)
     select 'p' || i, 'u' || i, '{}', '{}', timestamp '2024-01-01', timestamp '2024-12-31', timestamp '2024-01-01',
            timestamp '2024-12-31' from range(${profiles}) t(i)`,
  );
  await store.execute(
    `insert into messages (id, profile_id, channel, campaign_id, journey_id, node_id, variant, status, attempts,
                           created_at, sent_at, updated_at)
     select 'c:' || i, 'p' || i, 'email', 'c1', null, null, case when i % 2 = 0 then 'A' else 'B' end, 'sent', 1,
            timestamp '2024-12-01', timestamp '2024-12-01', timestamp '2024-12-01' from range(${profiles}) t(i)
     union all
     select 'j:' || i, 'p' || i, 'email', null, 'j1', 'n1', null, 'sent', 1,
            timestamp '2024-12-02', timestamp '2024-12-02', timestamp '2024-12-02' from range(${profiles}) t(i) where i % 10 < 3`,
  );
  await store.execute(
    `insert into campaigns (id, name, definition, status, created_at, updated_at)
     values ('c1', 'spring', '{}', 'sent', timestamp '2024-12-01', timestamp '2024-12-01')`,
  );
  await store.execute(
    `insert into journeys (id, name, status, current_version, trigger_cursor, created_at, updated_at)
     values ('j1', 'welcome', 'active', 1, timestamp '2024-12-02', timestamp '2024-12-02', timestamp '2024-12-02')`,
  );
  await store.execute(
    `insert into journey_runs (id, journey_id, version, profile_id, node_id, status, due_at, state, waiting_since,
                               started_at, updated_at)
     select 'r' || i, 'j1', 1, 'p' || i, 'n1', case when i % 100 < 10 then 'holdout' else 'completed' end, null, '{}',
            null, timestamp '2024-12-02', timestamp '2024-12-02' from range(${profiles}) t(i) where i % 10 < 3`,
  );
  // Opens (20%) and clicks (5%) of the campaign emails, a few hours after sending.
  await store.execute(
    `insert into events (message_id, profile_id, type, event, occurred_at, received_at, properties)
     select 'o' || i, 'p' || i, 'track', 'Email Opened', timestamp '2024-12-01 03:00:00', timestamp '2024-12-01 03:00:00',
            json_object('messageId', 'c:' || i, 'channel', 'email') from range(${profiles}) t(i) where i % 5 = 0
     union all
     select 'k' || i, 'p' || i, 'track', 'Email Link Clicked', timestamp '2024-12-01 04:00:00', timestamp '2024-12-01 04:00:00',
            json_object('messageId', 'c:' || i, 'channel', 'email', 'url', 'https://shop.example/') from range(${profiles}) t(i) where i % 20 = 0`,
  );
  const purchases = events - Math.floor(profiles / 5) - Math.floor(profiles / 20);
  await store.execute(
    `insert into events (message_id, profile_id, type, event, occurred_at, received_at, properties)
     select 'b' || i, 'p' || (hash(i) % ${profiles}), 'track', 'Order Completed',
            timestamp '2024-01-01' + to_seconds(cast(hash(i * 7) % (366 * 86400) as bigint)), timestamp '2025-01-01',
            json_object('revenue', cast(hash(i * 13) % 20000 as integer) / 100.0) from range(${purchases}) t(i)`,
  );
}

const HAND_CAMPAIGN = `
  create or replace temp table hand_variants as
  select m.variant, count(*) as sent, count(o.message_id) as opens, count(k.message_id) as clicks
    from messages m
    left join (select distinct properties->>'messageId' as message_id from events
                where type = 'track' and event = 'Email Opened') o on o.message_id = m.id
    left join (select distinct properties->>'messageId' as message_id from events
                where type = 'track' and event = 'Email Link Clicked') k on k.message_id = m.id
   where m.campaign_id = 'c1' and m.status = 'sent'
   group by m.variant`;

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const profiles = quick ? 100_000 : 1_000_000;
  const events = profiles * 10;
  const repetitions = quick ? 3 : 5;
  const store = await openStore({ duckdbPath: join(workDir, 'reports.duckdb') });
  try {
    log(
      `loading ${profiles.toLocaleString('en-US')} profiles, ${events.toLocaleString('en-US')} events, ${Math.round(profiles * 1.3).toLocaleString('en-US')} messages`,
    );
    await loadReportData(store, profiles, events);
    const options = reportOptionsSchema.parse({});
    const timed = async (label: string, work: () => Promise<unknown>) => {
      const ms = median(await timeRepeated(repetitions, work));
      log(`${label}: ${ms.toFixed(0)} ms`);
      return ms;
    };
    const variantsMs = await timed('campaign variants (messageKpis)', () =>
      messageKpis(store, { ...options, groupBy: ['variant'], filter: { campaignId: 'c1' } }),
    );
    const handMs = await timed('campaign variants (hand SQL, counts only)', () =>
      store.execute(HAND_CAMPAIGN),
    );
    const campaignMs = await timed('campaign report', () => campaignReport(store, 'spring', options));
    const journeyMs = await timed('journey report (incl. holdout lift)', () =>
      journeyReport(store, 'welcome', options),
    );
    const overviewMs = await timed('overview report (30 days)', () =>
      overviewReport(store, { ...options, now: NOW }),
    );
    const [check] = await store.transaction((tx) =>
      tx.query<{ opens: number }>('select sum(opens) as opens from hand_variants'),
    );
    const ours = await messageKpis(store, { ...options, groupBy: [], filter: { campaignId: 'c1' } });
    return {
      title: 'Reports on 1M profiles / 10M events',
      markdown: [
        `${profiles.toLocaleString('en-US')} profiles, ${events.toLocaleString('en-US')} events (tracking events for 20% opens / 5% clicks of one campaign email per profile, the rest purchases), ${Math.round(profiles * 1.3).toLocaleString('en-US')} outbox messages, a journey with 30% of profiles (10% holdout). DuckDB file store; median of ${repetitions} runs; load average ${loadavg()[0]?.toFixed(1) ?? '?'} at the end (2 cores are shared: compare the ratio, not the times).`,
        `Unique opens: ours ${ours[0]?.uniqueOpens.toLocaleString('en-US') ?? '?'}, hand-written ${Number(check?.opens ?? 0).toLocaleString('en-US')}.`,
        '',
        '| query | median ms | note |',
        '|---|---|---|',
        `| campaign KPIs per variant (\`messageKpis\`) | ${variantsMs.toFixed(0)} | sends, bounces, unique opens/clicks, unsubscribes, attributed conversions + revenue (7-day last click), cost |`,
        `| same counts hand-written in DuckDB SQL | ${handMs.toFixed(0)} | sends, unique opens, unique clicks only; ratio ${(variantsMs / handMs).toFixed(2)}× |`,
        `| campaign report | ${campaignMs.toFixed(0)} | total + variants + A/B statistics |`,
        `| journey report | ${journeyMs.toFixed(0)} | total + per node + lift against the holdout |`,
        `| overview report | ${overviewMs.toFixed(0)} | business KPIs, monthly series, message KPIs by channel and day, top campaigns and journeys |`,
      ].join('\n'),
    };
  } finally {
    await store.close();
  }
};

export default benchmark;

/**
 * Segments on generated data (1M profiles / 10M events; --quick: 100k / 1M), DuckDB file store:
 * - full recompute of five representative segments, each compiled by Segmint and timed side by side with the same
 *   logic hand-written in DuckDB SQL (both materialise their result into a temp table; member sets are compared);
 * - incremental re-evaluation of a 1,000-profile batch against the five saved segments (`refreshTouchedProfiles`,
 *   the path every ingested batch takes: evaluation, membership diff and transitions).
 * Data is loaded with SQL (`range()`): this measures segment evaluation, not ingestion.
 */
import { join } from 'node:path';
import { compileSegment, parseSegmentText } from '../src/segments/index.ts';
import { refreshAllSegments, refreshTouchedProfiles } from '../src/segments/saved/refresh-membership.ts';
import { createSegment } from '../src/segments/saved/segment-store.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Store } from '../src/store/store.ts';
import type { Benchmark } from './benchmark.ts';
import { median, timeRepeated } from './benchmark.ts';

const NOW = new Date('2025-01-01T00:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

interface BenchSegment {
  name: string;
  kind: string;
  text: string;
  /** The same logic as a DuckDB user would write it; `$1` is now. */
  hand: string;
  handParams: Date[];
}

const PURCHASE = "type = 'track' and event = 'purchase'";
const SEGMENTS: BenchSegment[] = [
  {
    name: 'young DACH',
    kind: 'demographic + geographic',
    text: 'country in ("DE", "AT") and age between 25 and 34',
    hand: `select id as profile_id from profiles
            where (traits->>'country') in ('DE', 'AT') and try_cast(traits->>'age' as double) between 25 and 34`,
    handParams: [],
  },
  {
    name: 'frequent buyers',
    kind: 'behavioral count',
    text: 'count(purchase, last 90 days) >= 3',
    hand: `select profile_id from events where ${PURCHASE} and occurred_at >= $1 and occurred_at <= $2
            group by profile_id having count(*) >= 3`,
    handParams: [daysBefore(90), NOW],
  },
  {
    name: 'book lovers',
    kind: 'aggregate with property filter',
    text: 'sum(purchase.amount where category = "books", last 180 days) > 100',
    hand: `select profile_id from events
            where ${PURCHASE} and (properties->>'category') = 'books' and occurred_at >= $1 and occurred_at <= $2
            group by profile_id having sum(try_cast(properties->>'amount' as double)) > 100`,
    handParams: [daysBefore(180), NOW],
  },
  {
    name: 'near Berlin',
    kind: 'within radius',
    text: 'within 50 km of (52.52, 13.405)',
    hand: `select id as profile_id from (
             select id, try_cast(traits->>'latitude' as double) as lat, try_cast(traits->>'longitude' as double) as lon
               from profiles)
            where 2 * 6371.0088 * asin(sqrt(power(sin(radians(lat - 52.52) / 2), 2)
                  + cos(radians(52.52)) * cos(radians(lat)) * power(sin(radians(lon - 13.405) / 2), 2))) <= 50`,
    handParams: [],
  },
  {
    name: 'engaged DACH spenders',
    kind: 'combined (the issue example)',
    text:
      'country in ("DE", "AT") and count(purchase, last 90 days) >= 3 and sum(purchase.amount, last 180 days) > 500' +
      ' and did not perform page view "Pricing" in last 30 days',
    hand: `select id as profile_id from profiles
            where (traits->>'country') in ('DE', 'AT')
              and id in (select profile_id from events where ${PURCHASE} and occurred_at >= $1 and occurred_at <= $4
                          group by profile_id having count(*) >= 3)
              and id in (select profile_id from events where ${PURCHASE} and occurred_at >= $2 and occurred_at <= $4
                          group by profile_id having sum(try_cast(properties->>'amount' as double)) > 500)
              and id not in (select profile_id from events where type = 'page' and name = 'Pricing'
                              and occurred_at >= $3 and occurred_at <= $4)`,
    handParams: [daysBefore(90), daysBefore(180), daysBefore(30), NOW],
  },
];

async function load(store: Store, profiles: number, events: number): Promise<void> {
  await store.execute(
    `insert into profiles (id, user_id, traits, computed, first_seen_at, last_seen_at, created_at, updated_at)
     select 'p' || i, 'u' || i,
            json_object('country', ['DE', 'AT', 'FR', 'US', 'GB', 'NL', 'ES', 'IT'][cast(1 + hash(i) % 8 as integer)],
                        'age', 18 + cast(hash(i * 3) % 60 as integer),
                        'latitude', 47 + cast(hash(i * 5) % 800 as integer) / 100.0,
                        'longitude', 6 + cast(hash(i * 11) % 900 as integer) / 100.0),
            '{}', timestamp '2024-01-01', timestamp '2024-12-31', timestamp '2024-01-01', timestamp '2024-12-31'
       from range(${profiles}) t(i)`,
  );
  // 80% purchases (amount, category), 20% page views (a fifth of them of the pricing page), over 2024.
  await store.execute(
    `insert into events (message_id, profile_id, type, event, name, occurred_at, received_at, properties)
     select 'm' || i, 'p' || (hash(i) % ${profiles}),
            case when hash(i * 17) % 5 = 0 then 'page' else 'track' end,
            case when hash(i * 17) % 5 = 0 then null else 'purchase' end,
            case when hash(i * 17) % 5 = 0 then (case when hash(i * 19) % 5 = 0 then 'Pricing' else 'Home' end) end,
            timestamp '2024-01-01' + to_seconds(cast(hash(i * 7) % (366 * 86400) as bigint)),
            timestamp '2025-01-01',
            json_object('amount', cast(hash(i * 13) % 20000 as integer) / 100.0,
                        'category', ['books', 'toys', 'garden', 'music', 'sports'][cast(1 + hash(i * 23) % 5 as integer)])
       from range(${events}) t(i)`,
  );
}

/** Rows in one temp table and not the other, both ways (temp tables live on the writer connection). */
async function differingMembers(store: Store): Promise<{ ours: number; hand: number; differing: number }> {
  const [row] = await store.transaction((tx) =>
    tx.query<{ ours: number; hand: number; differing: number }>(
      `select (select count(*) from ours) as ours, (select count(*) from hand) as hand,
              (select count(*) from (select profile_id from ours except select profile_id from hand)) +
              (select count(*) from (select profile_id from hand except select profile_id from ours)) as differing`,
    ),
  );
  if (!row) throw new Error('no comparison row');
  return { ours: Number(row.ours), hand: Number(row.hand), differing: Number(row.differing) };
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const profiles = quick ? 100_000 : 1_000_000;
  const events = profiles * 10;
  const repetitions = quick ? 3 : 5;
  const store = await openStore({ duckdbPath: join(workDir, 'segments.duckdb') });
  try {
    log(`loading ${profiles.toLocaleString('en-US')} profiles and ${events.toLocaleString('en-US')} events`);
    await load(store, profiles, events);
    const rows: string[] = [];
    for (const segment of SEGMENTS) {
      const compiled = compileSegment(parseSegmentText(segment.text), { dialect: store.dialect, now: NOW });
      const oursMs = await timeRepeated(repetitions, () =>
        store.execute(`create or replace temp table ours as ${compiled.sql}`, compiled.params),
      );
      const handMs = await timeRepeated(repetitions, () =>
        store.execute(`create or replace temp table hand as ${segment.hand}`, segment.handParams),
      );
      const check = await differingMembers(store);
      const ratio = median(oursMs) / median(handMs);
      log(
        `${segment.name}: ${median(oursMs).toFixed(0)} ms vs ${median(handMs).toFixed(0)} ms hand (${ratio.toFixed(2)}×)`,
      );
      rows.push(
        `| ${segment.name} (${segment.kind}) | \`${segment.text}\` | ${check.ours.toLocaleString('en-US')} | ${median(oursMs).toFixed(0)} | ${median(handMs).toFixed(0)} | ${ratio.toFixed(2)}× | ${check.differing} |`,
      );
    }

    for (const segment of SEGMENTS) await createSegment(store, { name: segment.name, text: segment.text });
    await refreshAllSegments(store, { now: NOW });
    // A batch of 1,000 distinct profiles spread over the whole id range, as an ingested batch would touch.
    const batches = Array.from({ length: repetitions }, (_, batch) =>
      Array.from({ length: 1000 }, (_, index) => `p${(index * 997 + batch * 7919) % profiles}`),
    );
    let batchIndex = 0;
    const incrementalMs = await timeRepeated(repetitions, () =>
      refreshTouchedProfiles(store, batches[batchIndex++] ?? [], { now: NOW }),
    );
    log(`incremental 1,000 profiles × 5 segments: ${median(incrementalMs).toFixed(0)} ms`);
    // The floor under any SQL evaluation of a batch: just reading its profiles' rows and its events (what the
    // incremental path copies into temp tables before evaluating), with no segment logic at all.
    const readProfilesMs = await timeRepeated(repetitions, () =>
      store.query('select count(*) from profiles where id in (select unnest($1::varchar[]))', [
        batches[batchIndex++ % repetitions] ?? [],
      ]),
    );
    const readEventsMs = await timeRepeated(repetitions, () =>
      store.query(
        `select count(*), max(occurred_at), max(length(properties)) from events
          where profile_id in (select unnest($1::varchar[]))`,
        [batches[batchIndex++ % repetitions] ?? []],
      ),
    );

    return {
      title: 'Segments: compiled queries vs hand-written DuckDB SQL, incremental re-evaluation',
      markdown: [
        `${profiles.toLocaleString('en-US')} profiles, ${events.toLocaleString('en-US')} events (80% purchases, 20% page views, over 2024), DuckDB file store, evaluated as of ${NOW.toISOString().slice(0, 10)}. ` +
          `Median of ${repetitions} runs; both sides materialise the member ids into a temp table; member sets compared (last column: ids in one and not the other).`,
        '',
        '| segment | text | members | Segmint ms | hand SQL ms | ratio (target ≤ 1.2×) | differing |',
        '|---|---|---|---|---|---|---|',
        ...rows,
        '',
        `Incremental: \`refreshTouchedProfiles\` for a batch of 1,000 profiles against the 5 saved segments (evaluation, membership diff, transitions, one transaction): **${median(incrementalMs).toFixed(0)} ms** median (target < 20 ms).`,
        '',
        `Floor under it, no segment logic: reading the batch's 1,000 profile rows takes ${median(readProfilesMs).toFixed(0)} ms and reading their events (~10,000 rows among ${events.toLocaleString('en-US')}) ${median(readEventsMs).toFixed(0)} ms. ` +
          "DuckDB stores events column-compressed in arrival order, so one profile's events lie in many row groups: fetching a scattered batch costs a pass over the table (an ART index on events(profile_id) makes DuckDB fetch row by row instead, measured no faster at this size: ~30 µs per row from compressed storage).",
      ].join('\n'),
    };
  } finally {
    await store.close();
  }
};

export default benchmark;

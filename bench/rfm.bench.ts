/**
 * RFM over generated purchase events: our store query (the one `segmint rfm` runs) against the same logic
 * hand-written in DuckDB SQL, and against pandas (Debian's python3-pandas) on the same events. Events are loaded
 * with SQL (`range()`), since this measures the RFM query, not ingestion.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scoredRfmSql } from '../src/analytics/rfm/compute-rfm.ts';
import { openStore } from '../src/store/open-store.ts';
import type { Benchmark } from './benchmark.ts';
import { median, timeRepeated } from './benchmark.ts';

const AS_OF = new Date('2025-01-01T00:00:00Z');

const HAND_WRITTEN = `
  create or replace temp table hand_rfm as
  with per as (
    select profile_id, max(occurred_at) as last_at,
           count(distinct properties->>'order_id') as frequency,
           sum(cast(properties->>'amount' as double)) as monetary
      from events where type = 'track' and event = 'purchase' and occurred_at < $1
     group by profile_id)
  select profile_id, date_diff('day', cast(last_at as date), cast($1 as date)) as recency_days, frequency, monetary,
         ntile(5) over (order by last_at, profile_id) as r,
         ntile(5) over (order by frequency, profile_id) as f,
         ntile(5) over (order by monetary, profile_id) as m
    from per`;

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const events = quick ? 1_000_000 : 10_000_000;
  const customers = events / 10;
  const store = await openStore({ duckdbPath: join(workDir, 'rfm.duckdb') });
  try {
    log(
      `loading ${events.toLocaleString('en-US')} purchase events for ${customers.toLocaleString('en-US')} customers`,
    );
    await store.execute(
      `insert into events (message_id, profile_id, type, event, occurred_at, received_at, properties)
       select 'm' || i, 'p' || (hash(i) % ${customers}), 'track', 'purchase',
              timestamp '2023-01-01' + to_seconds(cast(hash(i * 7) % (730 * 86400) as bigint)),
              timestamp '2025-01-01',
              json_object('order_id', 'o' || (i // 2), 'amount', round((hash(i * 13) % 20000) / 100.0, 2))
         from range(${events}) t(i)`,
    );
    const ours = scoredRfmSql(store, {
      event: 'purchase',
      amountProperty: 'amount',
      orderProperty: 'order_id',
      positiveAmountsOnly: false,
    });
    const repetitions = quick ? 3 : 5;
    // Both sides materialise their full result into a temp table, so neither pays for moving rows to JS.
    const oursMs = await timeRepeated(repetitions, () =>
      store.execute(`create or replace temp table our_rfm as ${ours}`, ['purchase', AS_OF]),
    );
    const handMs = await timeRepeated(repetitions, () => store.execute(HAND_WRITTEN, [AS_OF]));
    // Temp tables live on the writer connection, which transactions use.
    const [check] = await store.transaction((tx) =>
      tx.query<{ differing: number }>(
        `select count(*) as differing from our_rfm o join hand_rfm h using (profile_id)
        where o.frequency <> h.frequency or abs(o.monetary - h.monetary) > 1e-6 or o.r <> h.r or o.f <> h.f or o.m <> h.m
           or o.recency_days <> h.recency_days`,
      ),
    );
    let pandasLine =
      '| pandas 1.x (python3-pandas) | – | – | not measured: /usr/bin/python3 has no pandas (apt-get install python3-pandas) |';
    const python = '/usr/bin/python3';
    const csv = join(workDir, 'events.csv');
    if (
      existsSync(python) &&
      execFileSync(python, ['-c', 'import importlib.util as u; print(bool(u.find_spec("pandas")))'], {
        encoding: 'utf8',
      }).trim() === 'True'
    ) {
      await store.execute(
        `copy (select profile_id, occurred_at, properties->>'order_id' as order_id, cast(properties->>'amount' as double) as amount
                 from events) to '${csv}' (header, delimiter ',')`,
      );
      const output = execFileSync(
        python,
        [
          resolve(import.meta.dirname, 'python/rfm_pandas.py'),
          csv,
          AS_OF.toISOString().slice(0, 10),
          String(repetitions),
        ],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      const pandas = JSON.parse(output) as { median_ms: number; customers: number };
      pandasLine = `| pandas (python3-pandas, groupby + qcut on rank) | ${pandas.median_ms.toFixed(0)} | ${(median(oursMs) / pandas.median_ms).toFixed(2)}× | same customers: ${pandas.customers.toLocaleString('en-US')} |`;
    }
    return {
      title: 'RFM: store query vs hand-written DuckDB SQL vs pandas',
      markdown: [
        `${events.toLocaleString('en-US')} purchase events, ${customers.toLocaleString('en-US')} customers, DuckDB file store. ` +
          `Median of ${repetitions} runs; both SQL variants materialise their result into a temp table; pandas times the computation only (CSV read excluded). ` +
          `Results compared row by row: ${check?.differing ?? '?'} customers differ between our query and the hand-written one.`,
        '',
        '| variant | median ms | our time ÷ theirs | note |',
        '|---|---|---|---|',
        `| Segmint \`computeRfm\` query | ${median(oursMs).toFixed(0)} | 1.00× | portable SQL (same text runs on PostgreSQL) |`,
        `| hand-written DuckDB SQL | ${median(handMs).toFixed(0)} | ${(median(oursMs) / median(handMs)).toFixed(2)}× | target ≤ 1.2× |`,
        pandasLine,
      ].join('\n'),
    };
  } finally {
    await store.close();
  }
};

export default benchmark;

/**
 * What a reliability run checks in the store after a crash or at the end: is every acknowledged event there, is
 * any event there twice, and did every customer end up as one whole profile (no half-committed group)?
 *
 * The store is read without being changed: a DuckDB file is opened read-only (its WAL is replayed in memory and
 * left on disk, so the restarted server still has to recover it itself); PostgreSQL is read through its URL.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../../src/store/open-store.ts';
import { batchRange, messageIdOf, type EventPlan } from './event-plan.ts';

export type StoreLocation = { engine: 'duckdb'; path: string } | { engine: 'postgres'; url: string };

type Rows = Record<string, unknown>[];
type ReadQuery = (sql: string) => Promise<Rows>;

export interface IngestionAudit {
  /** Rows in `events`. */
  events: number;
  /** Distinct messageIds of the plan among them. */
  planEvents: number;
  /** Rows beyond the first for a messageId (the primary key should make this 0). */
  duplicateRows: number;
  /** Acknowledged events that are not stored: each one is a broken promise. */
  missingAcknowledged: number;
  /** A few of them, for the failure message. */
  missingExamples: string[];
  /** Stored plan events whose batch was not acknowledged (yet): commits whose answer was lost or still on its way. */
  storedUnacknowledged: number;
  profiles: number;
  identities: number;
  /** Events whose profile does not exist. */
  orphanEvents: number;
  /** User or anonymous ids whose events sit on more than one profile, or on another profile than their identity. */
  splitIdentities: number;
}

async function withReadQuery<T>(location: StoreLocation, work: (query: ReadQuery) => Promise<T>): Promise<T> {
  if (location.engine === 'postgres') {
    const store = await openStore({ databaseUrl: location.url });
    try {
      return await work((sql) => store.query(sql));
    } finally {
      await store.close();
    }
  }
  const instance = await DuckDBInstance.create(location.path, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    return await work(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function countOf(query: ReadQuery, sql: string): Promise<number> {
  const [row] = await query(sql);
  return Number(row?.n ?? Number.NaN);
}

export async function auditIngestion(options: {
  location: StoreLocation;
  plan: EventPlan;
  acknowledgedBatches: Iterable<number>;
}): Promise<IngestionAudit> {
  const { plan } = options;
  return withReadQuery(options.location, async (query) => {
    const stored = new Set<string>();
    let events = 0;
    for (const row of await query('select message_id from events')) {
      stored.add(String(row.message_id));
      events += 1;
    }
    const prefix = `${plan.runId}-`;
    const planEvents = [...stored].filter(
      (id) => id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length)),
    );
    const acknowledged = new Set<string>();
    const missingExamples: string[] = [];
    let missingAcknowledged = 0;
    for (const batchIndex of options.acknowledgedBatches) {
      const { start, end } = batchRange(plan, batchIndex);
      for (let index = start; index < end; index++) {
        const id = messageIdOf(plan, index);
        acknowledged.add(id);
        if (stored.has(id)) continue;
        missingAcknowledged += 1;
        if (missingExamples.length < 10) missingExamples.push(id);
      }
    }
    const splitSql = (column: string, kind: string) => `select count(*) as n from (
        select e.${column} from events e join identities i on i.kind = '${kind}' and i.value = e.${column}
         group by e.${column} having count(distinct e.profile_id) > 1 or max(case when i.profile_id <> e.profile_id then 1 else 0 end) = 1
      ) split`;
    return {
      events,
      planEvents: planEvents.length,
      duplicateRows: events - stored.size,
      missingAcknowledged,
      missingExamples,
      storedUnacknowledged: planEvents.filter((id) => !acknowledged.has(id)).length,
      profiles: await countOf(query, 'select count(*) as n from profiles'),
      identities: await countOf(query, 'select count(*) as n from identities'),
      orphanEvents: await countOf(
        query,
        'select count(*) as n from events e where not exists (select 1 from profiles p where p.id = e.profile_id)',
      ),
      splitIdentities:
        (await countOf(query, splitSql('user_id', 'user_id'))) +
        (await countOf(query, splitSql('anonymous_id', 'anonymous_id'))),
    };
  });
}

/**
 * The embedded engine: one DuckDB file owned by one process. Writes (transactions, `execute`, `insertRows`) go
 * through one connection under a mutex — DuckDB has a single writer and single-row writes are slow, which is why
 * ingestion commits in groups. Reads outside transactions use their own connection so they never wait for a group
 * commit to finish.
 */
import { createHash } from 'node:crypto';
import {
  DuckDBInstance,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
} from '@duckdb/node-api';
import { SegmintError } from '../../errors.ts';
import { AsyncMutex } from '../async-mutex.ts';
import { duckdbDialect } from '../dialect.ts';
import { applyMigrations } from '../migrate.ts';
import type { InsertOptions, Row, SqlExecutor, SqlValue, Store } from '../store.ts';
import { appendValue, bindParameters, fromDuckDbValue, rewriteListParameters } from './duckdb-values.ts';
import { StatementCache } from './statement-cache.ts';

async function runQuery<T extends Row>(
  connection: DuckDBConnection,
  sql: string,
  params: readonly SqlValue[],
  statements?: StatementCache,
): Promise<T[]> {
  const rewritten = rewriteListParameters(sql, params);
  const { values, types } = bindParameters(rewritten.params);
  // Statements without parameters may hold several statements (and are rarely hot): not kept.
  const result =
    statements && values.length > 0
      ? await statements.run(rewritten.sql, values, types)
      : await connection.run(rewritten.sql, values, types);
  return rowsOf<T>(result);
}

/**
 * The rows of a materialised result, read synchronously: its chunks are already in memory, and the node API's
 * `readAll` would fetch them one thread-pool round trip at a time, plus one more to learn there is no next chunk
 * (about 0.1 ms per query, a fifth of a point look-up).
 */
function rowsOf<T extends Row>(result: DuckDBMaterializedResult): T[] {
  const jsonColumns = result.columnTypes().map((type) => type.alias === 'JSON');
  const names = result.columnNames();
  const rows: T[] = [];
  const chunkCount = result.chunkCount;
  for (let chunkIndex = 0; chunkIndex < chunkCount; chunkIndex++) {
    for (const values of result.getChunk(chunkIndex).convertRows(JSDuckDBValueConverter)) {
      const row: Row = {};
      names.forEach((name, index) => {
        row[name] = fromDuckDbValue(values[index], jsonColumns[index] === true);
      });
      rows.push(row as T);
    }
  }
  return rows;
}

function createExecutor(connection: DuckDBConnection): SqlExecutor {
  const stagingTables = new Set<string>();

  async function appendRows(
    table: string,
    rows: readonly (readonly SqlValue[])[],
    catalog?: string,
  ): Promise<void> {
    const appender = await connection.createAppender(table, catalog ? 'main' : null, catalog ?? null);
    try {
      for (const row of rows) {
        for (const value of row) appendValue(appender, value);
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  return {
    dialect: duckdbDialect,
    query: (sql, params = []) => runQuery(connection, sql, params),
    async execute(sql, params = []) {
      const rewritten = rewriteListParameters(sql, params);
      const { values, types } = bindParameters(rewritten.params);
      const result = await connection.run(rewritten.sql, values, types);
      return result.rowsChanged;
    },
    async insertRows(table, columns, rows, options: InsertOptions = {}) {
      if (rows.length === 0) return [];
      if (!options.ignoreConflicts && !options.returning) {
        // The appender writes in the table's column order, so rows must list every column in that order.
        await appendRows(table, rows);
        return [];
      }
      // Conflicts and RETURNING need INSERT … SELECT: append to a temp staging table first, then move.
      const columnList = columns.join(', ');
      // One staging table per target and column list: callers inserting different columns into one table must
      // not share a staging table shaped by whoever came first.
      const staging = `staging_${table}_${createHash('sha1').update(columnList).digest('hex').slice(0, 10)}`;
      if (!stagingTables.has(staging)) {
        await connection.run(
          `create or replace temp table ${staging} as select ${columnList} from ${table} limit 0`,
        );
        stagingTables.add(staging);
      }
      await connection.run(`delete from temp.main.${staging}`);
      await appendRows(staging, rows, 'temp');
      const conflict = options.ignoreConflicts ? ' on conflict do nothing' : '';
      const returning = options.returning ? ` returning ${options.returning}` : '';
      return runQuery(
        connection,
        `insert into ${table} (${columnList}) select ${columnList} from temp.main.${staging}${conflict}${returning}`,
        [],
      );
    },
  };
}

function describeOpenError(path: string, error: unknown): SegmintError {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new SegmintError(
      'store_unavailable',
      `The store ${path} is in use by another process (${message.split('\n')[0]}). ` +
        'Stop that process (for example a running `segmint serve`) or use its HTTP API instead.',
    );
  }
  return new SegmintError('store_unavailable', `Could not open the DuckDB store ${path}: ${message}`);
}

export async function openDuckDbStore(options: {
  path: string;
  threads?: number | undefined;
}): Promise<Store> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path);
  } catch (error) {
    throw describeOpenError(options.path, error);
  }
  const writer = await instance.connect();
  // Timestamps are UTC everywhere; casts between text, timestamptz and timestamp must not depend on the
  // machine's zone.
  await writer.run("set global TimeZone = 'UTC'");
  if (options.threads !== undefined) await writer.run(`set global threads = ${options.threads}`);
  const reader = await instance.connect();
  const readStatements = new StatementCache(reader);
  const writerExecutor = createExecutor(writer);
  const mutex = new AsyncMutex();
  // Closing a DuckDB connection while a query runs on it crashes the process (a segfault in the native binding),
  // so close() waits for the reads in flight, and anything that arrives afterwards gets an error instead.
  const readsInFlight = new Set<Promise<unknown>>();
  let isClosing = false;
  let isClosed = false;
  const closedError = () =>
    new SegmintError(
      'store_unavailable',
      `The store ${options.path} is closed (a query arrived after close). Open the store again to use it.`,
    );
  const exclusive = <T>(work: () => Promise<T>): Promise<T> =>
    mutex.runExclusive(() => (isClosed ? Promise.reject(closedError()) : work()));

  const store: Store = {
    engine: 'duckdb',
    dialect: duckdbDialect,
    query: <T extends Row>(sql: string, params: readonly SqlValue[] = []) => {
      if (isClosing) return Promise.reject(closedError());
      const read = runQuery<T>(reader, sql, params, readStatements);
      const forget = () => readsInFlight.delete(read);
      readsInFlight.add(read);
      read.then(forget, forget);
      return read;
    },
    execute: (sql, params) => exclusive(() => writerExecutor.execute(sql, params)),
    insertRows: (table, columns, rows, insertOptions) =>
      exclusive(() => writerExecutor.insertRows(table, columns, rows, insertOptions)),
    transaction: (work) =>
      exclusive(async () => {
        await writer.run('begin transaction');
        try {
          const result = await work(writerExecutor);
          await writer.run('commit');
          return result;
        } catch (error) {
          await writer.run('rollback');
          throw error;
        }
      }),
    migrate: () =>
      applyMigrations({
        engine: 'duckdb',
        store,
        runScript: async (sql) => {
          const statements = await writer.extractStatements(sql);
          for (let index = 0; index < statements.count; index++) {
            await (await statements.prepare(index)).run();
          }
        },
      }),
    describe: () =>
      options.threads === undefined
        ? `duckdb:${options.path}`
        : `duckdb:${options.path}, ${options.threads} thread${options.threads === 1 ? '' : 's'}`,
    async close() {
      if (isClosing) return;
      isClosing = true;
      await Promise.allSettled([...readsInFlight]);
      await mutex.runExclusive(async () => {
        isClosed = true;
        // A checkpoint folds the WAL into the file so the next open does not replay it.
        if (options.path !== ':memory:') await writer.run('checkpoint');
        readStatements.clear();
        writer.closeSync();
        reader.closeSync();
        instance.closeSync();
      });
    },
  };
  return store;
}

/**
 * The embedded engine: one DuckDB file owned by one process. Writes (transactions, `execute`, `insertRows`) go
 * through one connection under a mutex — DuckDB has a single writer and single-row writes are slow, which is why
 * ingestion commits in groups. Reads outside transactions use their own connection so they never wait for a group
 * commit to finish.
 */
import { createHash } from 'node:crypto';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
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
  const reader =
    statements && values.length > 0
      ? await statements.run(rewritten.sql, values, types)
      : await connection.runAndReadAll(rewritten.sql, values, types);
  const jsonColumns = reader.columnTypes().map((type) => type.alias === 'JSON');
  const names = reader.columnNames();
  return reader.getRowsJS().map((values) => {
    const row: Row = {};
    names.forEach((name, index) => {
      row[name] = fromDuckDbValue(values[index], jsonColumns[index] === true);
    });
    return row as T;
  });
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

export async function openDuckDbStore(options: { path: string }): Promise<Store> {
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
  const reader = await instance.connect();
  const readStatements = new StatementCache(reader);
  const writerExecutor = createExecutor(writer);
  const mutex = new AsyncMutex();

  const store: Store = {
    engine: 'duckdb',
    dialect: duckdbDialect,
    query: (sql, params = []) => runQuery(reader, sql, params, readStatements),
    execute: (sql, params) => mutex.runExclusive(() => writerExecutor.execute(sql, params)),
    insertRows: (table, columns, rows, insertOptions) =>
      mutex.runExclusive(() => writerExecutor.insertRows(table, columns, rows, insertOptions)),
    transaction: (work) =>
      mutex.runExclusive(async () => {
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
    describe: () => `duckdb:${options.path}`,
    async close() {
      await mutex.runExclusive(async () => {
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

/**
 * The storage boundary. Two engines implement it (DuckDB embedded, PostgreSQL server); domain modules write
 * portable SQL against `SqlExecutor` and use `Dialect` hooks for the few places the engines differ.
 *
 * Portable SQL conventions used across the code base:
 * - positional placeholders `$1, $2, …` (both engines accept them);
 * - list parameters as `$1::varchar[]`, used as `x in (select unnest($1::varchar[]))`;
 * - JSON columns are written as JSON text and read back parsed;
 * - timestamps are UTC; bind `Date` values; rows come back with `Date` objects;
 * - integer aggregates (count, sum of integers) come back as JS numbers.
 */
import type { Dialect } from './dialect.ts';

export type SqlValue =
  string | number | boolean | null | Date | bigint | readonly string[] | readonly number[];

export type Row = Record<string, unknown>;

export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Runs a statement and returns its rows as plain objects. */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement for its effect; returns the number of rows changed where the engine reports it. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * Inserts many rows in one go (DuckDB appender, PostgreSQL multi-row insert). Columns holding JSON take JSON
   * text. Without options, `columns` must list every column of the table in its declared order (the DuckDB
   * appender writes positionally) and rows must not conflict with existing keys. With `ignoreConflicts`, rows whose
   * key exists are skipped; with `returning`, the named column of each inserted row comes back.
   */
  insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
    options?: InsertOptions,
  ): Promise<Row[]>;
}

export interface InsertOptions {
  ignoreConflicts?: boolean;
  returning?: string;
}

export interface Store extends SqlExecutor {
  readonly engine: 'duckdb' | 'postgres';
  /** Runs `work` in one transaction: all of it commits or none of it does. Transactions are serialised per store
   * on DuckDB (one writer) and run concurrently on PostgreSQL, where a serialisation conflict is retried. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Applies pending migrations in order; returns the names applied. */
  migrate(): Promise<string[]>;
  /** Where the data lives, for messages (`duckdb:./segmint.duckdb`, `postgres://host/db`, password hidden). */
  describe(): string;
  close(): Promise<void>;
}

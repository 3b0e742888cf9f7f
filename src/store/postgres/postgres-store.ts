/**
 * The server engine: a pool of PostgreSQL connections shared by many API and worker processes. Transactions run
 * concurrently; serialisation failures, deadlocks and unique-key races between processes (two processes creating
 * the same identity at once) are retried from the start of the transaction, which is safe because the work function
 * has no effect outside it.
 */
import pg from 'pg';
import { SegmintError } from '../../errors.ts';
import { postgresDialect } from '../dialect.ts';
import { applyMigrations } from '../migrate.ts';
import type { InsertOptions, Row, SqlExecutor, SqlValue, Store } from '../store.ts';

// Counts and sums of integers come back as JS numbers, as they do from the DuckDB engine.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : BigInt(value);
});
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

const RETRYABLE_CODES = new Set(['40001', '40P01', '23505']);
const MAX_ATTEMPTS = 8;
const MAX_PARAMETERS = 65_535;

function toPgParams(params: readonly SqlValue[]): unknown[] {
  return params.map((value) => (Array.isArray(value) ? [...value] : value));
}

function createExecutor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    dialect: postgresDialect,
    async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(sql, toPgParams(params));
      return result.rows as T[];
    },
    async execute(sql, params = []) {
      const result = await client.query(sql, toPgParams(params));
      return result.rowCount ?? 0;
    },
    async insertRows(table, columns, rows, options: InsertOptions = {}) {
      const returned: Row[] = [];
      const rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      for (let start = 0; start < rows.length; start += rowsPerStatement) {
        const chunk = rows.slice(start, start + rowsPerStatement);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = row.map((value) => {
            params.push(Array.isArray(value) ? [...value] : value);
            return `$${params.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        const conflict = options.ignoreConflicts ? ' on conflict do nothing' : '';
        const returning = options.returning ? ` returning ${options.returning}` : '';
        const result = await client.query(
          `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}${conflict}${returning}`,
          params,
        );
        if (options.returning) returned.push(...(result.rows as Row[]));
      }
      return returned;
    },
  };
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

export async function openPostgresStore(options: { url: string; poolSize?: number }): Promise<Store> {
  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new SegmintError(
      'invalid_input',
      `DATABASE_URL is not a valid URL: '${redactUrl(options.url)}'. Expected postgres://user:password@host:5432/database`,
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new SegmintError(
      'invalid_input',
      `DATABASE_URL must start with postgres:// (got ${parsed.protocol}//…). Leave it unset to use the embedded DuckDB store.`,
    );
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    options: '-c TimeZone=UTC',
  });
  // An idle client that loses its server must not crash the process; the next query reports the error.
  pool.on('error', (error) => console.error(`PostgreSQL connection error: ${error.message}`));
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end();
    throw new SegmintError(
      'store_unavailable',
      `Could not connect to PostgreSQL at ${redactUrl(options.url)}: ${(error as Error).message}. ` +
        'Check that the server runs and DATABASE_URL (or --database-url) is right.',
    );
  }
  const poolExecutor = createExecutor(pool);

  async function withClient<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  async function runTransaction<T>(client: pg.PoolClient, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await client.query('begin');
      try {
        const result = await work(createExecutor(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        const code = (error as { code?: string }).code;
        if (code === undefined || !RETRYABLE_CODES.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  const store: Store = {
    engine: 'postgres',
    dialect: postgresDialect,
    query: poolExecutor.query,
    execute: poolExecutor.execute,
    insertRows: poolExecutor.insertRows,
    transaction: (work) => withClient((client) => runTransaction(client, work)),
    migrate: () =>
      withClient(async (client) => {
        const executor = createExecutor(client);
        const clientStore: Store = {
          ...store,
          ...executor,
          transaction: (work) => runTransaction(client, work),
        };
        return applyMigrations({
          engine: 'postgres',
          store: clientStore,
          runScript: async (sql) => {
            await client.query(sql);
          },
          // Many processes may start at once; one migrates while the others wait.
          lock: async () => {
            await client.query('select pg_advisory_xact_lock(7262010)');
          },
        });
      }),
    describe: () => redactUrl(options.url),
    close: () => pool.end(),
  };
  return store;
}

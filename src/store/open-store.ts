/**
 * Picks the engine: PostgreSQL when a database URL is given (flag or DATABASE_URL), else the embedded DuckDB
 * file (default ./segmint.duckdb). Migrations run on open, so every command sees the current schema.
 */
import { openDuckDbStore } from './duckdb/duckdb-store.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import type { Store } from './store.ts';

export const DEFAULT_DUCKDB_PATH = './segmint.duckdb';

export interface StoreLocation {
  databaseUrl?: string | undefined;
  duckdbPath?: string | undefined;
  /** DuckDB only: threads for queries (default: every core). `segmint serve` leaves one core to Node. */
  duckdbThreads?: number | undefined;
}

export async function openStore(location: StoreLocation = {}): Promise<Store> {
  const store = location.databaseUrl
    ? await openPostgresStore({ url: location.databaseUrl })
    : await openDuckDbStore({
        path: location.duckdbPath ?? DEFAULT_DUCKDB_PATH,
        threads: location.duckdbThreads,
      });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

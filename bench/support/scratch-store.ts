/**
 * A fresh store for a child `segmint serve` (a DuckDB file in a temp folder, or a new database in a PostgreSQL
 * cluster) with one source, plus the CLI arguments that point the server at it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSource } from '../../src/sources/sources.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createPostgresDatabase } from '../../src/test-support/postgres-database.ts';
import type { StoreLocation } from './audit-ingestion.ts';

export interface ScratchStore {
  location: StoreLocation;
  /** Global CLI options selecting the store: `--db FILE` or `--database-url URL`. */
  storeArgs: string[];
  writeKey: string;
  /** Removes the DuckDB folder (a PostgreSQL database goes with its throwaway cluster). */
  remove(): void;
}

export async function createScratchStore(options: {
  engine: StoreLocation['engine'];
  /** Required for PostgreSQL: the cluster in which to create the database. */
  postgresClusterUrl?: string;
}): Promise<ScratchStore> {
  let location: StoreLocation;
  let folder: string | undefined;
  if (options.engine === 'duckdb') {
    folder = mkdtempSync(join(tmpdir(), 'segmint-reliability-'));
    location = { engine: 'duckdb', path: join(folder, 'segmint.duckdb') };
  } else {
    if (!options.postgresClusterUrl) throw new Error('a PostgreSQL cluster URL is needed');
    location = { engine: 'postgres', url: await createPostgresDatabase(options.postgresClusterUrl) };
  }
  const store = await openStore(
    location.engine === 'duckdb' ? { duckdbPath: location.path } : { databaseUrl: location.url },
  );
  let writeKey: string;
  try {
    writeKey = (await createSource(store, 'reliability')).writeKey;
  } finally {
    await store.close();
  }
  return {
    location,
    storeArgs: location.engine === 'duckdb' ? ['--db', location.path] : ['--database-url', location.url],
    writeKey,
    remove: () => {
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one suite against every store engine: `describeEachEngine('store conformance', (getStore) => { … })`.
 * DuckDB uses a fresh in-memory database per suite; PostgreSQL a fresh database in the cluster that the global
 * setup started (skipped, with a message, where PostgreSQL is not installed outside CI).
 */
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';
import { createPostgresDatabase } from './postgres-database.ts';

export type EngineName = Store['engine'];

/** Opens a fresh, migrated store of the given engine. */
export async function openTestStore(engine: EngineName): Promise<Store> {
  if (engine === 'duckdb') return openStore({ duckdbPath: ':memory:' });
  const clusterUrl = inject('postgresUrl');
  if (!clusterUrl) throw new Error('PostgreSQL is not available in this test run');
  return openStore({ databaseUrl: await createPostgresDatabase(clusterUrl) });
}

export function describeEachEngine(
  title: string,
  suite: (getStore: () => Store, engine: EngineName) => void,
): void {
  for (const engine of ['duckdb', 'postgres'] as const) {
    const isAvailable = engine === 'duckdb' || inject('postgresUrl') !== '';
    if (!isAvailable) console.warn(`SKIPPED: "${title}" on PostgreSQL — no PostgreSQL server in this run.`);
    describe.runIf(isAvailable)(`${title} [${engine}]`, () => {
      let store: Store | undefined;
      beforeAll(async () => {
        store = await openTestStore(engine);
      });
      afterAll(async () => {
        await store?.close();
      });
      suite(() => {
        if (!store) throw new Error('store not opened yet');
        return store;
      }, engine);
    });
  }
}

/**
 * Versioned SQL migrations: plain `.sql` files per engine in `migrations/<engine>/`, applied in file-name order,
 * each in its own transaction and recorded in `schema_migrations`. Later features add files; applied files are
 * never edited.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SegmintError } from '../errors.ts';
import type { Store } from './store.ts';

const migrationsRoot = join(import.meta.dirname, 'migrations');

export function listMigrations(engine: Store['engine']): { name: string; sql: string }[] {
  const dir = join(migrationsRoot, engine);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), sql: readFileSync(join(dir, file), 'utf8') }));
}

export async function applyMigrations(options: {
  engine: Store['engine'];
  store: Store;
  /** Runs a multi-statement script on the connection of the current transaction. */
  runScript: (sql: string) => Promise<void>;
  /** Serialises concurrent migrators (PostgreSQL: an advisory lock); runs inside the transaction. */
  lock?: () => Promise<void>;
}): Promise<string[]> {
  const { store } = options;
  await store.execute(
    'create table if not exists schema_migrations (name varchar primary key, applied_at timestamp not null)',
  );
  const applied: string[] = [];
  for (const migration of listMigrations(options.engine)) {
    const wasApplied = await store.transaction(async (tx) => {
      await options.lock?.();
      const rows = await tx.query('select name from schema_migrations where name = $1', [migration.name]);
      if (rows.length > 0) return true;
      try {
        await options.runScript(migration.sql);
      } catch (error) {
        throw new SegmintError(
          'store_unavailable',
          `Migration ${options.engine}/${migration.name}.sql failed, so the store was left at the previous version: ${(error as Error).message}`,
        );
      }
      await tx.execute('insert into schema_migrations (name, applied_at) values ($1, $2)', [
        migration.name,
        new Date(),
      ]);
      return false;
    });
    if (!wasApplied) applied.push(migration.name);
  }
  return applied;
}

/** A new, empty database in a PostgreSQL cluster, for tests and benchmarks (no vitest import: the soak uses it). */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export async function createPostgresDatabase(clusterUrl: string, prefix = 'segmint_test'): Promise<string> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

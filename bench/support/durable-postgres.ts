/**
 * A throwaway PostgreSQL cluster with fsync and synchronous_commit on (scripts/postgres-cluster.sh with
 * SEGMINT_PG_DURABLE=1), for runs that claim durability. Undefined when PostgreSQL is not installed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFreePort } from './free-port.ts';

const script = resolve(import.meta.dirname, '../../scripts/postgres-cluster.sh');

export interface DurablePostgres {
  url: string;
  stop(): void;
}

export async function startDurablePostgres(
  log: (line: string) => void,
): Promise<DurablePostgres | undefined> {
  const folder = mkdtempSync(join(tmpdir(), 'segmint-durable-pg-'));
  chmodSync(folder, 0o755);
  const clusterDir = join(folder, 'cluster');
  try {
    const url = execFileSync(script, ['start', clusterDir, String(await findFreePort())], {
      encoding: 'utf8',
      env: { ...process.env, SEGMINT_PG_DURABLE: '1' },
    }).trim();
    return {
      url,
      stop: () => {
        execFileSync(script, ['stop', clusterDir]);
        rmSync(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    log(`PostgreSQL could not be started: ${error instanceof Error ? error.message : String(error)}`);
    rmSync(folder, { recursive: true, force: true });
    return undefined;
  }
}

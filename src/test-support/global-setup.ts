/**
 * Vitest global setup: starts one throwaway PostgreSQL cluster for the whole test run (Debian's `postgresql`
 * package, via scripts/postgres-cluster.sh) and hands its URL to the tests as SEGMINT_TEST_POSTGRES_URL.
 * Each test file creates its own database in it, so files run in parallel without sharing state.
 *
 * On CI (CI=true) PostgreSQL must be there: a missing server fails the run instead of silently skipping half the
 * conformance suite. Elsewhere the PostgreSQL half is skipped with a clear message.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const script = resolve(import.meta.dirname, '../../scripts/postgres-cluster.sh');

export default function setup(project: TestProject): () => void {
  if (process.env.SEGMINT_TEST_POSTGRES_URL) return () => undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'segmint-pg-'));
  chmodSync(dataDir, 0o755);
  const clusterDir = join(dataDir, 'cluster');
  const port = String(20000 + Math.floor(Math.random() * 20000));
  try {
    const url = execFileSync(script, ['start', clusterDir, port], { encoding: 'utf8' }).trim();
    project.provide('postgresUrl', url);
  } catch (error) {
    const message = `PostgreSQL could not be started for the tests: ${(error as Error).message}`;
    if (process.env.CI === 'true') throw new Error(message, { cause: error });
    console.warn(
      `${message}\nPostgreSQL tests are SKIPPED. Install Debian's 'postgresql' package to run them.`,
    );
    project.provide('postgresUrl', '');
    return () => rmSync(dataDir, { recursive: true, force: true });
  }
  return () => {
    execFileSync(script, ['stop', clusterDir]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

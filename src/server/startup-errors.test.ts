/**
 * Start-up failures of `segmint serve` through the real CLI (bin/segmint.js in a child process): each prints one
 * line that says what is wrong and what to do, and exits with the code of its error (src/errors.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildServer } from '../../bench/support/child-server.ts';
import { findFreePort } from '../../bench/support/free-port.ts';

const binary = resolve(import.meta.dirname, '../../bin/segmint.js');
const folder = mkdtempSync(join(tmpdir(), 'segmint-startup-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Runs the CLI to its end, without the developer's own DATABASE_URL or SEGMINT_DB unless `env` sets them. */
function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string }> {
  const childEnv = { ...process.env };
  delete childEnv.DATABASE_URL;
  delete childEnv.SEGMINT_DB;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [binary, ...args], {
      env: { ...childEnv, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', fail);
    child.once('exit', (code) => done({ code, stderr }));
  });
}

describe('segmint serve start-up errors', () => {
  it('refuses a DuckDB store that another process holds, naming it, with exit code 7', async () => {
    const path = join(folder, 'held.duckdb');
    const owner = await startChildServer({
      storeArgs: ['--db', path],
      port: await findFreePort(),
      adminKey: 'k',
    });
    try {
      const second = await runCli(['--db', path, 'serve', '--port', String(await findFreePort())]);
      expect(second.code).toBe(7);
      expect(second.stderr).toMatch(/^Error: The store .*held\.duckdb is in use by another process/);
      expect(second.stderr).toMatch(/Stop that process .* or use its HTTP API instead/);
      // Other commands on the same file say the same.
      const list = await runCli(['--db', path, 'sources', 'list']);
      expect(list.code).toBe(7);
      expect(list.stderr).toMatch(/is in use by another process/);
    } finally {
      expect(await owner.stop()).toBe(0);
    }
  }, 60_000);

  it('explains a DATABASE_URL that is not a URL, names another database, or points nowhere', async () => {
    const notUrl = await runCli(['serve'], { DATABASE_URL: 'localhost/segmint' });
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(
      /DATABASE_URL is not a valid URL: 'localhost\/segmint'\. Expected postgres:\/\//,
    );

    const otherDatabase = await runCli(['serve'], { DATABASE_URL: 'mysql://app@127.0.0.1/segmint' });
    expect(otherDatabase.code).toBe(2);
    expect(otherDatabase.stderr).toMatch(/DATABASE_URL must start with postgres:\/\/ \(got mysql:\/\/…\)/);

    const nobodyListens = await findFreePort();
    const unreachable = await runCli([
      '--database-url',
      `postgres://app:s3cret@127.0.0.1:${nobodyListens}/segmint`,
      'serve',
    ]);
    expect(unreachable.code).toBe(7);
    expect(unreachable.stderr).toMatch(
      /Could not connect to PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1/,
    );
    expect(unreachable.stderr).toMatch(/ECONNREFUSED/);
    expect(unreachable.stderr).not.toContain('s3cret');
  }, 60_000);

  it('says the port is taken, with exit code 8, and leaves the store free for the next start', async () => {
    const blocker = createServer();
    const port = await findFreePort();
    await new Promise<void>((listening) => blocker.listen(port, '127.0.0.1', listening));
    const path = join(folder, 'port.duckdb');
    try {
      const result = await runCli(['--db', path, 'serve', '--port', String(port)]);
      expect(result.code).toBe(8);
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      await new Promise((closed) => blocker.close(closed));
    }
    const listed = await runCli(['--db', path, 'sources', 'list', '--json']);
    expect(listed).toEqual({ code: 0, stderr: '' });
  }, 60_000);

  it('rejects a port that is not a port, a DuckDB thread count that is not one, and a host that is not this machine', async () => {
    const badPort = await runCli(['--db', join(folder, 'p.duckdb'), 'serve', '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain("--port must be a whole number from 0 to 65535 (got 'eighty')");

    const badThreads = await runCli(['--db', join(folder, 't.duckdb'), 'serve', '--duckdb-threads', '0']);
    expect(badThreads.code).toBe(2);
    expect(badThreads.stderr).toContain("--duckdb-threads must be a whole number from 1 to 1024 (got '0')");

    // 192.0.2.0/24 is reserved for documentation (RFC 5737): never an address of this machine.
    const port = await findFreePort();
    const badHost = await runCli([
      '--db',
      join(folder, 'h.duckdb'),
      'serve',
      '--port',
      String(port),
      '--host',
      '192.0.2.1',
    ]);
    expect(badHost.code).toBe(2);
    expect(badHost.stderr).toContain('192.0.2.1 is not an address of this machine');
  }, 60_000);
});

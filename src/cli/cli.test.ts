import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmint } from '../test-support/run-cli.ts';

describe('the segmint command', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-cli-'));
    db = join(dir, 'store.duckdb');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('generates customers into the store, and a second run stores nothing twice', async () => {
    const first = await segmint('--db', db, 'generate', '--customers', '60', '--days', '200', '--json');
    expect(first.code).toBe(0);
    const totals = JSON.parse(first.stdout);
    expect(totals.profilesCreated).toBe(60);
    expect(totals.stored).toBe(totals.messages);
    const second = JSON.parse(
      (await segmint('--db', db, 'generate', '--customers', '60', '--days', '200', '--json')).stdout,
    );
    expect(second).toMatchObject({ stored: 0, duplicates: totals.messages, profilesCreated: 0 });
  });

  it('lists and shows profiles by user id and by email', async () => {
    const page = JSON.parse((await segmint('--db', db, 'profiles', 'list', '--limit', '5', '--json')).stdout);
    expect(page.total).toBe(60);
    expect(page.profiles).toHaveLength(5);
    const byUser = JSON.parse(
      (await segmint('--db', db, 'profiles', 'show', 'user-000007', '--json')).stdout,
    );
    const byEmail = JSON.parse(
      (await segmint('--db', db, 'profiles', 'show', byUser.email.toUpperCase(), '--json')).stdout,
    );
    expect(byEmail.id).toBe(byUser.id);
    expect(byUser.identities.map((identity: { kind: string }) => identity.kind)).toContain('anonymous_id');
  });

  it('computes RFM and cohorts from the generated purchases', async () => {
    const rfm = JSON.parse(
      (await segmint('--db', db, 'rfm', '--order-property', 'order_id', '--json')).stdout,
    );
    expect(rfm.customers).toBeGreaterThan(10);
    const csv = (await segmint('--db', db, 'rfm', '--csv')).stdout.trim().split('\n');
    expect(csv[0]).toBe('profile_id,recency_days,frequency,monetary,r,f,m,segment');
    expect(csv).toHaveLength(rfm.customers + 1);
    const cohorts = JSON.parse((await segmint('--db', db, 'cohorts', '--json')).stdout);
    expect(cohorts.length).toBeGreaterThan(0);
    expect(cohorts[0].retention[0]).toBe(1);
  });

  it('explains bad input and exits with the error code', async () => {
    const missing = await segmint('--db', db, 'profiles', 'show', 'nobody@nowhere');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/No profile with id/);
    const badOption = await segmint('--db', db, 'cohorts', '--by', 'zodiac');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/options\.by/);
  });

  it('says when the store is locked by another process', async () => {
    const { spawnSync } = await import('node:child_process');
    const holder = await import('../store/open-store.ts').then((module) =>
      module.openStore({ duckdbPath: join(dir, 'locked.duckdb') }),
    );
    try {
      // Another process opening the same file (DuckDB locks per process).
      const result = spawnSync(
        process.execPath,
        [
          join(import.meta.dirname, '../../bin/segmint.js'),
          '--db',
          join(dir, 'locked.duckdb'),
          'profiles',
          'list',
        ],
        {
          encoding: 'utf8',
        },
      );
      expect(result.status).toBe(7);
      expect(result.stderr).toMatch(/in use by another process/);
    } finally {
      await holder.close();
    }
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint traits', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-traits-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'track', userId: 'ann', event: 'purchase', properties: { amount: 30 } }),
          normalized({ type: 'track', userId: 'ann', event: 'purchase', properties: { amount: 12 } }),
          normalized({ type: 'track', userId: 'bob', event: 'purchase', properties: { amount: 5 } }),
        ]),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates from --expression and --file, lists, shows, refreshes and deletes', async () => {
    const created = await run('traits', 'create', 'orders', '--expression', 'count(purchase)');
    expect(created.stdout).toBe(
      'Saved computed trait "orders" v1 = count(purchase); 2 profiles have a value from their events.\n',
    );
    const file = join(dir, 'ltv.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        expression: { fn: 'sum', event: { type: 'track', event: 'purchase' }, property: ['amount'] },
      }),
    );
    expect((await run('traits', 'create', 'ltv', '--file', file)).code).toBe(0);

    const list = JSON.parse((await run('traits', 'list', '--json')).stdout);
    expect(list.map((trait: { name: string; text: string }) => [trait.name, trait.text])).toEqual([
      ['ltv', 'sum(purchase.amount)'],
      ['orders', 'count(purchase)'],
    ]);
    const shown = await run('traits', 'show', 'ltv', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'ltv', preview: { profilesWithValue: 2 } });

    const segment = await run('segments', 'create', 'repeat', '--where', 'orders >= 2');
    expect(segment.stdout).toContain('with 1 members');

    expect(JSON.parse((await run('traits', 'refresh', '--json')).stdout)).toEqual([
      { name: 'ltv', profilesWithValue: 2 },
      { name: 'orders', profilesWithValue: 2 },
    ]);
    const refused = await run('traits', 'delete', 'orders');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('used by segment "repeat"');
    expect((await run('traits', 'delete', 'ltv')).stdout).toBe('Deleted computed trait "ltv".\n');
  });

  it('previews an expression and reports a mistake at its column with exit code 2', async () => {
    const preview = JSON.parse(
      (await run('traits', 'preview', '--expression', 'max(purchase.amount)', '--json')).stdout,
    );
    expect(preview.topValues).toEqual([
      { value: 5, profiles: 1 },
      { value: 30, profiles: 1 },
    ]);
    const bad = await run('traits', 'preview', '--expression', 'max(purchase)');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/col 13/);
  });
});

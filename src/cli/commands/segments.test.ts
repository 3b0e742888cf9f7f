import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint segments', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-segments-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'identify', userId: 'ann', traits: { country: 'DE', plan: 'gold' } }),
          normalized({ type: 'identify', userId: 'bob', traits: { country: 'AT' } }),
          normalized({ type: 'identify', userId: 'cat', traits: { country: 'FR', plan: 'gold' } }),
        ]),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('previews a condition with a count and a sample, without saving it', async () => {
    const preview = await run('segments', 'preview', '--where', 'country in ("DE", "AT")', '--json');
    expect(preview.code).toBe(0);
    const parsed: unknown = JSON.parse(preview.stdout);
    expect(parsed).toMatchObject({ count: 2, sample: [expect.any(String), expect.any(String)] });
    expect(JSON.parse((await run('segments', 'list', '--json')).stdout)).toEqual([]);
  });

  it('creates from --where and from --file, refreshes, lists and shows members', async () => {
    expect((await run('segments', 'create', 'dach', '--where', 'country in ("DE", "AT")')).code).toBe(0);
    const file = join(dir, 'gold.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        condition: { type: 'trait', field: 'plan', predicate: { op: 'eq', value: 'gold' } },
      }),
    );
    const created = await run('segments', 'create', 'gold', '--file', file, '--no-realtime');
    expect(created.stdout).toContain('Saved segment "gold" (');
    expect(created.stdout).toContain('with 2 members');

    // Members were computed when each segment was saved: a refresh finds nothing new.
    const refreshed = JSON.parse((await run('segments', 'refresh', '--json')).stdout);
    expect(refreshed).toEqual([
      { segment: 'dach', members: 2, entered: 0, exited: 0 },
      { segment: 'gold', members: 2, entered: 0, exited: 0 },
    ]);
    const list = await run('segments', 'list');
    expect(list.stdout).toMatch(/dach\s+2\s+yes\s+country in \("DE", "AT"\)/);
    expect(list.stdout).toMatch(/gold\s+2\s+no\s+plan = "gold"/);

    const shown = JSON.parse((await run('segments', 'show', 'gold', '--members', '--json')).stdout);
    expect(shown).toMatchObject({ name: 'gold', members: 2 });
    expect(shown.memberList).toHaveLength(2);
    const again = JSON.parse((await run('segments', 'refresh', 'gold', '--json')).stdout);
    expect(again).toEqual([{ segment: 'gold', members: 2, entered: 0, exited: 0 }]);
  });

  it('fails with the exit code of the error and a message that says what to do', async () => {
    const badText = await run('segments', 'create', 'bad', '--where', 'country = and');
    expect(badText.code).toBe(2);
    expect(badText.stderr).toContain('col 11');
    const taken = await run('segments', 'create', 'dach', '--where', 'plan = "x"');
    expect(taken.code).toBe(5);
    const missing = await run('segments', 'show', 'nope');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('segmint segments list');
    const badFile = await run('segments', 'create', 'f', '--file', join(dir, 'missing.json'));
    expect(badFile.code).toBe(2);
    expect(badFile.stderr).toContain('Cannot read');
  });

  it('deletes a segment unless another one refers to it', async () => {
    expect(
      (await run('segments', 'create', 'gold dach', '--where', 'segment "dach" and segment "gold"')).code,
    ).toBe(0);
    const refused = await run('segments', 'delete', 'dach');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('"gold dach" refers to it');
    expect((await run('segments', 'delete', 'gold dach')).stdout).toContain('Deleted segment "gold dach"');
    expect((await run('segments', 'delete', 'dach')).code).toBe(0);
    const names = JSON.parse((await run('segments', 'list', '--json')).stdout).map(
      (s: { name: string }) => s.name,
    );
    expect(names).toEqual(['gold']);
  });
});

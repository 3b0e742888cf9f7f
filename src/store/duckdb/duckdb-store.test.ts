import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbStore } from './duckdb-store.ts';

describe('DuckDB store shutdown', () => {
  it('lets reads in flight finish before closing, then refuses queries with a clear error', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    // Long enough to still be running when close() is called (closing under it used to crash the process).
    const running = store.query<{ n: number }>(
      'select count(*) as n from range(30000000) t(i) where i % 7 = $1',
      [3],
    );
    const closing = store.close();
    expect(await running).toEqual([{ n: 4285714 }]);
    await closing;
    await expect(store.query('select 1')).rejects.toThrow(/is closed \(a query arrived after close\)/);
    await expect(store.execute('select 1')).rejects.toThrow(/is closed/);
    await expect(store.transaction(async () => 1)).rejects.toThrow(/is closed/);
    await store.close();
  });

  it('finishes writes queued before close and keeps them', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'segmint-close-')), 'store.duckdb');
    try {
      const store = await openDuckDbStore({ path });
      await store.execute('create table t (n integer)');
      const writes = [1, 2, 3].map((n) => store.execute('insert into t values ($1)', [n]));
      const closing = store.close();
      await Promise.all(writes);
      await closing;
      const reopened = await openDuckDbStore({ path });
      expect(await reopened.query('select cast(sum(n) as integer) as total from t')).toEqual([{ total: 6 }]);
      await reopened.close();
    } finally {
      await rm(dirname(path), { recursive: true, force: true });
    }
  });
});

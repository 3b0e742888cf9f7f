import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../open-store.ts';
import type { Store } from '../store.ts';
import { defaultServerDuckDbThreads, parseDuckDbThreads } from './server-threads.ts';

describe('DuckDB threads for segmint serve', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('leaves one core to Node, and never goes below one thread', () => {
    expect(defaultServerDuckDbThreads(8)).toBe(7);
    expect(defaultServerDuckDbThreads(2)).toBe(1);
    expect(defaultServerDuckDbThreads(1)).toBe(1);
  });

  it('accepts whole numbers from 1 and explains anything else', () => {
    expect(parseDuckDbThreads(' 3 ')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two', '', '100000']) {
      expect(() => parseDuckDbThreads(bad)).toThrow(/--duckdb-threads must be a whole number from 1 to 1024/);
    }
  });

  it('applies the count to the store it opens, and keeps DuckDB’s default otherwise', async () => {
    store = await openStore({ duckdbPath: ':memory:', duckdbThreads: 1 });
    expect(await store.query("select current_setting('threads') as threads")).toEqual([{ threads: 1 }]);
    expect(store.describe()).toBe('duckdb::memory:, 1 thread');
    await store.close();
    store = await openStore({ duckdbPath: ':memory:' });
    const [row] = await store.query<{ threads: number }>("select current_setting('threads') as threads");
    expect(row?.threads).toBeGreaterThanOrEqual(1);
    expect(store.describe()).toBe('duckdb::memory:');
  });
});

import { DuckDBInstance, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementCache } from './statement-cache.ts';

describe('StatementCache', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;

  beforeEach(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(`create table t as select i as id, 'v' || i as label from range(100) r(i)`);
  });

  afterEach(() => {
    connection.closeSync();
    instance.closeSync();
  });

  const labelOf = async (cache: StatementCache, id: number) =>
    (await (await cache.run('select label from t where id = $1', [id], [INTEGER])).getRowsJS())[0]?.[0];

  it('reuses one statement for the same SQL with new parameters', async () => {
    const cache = new StatementCache(connection);
    expect(await labelOf(cache, 1)).toBe('v1');
    expect(await labelOf(cache, 2)).toBe('v2');
    expect(cache.size).toBe(1);
  });

  it('gives every concurrent caller of one SQL its own binding', async () => {
    const cache = new StatementCache(connection);
    const ids = Array.from({ length: 40 }, (_, index) => index);
    expect(await Promise.all(ids.map((id) => labelOf(cache, id)))).toEqual(ids.map((id) => `v${id}`));
    expect(cache.size).toBe(1);
  });

  it('sees columns added after the statement was kept, and fails cleanly once the table is gone', async () => {
    const cache = new StatementCache(connection);
    const firstRow = async () =>
      (await (await cache.run('select * from t where id = $1', [3], [INTEGER])).getRowsJS())[0];
    expect(await firstRow()).toEqual([3n, 'v3']);
    await connection.run('alter table t add column extra varchar');
    await connection.run(`update t set extra = 'x' where id = 3`);
    expect(await firstRow()).toEqual([3n, 'v3', 'x']);
    await connection.run('drop table t');
    await expect(firstRow()).rejects.toThrow(/t/);
    await connection.run(`create table t as select 3 as id, 'again' as label`);
    expect(await firstRow()).toEqual([3, 'again']);
  });

  it('keeps at most its limit, dropping the least recently used', async () => {
    const cache = new StatementCache(connection, 2);
    for (const column of ['id', 'label', 'id + 1', 'label']) {
      await cache.run(`select ${column} from t where label = $1`, ['v5'], [VARCHAR]);
    }
    expect(cache.size).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

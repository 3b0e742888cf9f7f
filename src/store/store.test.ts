import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { listMigrations } from './migrate.ts';

describeEachEngine('store conformance', (getStore, engine) => {
  beforeEach(async () => {
    await getStore().execute('delete from identities');
  });

  it('applies every migration once and records it', async () => {
    const store = getStore();
    const rows = await store.query<{ name: string }>('select name from schema_migrations order by name');
    expect(rows.map((row) => row.name)).toEqual(listMigrations(engine).map((migration) => migration.name));
    expect(await store.migrate()).toEqual([]);
  });

  it('round-trips strings, numbers, dates, booleans and JSON through parameters', async () => {
    const at = new Date('2024-03-01T10:20:30.123Z');
    const rows = await getStore().query(
      `select $1 as text, cast($2 as integer) as whole, cast($3 as double precision) as fraction,
              cast($4 as ${getStore().dialect.timestampType}) as at, cast($5 as boolean) as flag,
              cast('{"a":{"b":[1,2]}}' as ${getStore().dialect.jsonType}) as doc`,
      ["héllo ' ; drop table events", 42, 2.5, at, true],
    );
    expect(rows).toEqual([
      {
        text: "héllo ' ; drop table events",
        whole: 42,
        fraction: 2.5,
        at,
        flag: true,
        doc: { a: { b: [1, 2] } },
      },
    ]);
  });

  it('returns every row of a result larger than one chunk, in order, with and without parameters', async () => {
    const store = getStore();
    const series = store.dialect.name === 'duckdb' ? 'range(0, 5000)' : 'generate_series(0, 4999)';
    const sql = `select cast(i as integer) as n from ${series} t(i) where i >= $1 order by n`;
    const expected = Array.from({ length: 5000 }, (_, index) => ({ n: index }));
    expect(await store.query(sql.replace('$1', '0'))).toEqual(expected);
    expect(await store.query(sql, [0])).toEqual(expected);
  });

  it('returns counts as numbers and binds lists as parameters', async () => {
    const store = getStore();
    await store.insertRows(
      'identities',
      ['kind', 'value', 'profile_id', 'created_at'],
      [
        ['email', 'a@example.com', 'p1', new Date()],
        ['email', 'b@example.com', 'p2', new Date()],
        ['user_id', 'u1', 'p1', new Date()],
      ],
    );
    const rows = await store.query<{ n: number }>(
      'select count(*) as n from identities where value in (select unnest($1::varchar[]))',
      [['a@example.com', 'u1', 'missing']],
    );
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('binds empty lists, lists of numbers and strings holding any character', async () => {
    const store = getStore();
    const odd = ['a\u001fb', "it's", ''];
    const strings = await store.query<{ v: string }>('select unnest($1::varchar[]) as v', [odd]);
    expect(strings.map((row) => row.v)).toEqual(odd);
    const none = await store.query<{ n: number }>(
      'select count(*) as n from (select unnest($1::varchar[]) as v) t',
      [[]],
    );
    expect(none).toEqual([{ n: 0 }]);
    const numbers = await store.query<{ total: number }>(
      'select sum(v) as total from (select unnest($1::double precision[]) as v) t',
      [[1.5, 2, -0.25]],
    );
    expect(numbers).toEqual([{ total: 3.25 }]);
  });

  it('skips conflicting rows and returns the inserted keys when asked', async () => {
    const store = getStore();
    const columns = ['kind', 'value', 'profile_id', 'created_at'];
    await store.insertRows('identities', columns, [['email', 'a@example.com', 'p1', new Date()]]);
    const inserted = await store.insertRows(
      'identities',
      columns,
      [
        ['email', 'a@example.com', 'p9', new Date()],
        ['email', 'c@example.com', 'p3', new Date()],
      ],
      { ignoreConflicts: true, returning: 'value' },
    );
    expect(inserted).toEqual([{ value: 'c@example.com' }]);
    const owner = await store.query('select profile_id from identities where value = $1', ['a@example.com']);
    expect(owner).toEqual([{ profile_id: 'p1' }]);
  });

  it('keeps inserts with different column lists into one table apart', async () => {
    const store = getStore();
    const at = new Date('2025-01-01T00:00:00Z');
    await store.insertRows(
      'sources',
      ['id', 'name', 'write_key_hash', 'created_at'],
      [['s1', 'one', 'h1', at]],
      {
        ignoreConflicts: true,
      },
    );
    // The same table, other columns in another order: must not reuse a staging table shaped by the first call.
    await store.insertRows(
      'sources',
      ['created_at', 'write_key_hash', 'name', 'id'],
      [[at, 'h2', 'two', 's2']],
      {
        ignoreConflicts: true,
      },
    );
    const rows = await store.query(
      'select id, name, write_key_hash from sources where id in ($1, $2) order by id',
      ['s1', 's2'],
    );
    expect(rows).toEqual([
      { id: 's1', name: 'one', write_key_hash: 'h1' },
      { id: 's2', name: 'two', write_key_hash: 'h2' },
    ]);
  });

  it('commits all of a transaction or none of it', async () => {
    const store = getStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.execute(`insert into identities values ('email', 'x@example.com', 'p1', $1)`, [new Date()]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await store.transaction(async (tx) => {
      await tx.execute(`insert into identities values ('email', 'y@example.com', 'p1', $1)`, [new Date()]);
    });
    const rows = await store.query<{ value: string }>('select value from identities order by value');
    expect(rows.map((row) => row.value)).toEqual(['y@example.com']);
  });

  it('serialises concurrent transactions without losing writes', async () => {
    const store = getStore();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.transaction(async (tx) => {
          await tx.insertRows(
            'identities',
            ['kind', 'value', 'profile_id', 'created_at'],
            [['anonymous_id', `anon-${index}`, `p${index}`, new Date()]],
          );
        }),
      ),
    );
    const rows = await store.query<{ n: number }>('select count(*) as n from identities');
    expect(rows).toEqual([{ n: 20 }]);
  });

  it('reports JSON text of nested keys through the dialect hook', async () => {
    const store = getStore();
    const column = `cast($1 as ${store.dialect.jsonType})`;
    const rows = await store.query(
      `select ${store.dialect.jsonText(column, ['address', "city's"])} as city,
              ${store.dialect.tryCastDouble(store.dialect.jsonText(column, ['amount']))} as amount`,
      [JSON.stringify({ address: { "city's": 'Wien' }, amount: '12.5' })],
    );
    expect(rows).toEqual([{ city: 'Wien', amount: 12.5 }]);
  });
});

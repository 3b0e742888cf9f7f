import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../test-support/engines.ts';
import type { Store } from '../../store/store.ts';
import { importEvents } from './import-events.ts';
import type { ImportEventsOptionsInput } from './import-options.ts';
import type { ImportProgress } from './run-import.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-import-events-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function writeFixture(name: string, lines: string[]): string {
  const path = join(folder, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Online Retail's layout, with the problems real files have. */
const ORDERS = writeFixture('orders.csv', [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,"WHITE HANGING HEART, T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom', // 1 ok
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom', // 2 ok
  '536365,85123A,"WHITE HANGING HEART, T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom', // 3 = 1
  '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom', // 4 no customer
  '536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-13-01 08:34:00,1.69,13047.0,France', // 5 bad date
  "536367,22745,POPPY'S PLAYHOUSE BEDROOM,6,2010-12-01 08:34:00,2.10,13047,EIRE", // 6 ok
  ' 536365 ,85123A,"WHITE HANGING HEART, T-LIGHT HOLDER ",6,2010-12-01 08:26:00,2.550,17850,United Kingdom', // 7 = 1 once cleaned
  '536368,22960,JAM MAKING SET WITH JARS,6,2010-12-01 08:34:00,4.25,  ,France', // 8 no customer
  '536369,21756,BATH BUILDING BLOCK WORD,3,2010-12-01 08:35:00,abc,13047,France', // 9 bad price
  'C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,Channel Islands', // 10 ok, country kept with a warning
]);

const RETAIL_FLAGS = {
  idColumn: 'CustomerID',
  timestampColumn: 'InvoiceDate',
  event: 'purchase',
  priceColumn: 'UnitPrice',
  quantityColumn: 'Quantity',
} satisfies Partial<ImportEventsOptionsInput>;

async function count(store: Store, sql: string): Promise<number> {
  const rows = await store.query<{ n: number }>(sql);
  return Number(rows[0]?.n ?? -1);
}

describeEachEngine('importing events', (getStore) => {
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  it('imports valid rows, rejects invalid ones with row and reason, and counts repeated rows as duplicates', async () => {
    const store = getStore();
    const summary = await importEvents({ store, file: ORDERS, ...RETAIL_FLAGS, reportLimit: 3 });
    expect(summary).toMatchObject({
      kind: 'events',
      format: 'csv',
      rowsRead: 10,
      imported: 4,
      rejected: {
        count: 4,
        byReason: {
          'missing CustomerID': 2,
          'invalid date in InvoiceDate': 1,
          'invalid number in UnitPrice': 1,
        },
        first: [
          { row: 4, reason: 'missing CustomerID' },
          {
            row: 5,
            reason:
              "invalid date '2010-13-01 08:34:00' (expected ISO 8601, e.g. 2010-12-01 08:26:00) in InvoiceDate",
          },
          { row: 8, reason: 'missing CustomerID' },
        ],
      },
      warnings: { count: 1, byReason: { 'not an ISO country in Country': 1 } },
      duplicates: { inFile: 2, alreadyStored: 0 },
      profilesCreated: 3,
      profilesMerged: 0,
    });
    expect(summary.rowsPerSecond).toBeGreaterThan(0);
    expect(await count(store, 'select count(*) as n from events')).toBe(4);
  });

  it('stores cleaned purchases: user id, event time, amount and ISO country', async () => {
    const store = getStore();
    await importEvents({ store, file: ORDERS, ...RETAIL_FLAGS });
    const rows = await store.query<{
      user_id: string;
      event: string;
      occurred_at: Date;
      properties: Record<string, unknown>;
    }>('select user_id, event, occurred_at, properties from events order by occurred_at, user_id');
    expect(rows.map((row) => [row.user_id, row.event, row.occurred_at.toISOString()])).toEqual([
      ['17850', 'purchase', '2010-12-01T08:26:00.000Z'],
      ['17850', 'purchase', '2010-12-01T08:26:00.000Z'],
      ['13047', 'purchase', '2010-12-01T08:34:00.000Z'],
      ['14527', 'purchase', '2010-12-01T09:41:00.000Z'],
    ]);
    expect(rows.map((row) => [row.properties.amount, row.properties.country])).toEqual(
      expect.arrayContaining([
        [15.3, 'GB'],
        [20.34, 'GB'],
        [12.6, 'IE'],
        [-27.5, 'Channel Islands'],
      ]),
    );
  });

  it('adds nothing when the same file is imported again', async () => {
    const store = getStore();
    await importEvents({ store, file: ORDERS, ...RETAIL_FLAGS });
    const again = await importEvents({ store, file: ORDERS, ...RETAIL_FLAGS });
    expect(again).toMatchObject({
      rowsRead: 10,
      imported: 0,
      duplicates: { inFile: 2, alreadyStored: 4 },
      profilesCreated: 0,
    });
    expect(again.rejected.count).toBe(4);
    expect(await count(store, 'select count(*) as n from events')).toBe(4);
    expect(await count(store, 'select count(*) as n from profiles')).toBe(3);
  });

  it('writes nothing when --strict meets a rejected row, even after earlier batches went in', async () => {
    const store = getStore();
    const attempt = importEvents({ store, file: ORDERS, ...RETAIL_FLAGS, strict: true, batchSize: 2 });
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'row 4: missing CustomerID; nothing was imported (--strict rejects the whole file)',
      details: [{ path: 'row 4', message: 'missing CustomerID' }],
    });
    expect(await count(store, 'select count(*) as n from events')).toBe(0);
    expect(await count(store, 'select count(*) as n from profiles')).toBe(0);
    expect(await count(store, 'select count(*) as n from identities')).toBe(0);
  });

  it('writes nothing when the file breaks off mid-way', async () => {
    const store = getStore();
    const broken = writeFixture('broken.csv', [
      'CustomerID,InvoiceDate,UnitPrice,Quantity',
      '1,2010-12-01 08:26:00,1,1',
      '2,2010-12-01 08:26:00,1,1',
      '3,2010-12-01 08:26:00,1,1',
      '4,2010-12-01 08:26:00,"1,1',
    ]);
    await expect(importEvents({ store, file: broken, ...RETAIL_FLAGS, batchSize: 1 })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(await count(store, 'select count(*) as n from events')).toBe(0);
  });

  it('reports progress by bytes read, ending at the file size', async () => {
    const progress: ImportProgress[] = [];
    await importEvents({
      store: getStore(),
      file: ORDERS,
      ...RETAIL_FLAGS,
      batchSize: 4,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.map((p) => p.rowsRead)).toEqual([4, 8, 10]);
    expect(progress.at(-1)).toEqual({
      bytesRead: statSync(ORDERS).size,
      totalBytes: statSync(ORDERS).size,
      rowsRead: 10,
    });
  });

  it('reads US dates with an explicit --timestamp-format', async () => {
    const store = getStore();
    const us = writeFixture('us.csv', [
      'CustomerID,InvoiceDate',
      '17850,12/1/2010 8:26',
      '17850,13/1/2010 8:26',
    ]);
    const summary = await importEvents({
      store,
      file: us,
      idColumn: 'CustomerID',
      timestampColumn: 'InvoiceDate',
      timestampFormat: 'M/D/YYYY H:mm',
      event: 'purchase',
    });
    expect(summary).toMatchObject({
      imported: 1,
      rejected: { byReason: { 'invalid date in InvoiceDate': 1 } },
    });
    const [row] = await store.query<{ occurred_at: Date }>('select occurred_at from events');
    expect(row?.occurred_at.toISOString()).toBe('2010-12-01T08:26:00.000Z');
  });

  it('fails before writing anything when a named column is not in the file', async () => {
    await expect(
      importEvents({ store: getStore(), file: ORDERS, ...RETAIL_FLAGS, idColumn: 'Customer' }),
    ).rejects.toThrow("column 'Customer' is not in the file");
    await expect(
      importEvents({ store: getStore(), file: join(folder, 'nowhere.csv'), event: 'x' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

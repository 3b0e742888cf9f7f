/**
 * Acceptance: the UCI Online Retail file (541,909 rows) imported as purchases. The expected numbers are computed
 * independently of the importer, by DuckDB's own CSV reader over the raw file:
 * - rows without CustomerID (135,080) are rejected as "missing CustomerID": a purchase nobody made cannot be
 *   segmented, and Segment needs a user or anonymous id;
 * - exact duplicate rows among the rest (5,225) are counted as duplicates within the file;
 * - the 819 rows from "Channel Islands" / "European Community" are kept, their country as written, with a warning;
 * - a second import stores nothing new.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { reportSkippedSharedData, sharedDataFile } from '../../test-support/shared-data.ts';
import { importEvents } from './import-events.ts';

const FILE = sharedDataFile('online_retail', 'online_retail.csv');
if (!FILE)
  reportSkippedSharedData('Online Retail import acceptance test', 'online_retail', 'online_retail.csv');

const FLAGS = {
  idColumn: 'CustomerID',
  timestampColumn: 'InvoiceDate',
  event: 'purchase',
  priceColumn: 'UnitPrice',
  quantityColumn: 'Quantity',
};

interface Expected {
  rows: number;
  missingCustomer: number;
  withCustomer: number;
  distinctWithCustomer: number;
  customers: number;
  notIsoCountry: number;
  revenue: number;
}

/** The expected counts, straight from the raw file with DuckDB's CSV reader (every column read as text). */
async function expectedCounts(file: string): Promise<Expected> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(
      `create table raw as select * from read_csv($1, header = true, all_varchar = true, quote = '"', escape = '"')`,
      [file],
    );
    const reader = await connection.runAndReadAll(`
      with known as (select * from raw where CustomerID is not null),
           distinct_rows as (select distinct * from known)
      select (select count(*) from raw)::integer as rows,
             (select count(*) from raw where CustomerID is null)::integer as "missingCustomer",
             (select count(*) from known)::integer as "withCustomer",
             (select count(*) from distinct_rows)::integer as "distinctWithCustomer",
             (select count(distinct CustomerID) from known)::integer as customers,
             (select count(*) from known where Country in ('Channel Islands', 'European Community'))::integer
               as "notIsoCountry",
             (select sum(cast(Quantity as double) * cast(UnitPrice as double)) from distinct_rows) as revenue`);
    const [row] = reader.getRowObjectsJson();
    if (!row) throw new Error('no expected counts');
    return {
      rows: Number(row.rows),
      missingCustomer: Number(row.missingCustomer),
      withCustomer: Number(row.withCustomer),
      distinctWithCustomer: Number(row.distinctWithCustomer),
      customers: Number(row.customers),
      notIsoCountry: Number(row.notIsoCountry),
      revenue: Number(row.revenue),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe.runIf(FILE)('importing the Online Retail data set as purchases', () => {
  const file = FILE ?? '';
  let store: Store;
  let expected: Expected;

  beforeAll(async () => {
    store = await openStore({ duckdbPath: ':memory:' });
    expected = await expectedCounts(file);
  });
  afterAll(async () => {
    await store.close();
  });

  it('reports exact counts, and a second import stores nothing new', { timeout: 600_000 }, async () => {
    // The published figures for this file (SOURCE.md), as a check on the independent computation itself.
    expect(expected).toMatchObject({
      rows: 541_909,
      missingCustomer: 135_080,
      withCustomer: 406_829,
      customers: 4_372,
    });

    const first = await importEvents({ store, file, ...FLAGS });
    console.info(
      `Online Retail import: ${(first.elapsedMs / 1000).toFixed(1)} s, ${Math.round(first.rowsPerSecond)} rows/s`,
    );
    expect(first).toMatchObject({
      rowsRead: expected.rows,
      imported: expected.distinctWithCustomer,
      rejected: {
        count: expected.missingCustomer,
        byReason: { 'missing CustomerID': expected.missingCustomer },
      },
      warnings: { count: expected.notIsoCountry },
      duplicates: { inFile: expected.withCustomer - expected.distinctWithCustomer, alreadyStored: 0 },
      profilesCreated: expected.customers,
      profilesMerged: 0,
    });
    const [stored] = await store.query<{ events: number; profiles: number; revenue: number }>(
      `select count(*) as events, count(distinct profile_id) as profiles,
              sum(cast(properties->>'amount' as double)) as revenue
         from events`,
    );
    expect(stored?.events).toBe(expected.distinctWithCustomer);
    expect(stored?.profiles).toBe(expected.customers);
    expect(stored?.revenue).toBeCloseTo(expected.revenue, 2);

    const second = await importEvents({ store, file, ...FLAGS });
    console.info(`Online Retail re-import: ${(second.elapsedMs / 1000).toFixed(1)} s`);
    expect(second).toMatchObject({
      rowsRead: expected.rows,
      imported: 0,
      duplicates: {
        inFile: expected.withCustomer - expected.distinctWithCustomer,
        alreadyStored: expected.distinctWithCustomer,
      },
      profilesCreated: 0,
    });
    const [after] = await store.query<{ events: number }>('select count(*) as events from events');
    expect(after?.events).toBe(expected.distinctWithCustomer);
  });

  /**
   * RFM on the imported data with the usual cleaning (CustomerID present, Quantity > 0, UnitPrice > 0; snapshot the
   * day after the last invoice; frequency = distinct invoices; monetary = Σ Quantity × UnitPrice), checked for a few
   * customers against the raw file read by DuckDB and against the figures published for 12346 and 12347.
   * Runs after the import test above, on the same store.
   */
  it(
    'computes RFM numbers that match the raw file for hand-checked customers',
    { timeout: 300_000 },
    async () => {
      const result = await computeRfm(store, { orderProperty: 'InvoiceNo', positiveAmountsOnly: true });
      expect(result.asOf).toEqual(new Date('2011-12-10T00:00:00Z'));
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      try {
        const reader = await connection.runAndReadAll(
          `with clean as (
           select distinct * from read_csv($1, header = true, all_varchar = true, quote = '"', escape = '"')
            where CustomerID is not null and cast(Quantity as double) > 0 and cast(UnitPrice as double) > 0)
         select cast(cast(CustomerID as double) as bigint)::varchar as customer,
                (date '2011-12-10' - max(cast(InvoiceDate as timestamp))::date)::integer as recency,
                count(distinct InvoiceNo)::integer as frequency,
                sum(cast(Quantity as double) * cast(UnitPrice as double)) as monetary
           from clean group by customer`,
          [file],
        );
        const expectedByCustomer = new Map(
          reader.getRowObjectsJson().map((row) => [String(row.customer), row]),
        );
        expect(result.rows).toHaveLength(expectedByCustomer.size);
        const profileOf = async (userId: string) =>
          (await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]))[0]?.id;
        for (const customer of ['12346', '12347', '12748', '14911', '17850', '18287']) {
          const profileId = await profileOf(customer);
          const row = result.rows.find((candidate) => candidate.profileId === profileId);
          const expected = expectedByCustomer.get(customer);
          expect(row, `customer ${customer}`).toBeDefined();
          expect(row?.recencyDays, `recency of ${customer}`).toBe(Number(expected?.recency));
          expect(row?.frequency, `frequency of ${customer}`).toBe(Number(expected?.frequency));
          expect(row?.monetary, `monetary of ${customer}`).toBeCloseTo(Number(expected?.monetary), 2);
        }
        // Published figures for this data set: 12346 bought once for 77,183.60 (then returned it all); 12347 made 7
        // orders worth 4,310.00.
        const published = [
          { customer: '12346', frequency: 1, monetary: 77_183.6 },
          { customer: '12347', frequency: 7, monetary: 4_310 },
        ];
        for (const figure of published) {
          const profileId = await profileOf(figure.customer);
          const row = result.rows.find((candidate) => candidate.profileId === profileId);
          expect(row?.frequency).toBe(figure.frequency);
          expect(row?.monetary).toBeCloseTo(figure.monetary, 2);
        }
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    },
  );
});

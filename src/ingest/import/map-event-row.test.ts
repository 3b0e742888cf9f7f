import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../schema/json.ts';
import { planColumns } from './column-plan.ts';
import { importEventsOptionsSchema, type ImportEventsOptionsInput } from './import-options.ts';
import { mapEventRow } from './map-event-row.ts';

const RETAIL_HEADER = [
  'InvoiceNo',
  'StockCode',
  'Description',
  'Quantity',
  'InvoiceDate',
  'UnitPrice',
  'CustomerID',
  'Country',
];

function mapRetailRow(row: JsonObject, extra: Partial<ImportEventsOptionsInput> = {}) {
  const options = importEventsOptionsSchema.parse({
    file: 'online_retail.csv',
    idColumn: 'CustomerID',
    timestampColumn: 'InvoiceDate',
    event: 'purchase',
    priceColumn: 'UnitPrice',
    quantityColumn: 'Quantity',
    ...extra,
  });
  const plan = planColumns('events', Object.keys(row), options, true);
  return mapEventRow(row, plan, {
    timestampFormat: options.timestampFormat,
    defaultCountry: options.defaultCountry,
  });
}

const retailRow = (changes: Record<string, string> = {}): JsonObject => ({
  InvoiceNo: '536365',
  StockCode: '85123A',
  Description: 'WHITE HANGING HEART T-LIGHT HOLDER ',
  Quantity: '6',
  InvoiceDate: '2010-12-01 08:26:00',
  UnitPrice: '2.55',
  CustomerID: '17850.0',
  Country: 'United Kingdom',
  ...changes,
});

describe('mapEventRow', () => {
  it('turns an Online Retail line into a purchase with cleaned properties and amount = price × quantity', () => {
    expect(RETAIL_HEADER).toEqual(Object.keys(retailRow()));
    expect(mapRetailRow(retailRow())).toEqual({
      ok: true,
      messageId: undefined,
      warnings: [],
      message: {
        type: 'track',
        event: 'purchase',
        userId: '17850',
        timestamp: '2010-12-01T08:26:00.000Z',
        properties: {
          InvoiceNo: 536365,
          StockCode: '85123A',
          Description: 'WHITE HANGING HEART T-LIGHT HOLDER',
          quantity: 6,
          price: 2.55,
          country: 'GB',
          amount: 15.3,
        },
      },
    });
  });

  it('builds the same message text whatever the order of the columns, so re-ordered files keep their ids', () => {
    const reversed = Object.fromEntries(Object.entries(retailRow()).reverse());
    expect(JSON.stringify(mapRetailRow(reversed))).toBe(JSON.stringify(mapRetailRow(retailRow())));
  });

  it('keeps negative quantities of cancellations, so the amount is a refund', () => {
    const mapped = mapRetailRow(retailRow({ InvoiceNo: 'C536379', Quantity: '-1', UnitPrice: '27.50' }));
    expect(mapped.ok && mapped.message.properties).toMatchObject({ InvoiceNo: 'C536379', amount: -27.5 });
  });

  it('rejects a row without a customer id with the reason "missing CustomerID"', () => {
    expect(mapRetailRow(retailRow({ CustomerID: '' }))).toEqual({
      ok: false,
      issue: { kind: 'missing CustomerID', reason: 'missing CustomerID' },
    });
  });

  it('rejects missing and unreadable dates, naming the expected format', () => {
    expect(mapRetailRow(retailRow({ InvoiceDate: ' ' }))).toMatchObject({
      ok: false,
      issue: { reason: 'missing InvoiceDate' },
    });
    expect(mapRetailRow(retailRow({ InvoiceDate: '12/1/2010 8:26' }))).toEqual({
      ok: false,
      issue: {
        kind: 'invalid date in InvoiceDate',
        reason: "invalid date '12/1/2010 8:26' (expected ISO 8601, e.g. 2010-12-01 08:26:00) in InvoiceDate",
      },
    });
  });

  it('reads US dates when given --timestamp-format', () => {
    const mapped = mapRetailRow(retailRow({ InvoiceDate: '12/1/2010 8:26' }), {
      timestampFormat: 'M/D/YYYY H:mm',
    });
    expect(mapped.ok && mapped.message.timestamp).toBe('2010-12-01T08:26:00.000Z');
  });

  it('rejects a price that is not a number', () => {
    expect(mapRetailRow(retailRow({ UnitPrice: '2,55' }))).toMatchObject({
      ok: false,
      issue: { kind: 'invalid number in UnitPrice', reason: "invalid number '2,55' in UnitPrice" },
    });
  });

  it('keeps a country it cannot map as written, with a warning', () => {
    const mapped = mapRetailRow(retailRow({ Country: 'Channel Islands' }));
    expect(mapped.ok && mapped.message.properties).toMatchObject({ country: 'Channel Islands' });
    expect(mapped.ok && mapped.warnings.map((warning) => warning.kind)).toEqual([
      'not an ISO country in Country',
    ]);
  });

  it('leaves out a country that says it is unknown', () => {
    const mapped = mapRetailRow(retailRow({ Country: 'Unspecified' }));
    expect(mapped.ok && Object.keys(mapped.message.properties ?? {})).not.toContain('country');
    expect(mapped.ok && mapped.warnings).toEqual([]);
  });

  it('takes the event name, anonymous id, amount and message id from columns', () => {
    const row = { anon: 'device-1', what: ' Order Completed ', total: '19.90', id: 'm-1', extra: '' };
    const options = importEventsOptionsSchema.parse({
      file: 'e.csv',
      anonymousIdColumn: 'anon',
      eventColumn: 'what',
      amountColumn: 'total',
      messageIdColumn: 'id',
    });
    const plan = planColumns('events', Object.keys(row), options, true);
    expect(mapEventRow(row, plan, { timestampFormat: options.timestampFormat })).toEqual({
      ok: true,
      messageId: 'm-1',
      warnings: [],
      message: {
        type: 'track',
        event: 'Order Completed',
        anonymousId: 'device-1',
        properties: { amount: 19.9 },
      },
    });
    expect(
      mapEventRow({ ...row, what: '' }, plan, { timestampFormat: options.timestampFormat }),
    ).toMatchObject({
      ok: false,
      issue: { reason: 'missing what' },
    });
    expect(
      mapEventRow({ ...row, anon: '' }, plan, { timestampFormat: options.timestampFormat }),
    ).toMatchObject({
      ok: false,
      issue: { reason: 'missing anon' },
    });
  });
});

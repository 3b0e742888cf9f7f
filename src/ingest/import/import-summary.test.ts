import { describe, expect, it } from 'vitest';
import { formatImportSummary, importSummarySchema, type ImportSummary } from './import-summary.ts';
import { IssueTally } from './issue-tally.ts';

function tally(limit: number, issues: [row: number, kind: string, reason: string][]) {
  const issueTally = new IssueTally(limit);
  for (const [row, kind, reason] of issues) issueTally.add(row, { kind, reason });
  return issueTally.report();
}

const summary: ImportSummary = {
  kind: 'events',
  file: 'orders.csv',
  format: 'csv',
  rowsRead: 10,
  imported: 4,
  rejected: tally(2, [
    [4, 'missing CustomerID', 'missing CustomerID'],
    [5, 'invalid date in InvoiceDate', "invalid date '2010-13-01' in InvoiceDate"],
    [8, 'missing CustomerID', 'missing CustomerID'],
  ]),
  warnings: tally(2, [
    [10, 'not an ISO country in Country', "not an ISO country 'Channel Islands' in Country"],
  ]),
  duplicates: { inFile: 2, alreadyStored: 1 },
  profilesCreated: 3,
  profilesMerged: 0,
  elapsedMs: 1500,
  rowsPerSecond: 6.667,
};

describe('IssueTally', () => {
  it('counts every issue by kind, most frequent first, and keeps only the first few', () => {
    expect(summary.rejected).toEqual({
      count: 3,
      byReason: { 'missing CustomerID': 2, 'invalid date in InvoiceDate': 1 },
      first: [
        { row: 4, reason: 'missing CustomerID' },
        { row: 5, reason: "invalid date '2010-13-01' in InvoiceDate" },
      ],
    });
    expect(Object.keys(summary.rejected.byReason)).toEqual([
      'missing CustomerID',
      'invalid date in InvoiceDate',
    ]);
  });
});

describe('formatImportSummary', () => {
  it('prints counts, reasons and the first problems by row', () => {
    expect(importSummarySchema.parse(summary)).toEqual(summary);
    expect(formatImportSummary(summary)).toBe(
      [
        'Imported events from orders.csv (csv) in 1.5 s (7 rows/s)',
        '  rows read        10',
        '  imported         4',
        '  rejected         3',
        '    2 × missing CustomerID',
        '    1 × invalid date in InvoiceDate',
        '  duplicates       3 (2 repeated in the file, 1 already stored)',
        '  profiles         3 created, 0 merged',
        '  warnings         1 (values kept as written)',
        '    1 × not an ISO country in Country',
        '  first problems:',
        '    row 4: missing CustomerID',
        "    row 5: invalid date '2010-13-01' in InvoiceDate",
        "    row 10: not an ISO country 'Channel Islands' in Country",
      ].join('\n'),
    );
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsvRows } from './read-csv-rows.ts';
import type { SourceRow } from './source-row.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-csv-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

async function readAll(path: string, batchSize = 100, delimiter = ','): Promise<SourceRow[][]> {
  const batches: SourceRow[][] = [];
  for await (const batch of readCsvRows(path, { delimiter, batchSize }).batches) batches.push(batch);
  return batches;
}

describe('readCsvRows', () => {
  it('reads quoted fields with separators, quotes and line breaks, and skips blank lines', async () => {
    const path = csvFile('quoted.csv', '\uFEFFid,note\n1,"a, b"\n\n2,"say ""hi"""\n3,"two\nlines"\n');
    expect(await readAll(path)).toEqual([
      [
        { row: 1, fields: { id: '1', note: 'a, b' } },
        { row: 2, fields: { id: '2', note: 'say "hi"' } },
        { row: 3, fields: { id: '3', note: 'two\nlines' } },
      ],
    ]);
  });

  it('hands rows over in batches of the requested size', async () => {
    const path = csvFile('many.csv', `n\n${Array.from({ length: 7 }, (_, index) => index).join('\n')}\n`);
    const batches = await readAll(path, 3);
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batches.flat().map((row) => row.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('streams: after the first batch only a small part of a large file has been read', async () => {
    const line = '17850,2010-12-01 08:26:00,"WHITE HANGING HEART T-LIGHT HOLDER",2.55\n';
    const path = csvFile('large.csv', `id,at,what,price\n${line.repeat(100_000)}`);
    const reader = readCsvRows(path, { delimiter: ',', batchSize: 1_000 });
    const iterator = reader.batches[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done === false && first.value).toHaveLength(1_000);
    // 6.3 MB on disk; stream buffers (64 KB chunks) may run a little ahead of the parser, never far.
    expect(reader.bytesRead()).toBeLessThan(1_000_000);
    await iterator.return?.();
  });

  it('turns a record with the wrong number of fields into a rejected row', async () => {
    const path = csvFile('ragged.csv', 'a,b\n1,2\n1,2,3\n');
    expect((await readAll(path)).flat()).toEqual([
      { row: 1, fields: { a: '1', b: '2' } },
      { row: 2, issue: { kind: 'wrong number of fields', reason: 'has 3 fields; the header has 2' } },
    ]);
  });

  it('reads other separators', async () => {
    const path = csvFile('tabs.tsv', 'a\tb\n1\t2\n');
    expect((await readAll(path, 10, '\t')).flat()).toEqual([{ row: 1, fields: { a: '1', b: '2' } }]);
  });

  it('refuses a header that names a column twice', async () => {
    await expect(readAll(csvFile('twice.csv', 'a,a\n1,2\n'))).rejects.toThrow(
      "the header names column 'a' twice",
    );
  });

  it('stops with invalid_input on a file that is not CSV', async () => {
    const path = csvFile('broken.csv', 'a,b\n1,"unclosed\n');
    await expect(readAll(path)).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('is not valid CSV'),
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJsonlRows } from './read-jsonl-rows.ts';
import type { SourceRow } from './source-row.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-jsonl-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function readAll(text: string, batchSize = 100): Promise<SourceRow[][]> {
  const path = join(folder, 'rows.jsonl');
  writeFileSync(path, text);
  const reader = readJsonlRows(path, { batchSize });
  const batches: SourceRow[][] = [];
  for await (const batch of reader.batches) batches.push(batch);
  expect(reader.bytesRead()).toBe(Buffer.byteLength(text));
  return batches;
}

describe('readJsonlRows', () => {
  it('reads one object per line, skipping blank lines, in batches', async () => {
    const batches = await readAll('{"id":1}\r\n\n{"id":2,"tags":["a"]}\n{"id":3}', 2);
    expect(batches).toEqual([
      [
        { row: 1, fields: { id: 1 } },
        { row: 2, fields: { id: 2, tags: ['a'] } },
      ],
      [{ row: 3, fields: { id: 3 } }],
    ]);
  });

  it('turns lines that are not JSON objects into rejected rows', async () => {
    const rows = (await readAll('{"id":1\n[1,2]\n"text"\n')).flat();
    expect(rows).toEqual([
      { row: 1, issue: { kind: 'invalid JSON', reason: expect.stringMatching(/^invalid JSON \(.+\)$/) } },
      { row: 2, issue: { kind: 'not a JSON object', reason: 'not a JSON object' } },
      { row: 3, issue: { kind: 'not a JSON object', reason: 'not a JSON object' } },
    ]);
  });
});

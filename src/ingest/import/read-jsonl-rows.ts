import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { JsonObject } from '../../schema/json.ts';
import type { RowBatches, SourceRow } from './source-row.ts';

/**
 * Streams a JSON Lines file (one JSON object per line) `batchSize` lines at a time with node:readline, so memory
 * stays bounded by the batch. Blank lines are skipped; a line that is not a JSON object becomes a rejected row.
 */
export function readJsonlRows(file: string, options: { batchSize: number }): RowBatches {
  const input = createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });

  async function* batches(): AsyncGenerator<SourceRow[]> {
    let batch: SourceRow[] = [];
    let row = 0;
    try {
      for await (const line of lines) {
        if (line.trim() === '') continue;
        row += 1;
        batch.push(toSourceRow(row, line));
        if (batch.length >= options.batchSize) {
          yield batch;
          batch = [];
        }
      }
    } finally {
      lines.close();
      input.destroy();
    }
    if (batch.length > 0) yield batch;
  }

  return { batches: batches(), bytesRead: () => input.bytesRead };
}

function toSourceRow(row: number, line: string): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { row, issue: { kind: 'invalid JSON', reason: `invalid JSON (${message})` } };
  }
  return isJsonObject(value)
    ? { row, fields: value }
    : { row, issue: { kind: 'not a JSON object', reason: 'not a JSON object' } };
}

/** Only checks the top level: everything below it came out of JSON.parse, so it is JSON. */
function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

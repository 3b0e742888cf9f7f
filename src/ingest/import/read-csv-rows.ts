import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { SegmintError } from '../../errors.ts';
import type { JsonObject } from '../../schema/json.ts';
import type { RowBatches, SourceRow } from './source-row.ts';

/**
 * Streams a CSV file with a header row through csv-parse, `batchSize` records at a time: the file is never held in
 * memory, and the next batch is only read when the consumer asks for it (back-pressure through the async
 * iterator). Quoted fields may hold separators, quotes and line breaks. A record with the wrong number of fields
 * becomes a rejected row rather than aborting the import; a file that is not CSV at all (an unclosed quote)
 * aborts it.
 */
export function readCsvRows(file: string, options: { delimiter: string; batchSize: number }): RowBatches {
  const input = createReadStream(file);
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  async function* batches(): AsyncGenerator<SourceRow[]> {
    let header: string[] | undefined;
    let batch: SourceRow[] = [];
    let row = 0;
    try {
      for await (const record of parser) {
        const fields = toStrings(record);
        if (header === undefined) {
          header = checkHeader(fields, file);
          continue;
        }
        row += 1;
        batch.push(toSourceRow(row, header, fields));
        if (batch.length >= options.batchSize) {
          yield batch;
          batch = [];
        }
      }
    } catch (error) {
      throw csvError(error, file);
    } finally {
      input.destroy();
    }
    if (batch.length > 0) yield batch;
  }

  return { batches: batches(), bytesRead: () => input.bytesRead };
}

function toStrings(record: unknown): string[] {
  return Array.isArray(record) ? record.map((field) => String(field)) : [];
}

function checkHeader(names: string[], file: string): string[] {
  const header = names.map((name, index) => name.trim() || `column_${index + 1}`);
  // Assigning `__proto__` on a plain object changes its prototype instead of adding a key.
  if (header.includes('__proto__'))
    throw new SegmintError('invalid_input', `${file}: rename the column '__proto__'`);
  const repeated = header.find((name, index) => header.indexOf(name) !== index);
  if (repeated !== undefined) {
    throw new SegmintError(
      'invalid_input',
      `${file}: the header names column '${repeated}' twice; rename one of them`,
    );
  }
  return header;
}

function toSourceRow(row: number, header: readonly string[], fields: readonly string[]): SourceRow {
  if (fields.length !== header.length) {
    return {
      row,
      issue: {
        kind: 'wrong number of fields',
        reason: `has ${fields.length} fields; the header has ${header.length}`,
      },
    };
  }
  const object: JsonObject = {};
  for (let index = 0; index < header.length; index += 1) object[header[index] ?? ''] = fields[index] ?? '';
  return { row, fields: object };
}

function csvError(error: unknown, file: string): unknown {
  if (
    !(error instanceof Error) ||
    !('code' in error) ||
    typeof error.code !== 'string' ||
    !error.code.startsWith('CSV_')
  ) {
    return error;
  }
  return new SegmintError('invalid_input', `${file} is not valid CSV: ${error.message}`, [
    { path: file, message: error.message },
  ]);
}

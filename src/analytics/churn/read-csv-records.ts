import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { SegmintError } from '../../errors.ts';

/**
 * Reads a CSV with a header row into one record per row (column name → cell text), streaming so that the file is
 * never held twice in memory. Cells stay text: the churn encoder decides per column whether they are numbers,
 * yes/no or categories, which keeps blanks such as Telco's " " TotalCharges visible as missing values.
 */
export async function readCsvRecords({
  file,
  delimiter = ',',
}: {
  file: string;
  delimiter?: string;
}): Promise<Record<string, string>[]> {
  const source = createReadStream(file);
  const parser = parse({ columns: true, delimiter, bom: true, skip_empty_lines: true });
  // pipe() does not forward a read error (missing file, a directory); without this the loop would wait forever.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const records: Record<string, string>[] = [];
  try {
    for await (const record of parser) {
      if (!isTextRecord(record))
        throw new SegmintError('invalid_input', `Row ${records.length + 1} of ${file} is not a CSV row.`);
      records.push(record);
    }
  } catch (error) {
    throw describeFailure(error, file, records.length + 1);
  } finally {
    source.destroy();
  }
  return records;
}

function isTextRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((cell) => typeof cell === 'string')
  );
}

function describeFailure(error: unknown, file: string, row: number): unknown {
  if (error instanceof CsvError) {
    return new SegmintError('invalid_input', `${file} is not valid CSV: ${error.message}`, [
      { path: `row ${row}`, message: error.message },
    ]);
  }
  if (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('E')
  ) {
    return new SegmintError('not_found', `Cannot read the CSV file ${file}: ${error.message}`);
  }
  return error;
}

import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { SegmintError } from '../../errors.ts';
import { readCsvRows } from './read-csv-rows.ts';
import { readJsonlRows } from './read-jsonl-rows.ts';
import type { ImportFormat } from './import-options.ts';
import type { RowBatches } from './source-row.ts';

export interface ImportFile {
  path: string;
  format: ImportFormat;
  sizeBytes: number;
  open(batchSize: number): RowBatches;
}

const FORMAT_BY_EXTENSION: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

/** Checks that the file exists and settles its format (from `--format`, else its extension) and separator. */
export async function describeImportFile(
  path: string,
  options: { format?: ImportFormat | undefined; delimiter?: string | undefined },
): Promise<ImportFile> {
  const extension = extname(path).toLowerCase();
  const format = options.format ?? FORMAT_BY_EXTENSION[extension];
  if (format === undefined) {
    throw new SegmintError(
      'invalid_input',
      `cannot tell the format of ${path} from its name: pass --format csv or --format jsonl`,
    );
  }
  const sizeBytes = await sizeOf(path);
  const delimiter = options.delimiter ?? (extension === '.tsv' ? '\t' : ',');
  return {
    path,
    format,
    sizeBytes,
    open: (batchSize) =>
      format === 'csv' ? readCsvRows(path, { delimiter, batchSize }) : readJsonlRows(path, { batchSize }),
  };
}

async function sizeOf(path: string): Promise<number> {
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new SegmintError('invalid_input', `${path} is not a file`);
    return stats.size;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new SegmintError('not_found', `${path} does not exist`);
    }
    throw error;
  }
}

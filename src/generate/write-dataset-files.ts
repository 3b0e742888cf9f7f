/**
 * Writes a generated dataset to a folder: `messages.jsonl` (one Segment message per line, customer by customer),
 * `profiles.csv` (one row per customer) and `ground-truth.csv` (the hidden archetypes, for validating analytics).
 * Files are written under temporary names and renamed at the end, so a failed run never leaves a half-written
 * dataset under the final names. Memory stays bounded: text is flushed every ~1 MB, respecting back-pressure.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { z } from 'zod';
import { PROFILE_CSV_COLUMNS, profileCsvRow } from './customer-traits.ts';
import { DatasetTally, type DatasetSummary } from './dataset-tally.ts';
import { generateActivity } from './generate-messages.ts';
import { GROUND_TRUTH_CSV_COLUMNS, groundTruthCsvRow } from './ground-truth-csv.ts';
import { generateOptionsSchema, invalidOptionsError, resolveGenerateOptions } from './options.ts';

export const writeDatasetFilesOptionsSchema = generateOptionsSchema.extend({
  /** Folder to write into; created when missing. Existing dataset files in it are replaced. */
  dir: z.string().min(1, 'must name a folder'),
});

export type WriteDatasetFilesOptions = z.input<typeof writeDatasetFilesOptionsSchema>;

export interface DatasetFiles {
  messages: string;
  profiles: string;
  groundTruth: string;
}

export interface WrittenDataset extends DatasetSummary {
  seed: number;
  startDate: string;
  endDate: string;
  files: DatasetFiles;
}

const FLUSH_AT_CHARACTERS = 1 << 20;

/** Collects text and hands it to the stream in large pieces, waiting when the stream asks to. */
class ChunkedFileWriter {
  private readonly stream: WriteStream;
  private pending: string[] = [];
  private pendingCharacters = 0;
  /** A stream error (disk full, folder gone) kept until the next append or close rethrows it. */
  private failure: Error | null = null;

  /** Set once the file exists, so a failed run removes only files it created. */
  private created = false;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('open', () => {
      this.created = true;
    });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async append(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingCharacters += text.length;
    if (this.pendingCharacters >= FLUSH_AT_CHARACTERS) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingCharacters = 0;
    if (this.failure) throw this.failure;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
  }

  /** Stops writing and removes the temporary file if this writer created it. */
  async discard(): Promise<void> {
    this.stream.destroy();
    if (!this.stream.closed) await once(this.stream, 'close');
    if (this.created) await rm(this.path, { force: true });
  }
}

export async function writeDatasetFiles(input: WriteDatasetFilesOptions): Promise<WrittenDataset> {
  const parsed = writeDatasetFilesOptionsSchema.safeParse(input);
  if (!parsed.success) throw invalidOptionsError('dataset options', parsed.error);
  const { dir, ...generateInput } = input;
  // Resolve once, so the default end date ("today") is the same for the files and the summary.
  const options = resolveGenerateOptions(generateInput);
  await mkdir(dir, { recursive: true });
  const files: DatasetFiles = {
    messages: join(dir, 'messages.jsonl'),
    profiles: join(dir, 'profiles.csv'),
    groundTruth: join(dir, 'ground-truth.csv'),
  };
  const writers = {
    messages: new ChunkedFileWriter(`${files.messages}.partial`),
    profiles: new ChunkedFileWriter(`${files.profiles}.partial`),
    groundTruth: new ChunkedFileWriter(`${files.groundTruth}.partial`),
  };
  const tally = new DatasetTally(options.currency);
  try {
    await writers.profiles.append(`${PROFILE_CSV_COLUMNS.join(',')}\n`);
    await writers.groundTruth.append(`${GROUND_TRUTH_CSV_COLUMNS.join(',')}\n`);
    for (const activity of generateActivity({ ...generateInput, endDate: options.endDate })) {
      tally.add(activity);
      let lines = '';
      for (const message of activity.messages) lines += `${JSON.stringify(message)}\n`;
      await writers.messages.append(lines);
      await writers.profiles.append(`${profileCsvRow(activity.customer)}\n`);
      await writers.groundTruth.append(`${groundTruthCsvRow(activity, options.endDate)}\n`);
    }
    for (const writer of Object.values(writers)) await writer.close();
  } catch (error) {
    for (const writer of Object.values(writers)) await writer.discard();
    throw error;
  }
  await rename(writers.messages.path, files.messages);
  await rename(writers.profiles.path, files.profiles);
  await rename(writers.groundTruth.path, files.groundTruth);
  return {
    ...tally.summary(),
    seed: options.seed,
    startDate: options.startDate.toISOString(),
    endDate: options.endDate.toISOString(),
    files,
  };
}

/**
 * The real public data sets live in ../shared/data beside the repository (CI has them). Validation tests on them
 * run when the folder is there and say clearly that they are skipped when it is not. The files are never copied
 * into the project.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED_DATA_DIR = resolve(import.meta.dirname, '../../../shared/data');

/** Absolute path of a file in the shared data folder, or undefined when it is not present on this machine. */
export function sharedDataFile(...parts: string[]): string | undefined {
  const path = resolve(SHARED_DATA_DIR, ...parts);
  return existsSync(path) ? path : undefined;
}

/** A message for skipped validation tests, printed once per file. */
export function reportSkippedSharedData(what: string, ...parts: string[]): void {
  console.warn(
    `SKIPPED: ${what} — ${resolve(SHARED_DATA_DIR, ...parts)} is not present (the shared data sets are beside the repo on CI).`,
  );
}

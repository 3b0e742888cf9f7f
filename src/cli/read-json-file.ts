import { readFile } from 'node:fs/promises';
import { SegmintError } from '../errors.ts';

/** The JSON of a `--file` option; a missing file or bad JSON is a clear error saying what the file should hold. */
export async function readJsonFile(path: string, shouldHold: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `${path} is not JSON (${error instanceof Error ? error.message : String(error)}). It should hold ${shouldHold}.`,
    );
  }
}

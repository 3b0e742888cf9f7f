/** A journey definition from a `.json`, `.yaml` or `.yml` file (validated later by `saveJourney`). */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SegmintError } from '../errors.ts';

export async function readJourneyFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  const isYaml = ['.yaml', '.yml'].includes(extname(path).toLowerCase());
  try {
    return isYaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `${path} is not valid ${isYaml ? 'YAML' : 'JSON'} (${error instanceof Error ? error.message : String(error)}). It should hold a journey definition: { "schemaVersion": 1, "name": …, "trigger": …, "start": …, "nodes": [ … ] }.`,
    );
  }
}

/**
 * A definition from a `.json`, `.yaml` or `.yml` file (segments, computed traits, journeys, campaigns, lead-scoring
 * rules); validated by the caller. A missing file or bad syntax is a clear error saying what the file should hold.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SegmintError } from './errors.ts';

export async function readDefinitionFile(path: string, shouldHold: string): Promise<unknown> {
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
      `${path} is not valid ${isYaml ? 'YAML' : 'JSON'} (${error instanceof Error ? error.message : String(error)}). It should hold ${shouldHold}.`,
    );
  }
}

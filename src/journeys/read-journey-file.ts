/** A journey definition from a `.json`, `.yaml` or `.yml` file (validated later by `saveJourney`). */
import { readDefinitionFile } from '../read-definition-file.ts';

export function readJourneyFile(path: string): Promise<unknown> {
  return readDefinitionFile(
    path,
    'a journey definition: { "schemaVersion": 1, "name": …, "trigger": …, "start": …, "nodes": [ … ] }',
  );
}

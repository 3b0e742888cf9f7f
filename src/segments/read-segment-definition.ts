import { segmentDefinitionSchema, type SegmentDefinition } from '../schema/segment.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';

/** Validates a definition given as JSON (API body, `--file def.json`); a failure names each bad field. */
export function readSegmentDefinition(input: unknown, where = 'definition'): SegmentDefinition {
  return parseOrThrow(segmentDefinitionSchema, input, where);
}

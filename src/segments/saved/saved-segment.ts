/**
 * A saved segment as the store holds it (`segments` table), and how rows are read back. The definition is checked
 * again on the way out: the row may have been written by an older version of Segmint.
 */
import { z } from 'zod';
import { printableNameSchema } from '../../schema/printable-name.ts';
import { hasNoUnpairedSurrogate, UNPAIRED_SURROGATE_MESSAGE } from '../../schema/storable-text.ts';
import { SegmintError } from '../../errors.ts';
import type { SegmentDefinition } from '../../schema/segment.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { readSegmentDefinition } from '../read-segment-definition.ts';
import type { SegmentReferenceTarget } from '../segment-references.ts';

export interface SavedSegment {
  id: string;
  name: string;
  definition: SegmentDefinition;
  /** The definition in the text form, as printed from the tree. */
  text: string;
  /** Re-evaluated for the profiles each ingested batch touches. */
  realtime: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A segment name as people type it: it appears in the text form (`segment "vip"`), URLs and CLI arguments. */
export const segmentNameSchema = printableNameSchema(100).refine(
  hasNoUnpairedSurrogate,
  UNPAIRED_SURROGATE_MESSAGE,
);

const segmentRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.unknown(),
  text: z.string(),
  realtime: z.boolean(),
  version: z.coerce.number(),
  created_at: z.date(),
  updated_at: z.date(),
});

const SEGMENT_COLUMNS = 'id, name, definition, text, realtime, version, created_at, updated_at';

function toSavedSegment(row: unknown): SavedSegment {
  const parsed = segmentRowSchema.parse(row);
  // DuckDB returns JSON columns as text, PostgreSQL (jsonb) as parsed values.
  const json: unknown =
    typeof parsed.definition === 'string' ? JSON.parse(parsed.definition) : parsed.definition;
  return {
    id: parsed.id,
    name: parsed.name,
    definition: readSegmentDefinition(json, `segment "${parsed.name}" definition`),
    text: parsed.text,
    realtime: parsed.realtime,
    version: parsed.version,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}

/** Every saved segment, by name. */
export async function readSavedSegments(executor: SqlExecutor): Promise<SavedSegment[]> {
  const rows = await executor.query(`select ${SEGMENT_COLUMNS} from segments order by name`);
  return rows.map(toSavedSegment);
}

/** The saved segment with this name (or id), or undefined. */
export async function findSavedSegment(
  executor: SqlExecutor,
  nameOrId: string,
): Promise<SavedSegment | undefined> {
  const rows = await executor.query(
    `select ${SEGMENT_COLUMNS} from segments where name = $1 or id = $1 order by (name = $1) desc limit 1`,
    [nameOrId],
  );
  return rows[0] === undefined ? undefined : toSavedSegment(rows[0]);
}

/** Like `findSavedSegment`, but a missing segment is a `not_found` error that says how to see the others. */
export async function requireSavedSegment(executor: SqlExecutor, nameOrId: string): Promise<SavedSegment> {
  const segment = await findSavedSegment(executor, nameOrId);
  if (!segment) {
    throw new SegmintError(
      'not_found',
      `Segment "${nameOrId}" does not exist. List the saved segments with \`segmint segments list\`.`,
    );
  }
  return segment;
}

/** Looks segments up by name or id in a list already read (for the compiler and cycle checks). */
export function indexSegments(
  segments: readonly SavedSegment[],
): (nameOrId: string) => SegmentReferenceTarget | undefined {
  const byKey = new Map<string, SavedSegment>();
  for (const segment of segments) byKey.set(segment.id, segment);
  // Names win over ids, as in `findSavedSegment`.
  for (const segment of segments) byKey.set(segment.name, segment);
  return (nameOrId) => byKey.get(nameOrId);
}

/**
 * Saving, listing, reading and deleting segments. A definition is checked when it is saved — validated, compiled
 * for the store's dialect (so a construct the engine cannot run fails now, not at the next refresh), and checked
 * for loops through other segments — so that every saved segment can be refreshed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SegmentDefinition } from '../../schema/segment.ts';
import type { Store } from '../../store/store.ts';
import { compileSegment } from '../compile/compile-segment.ts';
import { readSegmentDefinition } from '../read-segment-definition.ts';
import { assertNoSegmentCycle, listSegmentReferences } from '../segment-references.ts';
import { parseSegmentText, type SegmentTextOptions } from '../text/parse-segment.ts';
import { printSegmentText } from '../text/print-segment.ts';
import {
  indexSegments,
  readSavedSegments,
  requireSavedSegment,
  segmentNameSchema,
  type SavedSegment,
} from './saved-segment.ts';
import { segmentTextOptions } from './segment-text-options.ts';

export const createSegmentInputSchema = z
  .object({
    name: segmentNameSchema,
    /** The text form, e.g. `country = "DE" and count(purchase, last 90 days) >= 3`. */
    text: z.string().optional(),
    /** The definition as JSON (`schemaVersion`, `condition`). */
    definition: z.unknown().optional(),
    realtime: z.boolean().default(true),
  })
  .refine((input) => (input.text === undefined) !== (input.definition === undefined), {
    message: 'give the segment either as text or as a definition, not both and not neither',
  });
export type CreateSegmentInput = z.input<typeof createSegmentInputSchema>;

/** The definition from text or JSON; text errors point at the column. */
function readDefinition(
  input: z.output<typeof createSegmentInputSchema>,
  textOptions: SegmentTextOptions,
): SegmentDefinition {
  if (input.text !== undefined) return parseSegmentText(input.text, textOptions);
  return readSegmentDefinition(input.definition);
}

/**
 * Saves a new segment. Fails with `invalid_input` for bad text or JSON and for references to missing segments or
 * loops, `unsupported` for what the store's engine cannot evaluate, and `conflict` when the name is taken.
 */
export async function createSegment(
  store: Store,
  input: CreateSegmentInput,
  options: { now?: Date } = {},
): Promise<SavedSegment> {
  const parsed = parseOrThrow(createSegmentInputSchema, input, 'segment');
  const textOptions = await segmentTextOptions(store);
  const definition = readDefinition(parsed, textOptions);
  const now = options.now ?? new Date();
  const id = `seg_${randomUUID()}`;
  await store.transaction(async (tx) => {
    const existing = await readSavedSegments(tx);
    if (existing.some((segment) => segment.name === parsed.name || segment.id === parsed.name)) {
      throw new SegmintError(
        'conflict',
        `A segment named "${parsed.name}" already exists. Pick another name, or delete it first with \`segmint segments delete "${parsed.name}"\`.`,
      );
    }
    const lookup = indexSegments(existing);
    assertNoSegmentCycle({ name: parsed.name, definition }, lookup);
    compileSegment(definition, {
      dialect: tx.dialect,
      now,
      resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
    });
    await tx.execute(
      `insert into segments (id, name, definition, text, realtime, schedule, version, created_at, updated_at)
       values ($1, $2, $3, $4, $5, null, 1, $6, $6)`,
      [
        id,
        parsed.name,
        JSON.stringify(definition),
        printSegmentText(definition, textOptions),
        parsed.realtime,
        now,
      ],
    );
  });
  return requireSavedSegment(store, id);
}

export interface SegmentSummary extends SavedSegment {
  members: number;
}

/** Every saved segment with its current number of members, by name. */
export async function listSegments(store: Store): Promise<SegmentSummary[]> {
  const segments = await readSavedSegments(store);
  const counts = await store.query<{ segment_id: string; members: number }>(
    'select segment_id, count(*) as members from segment_members group by segment_id',
  );
  const countById = new Map(counts.map((row) => [row.segment_id, Number(row.members)]));
  return segments.map((segment) => ({ ...segment, members: countById.get(segment.id) ?? 0 }));
}

/** One saved segment (by name or id) with its member count; `not_found` when there is none. */
export async function getSegment(store: Store, nameOrId: string): Promise<SegmentSummary> {
  const segment = await requireSavedSegment(store, nameOrId);
  const [row] = await store.query<{ members: number }>(
    'select count(*) as members from segment_members where segment_id = $1',
    [segment.id],
  );
  return { ...segment, members: Number(row?.members ?? 0) };
}

/**
 * Deletes a segment and its membership. Its transitions stay: they are history that journeys and reports read.
 * Refused (`conflict`) while another segment refers to it.
 */
export async function deleteSegment(store: Store, nameOrId: string): Promise<SavedSegment> {
  return store.transaction(async (tx) => {
    const segment = await requireSavedSegment(tx, nameOrId);
    const referrers = (await readSavedSegments(tx)).filter(
      (other) =>
        other.id !== segment.id &&
        listSegmentReferences(other.definition.condition).some(
          (reference) => reference === segment.name || reference === segment.id,
        ),
    );
    if (referrers.length > 0) {
      const names = referrers.map((other) => `"${other.name}"`).join(', ');
      throw new SegmintError(
        'conflict',
        `Cannot delete segment "${segment.name}": ${names} refer${referrers.length === 1 ? 's' : ''} to it. Delete or change those first.`,
      );
    }
    await tx.execute('delete from segment_members where segment_id = $1', [segment.id]);
    await tx.execute('delete from segments where id = $1', [segment.id]);
    return segment;
  });
}

/** Reading membership and transitions, and previewing a definition without saving it. */
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SegmentDefinition } from '../../schema/segment.ts';
import type { Store } from '../../store/store.ts';
import { compileSegment } from '../compile/compile-segment.ts';
import { indexSegments, readSavedSegments, requireSavedSegment } from './saved-segment.ts';

const pageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type Page = z.input<typeof pageSchema>;

export interface SegmentMember {
  profileId: string;
  enteredAt: Date;
}

/** The members of a saved segment, by profile id. */
export async function listSegmentMembers(
  store: Store,
  nameOrId: string,
  page: Page = {},
): Promise<SegmentMember[]> {
  const { limit, offset } = parseOrThrow(pageSchema, page, 'page');
  const segment = await requireSavedSegment(store, nameOrId);
  const rows = await store.query<{ profile_id: string; entered_at: Date }>(
    `select profile_id, entered_at from segment_members where segment_id = $1
      order by profile_id limit $2 offset $3`,
    [segment.id, limit, offset],
  );
  return rows.map((row) => ({ profileId: row.profile_id, enteredAt: row.entered_at }));
}

export interface SegmentTransition {
  profileId: string;
  kind: 'entered' | 'exited';
  occurredAt: Date;
}

const transitionRowSchema = z.object({
  profile_id: z.string(),
  kind: z.enum(['entered', 'exited']),
  occurred_at: z.date(),
});

/** A saved segment's transitions, oldest first (optionally from `since` on). */
export async function listSegmentTransitions(
  store: Store,
  nameOrId: string,
  options: Page & { since?: Date } = {},
): Promise<SegmentTransition[]> {
  const { limit, offset } = parseOrThrow(pageSchema, options, 'page');
  const segment = await requireSavedSegment(store, nameOrId);
  const rows = await store.query(
    `select profile_id, kind, occurred_at from segment_transitions
      where segment_id = $1 and occurred_at >= $2
      order by occurred_at, kind desc, profile_id limit $3 offset $4`,
    [segment.id, options.since ?? new Date(0), limit, offset],
  );
  return rows.map((row) => {
    const parsed = transitionRowSchema.parse(row);
    return { profileId: parsed.profile_id, kind: parsed.kind, occurredAt: parsed.occurred_at };
  });
}

export interface SegmentPreview {
  count: number;
  /** Up to `sampleSize` member ids, in id order. */
  sample: string[];
}

/** Counts who a definition would select now, without saving anything. */
export async function previewSegment(
  store: Store,
  definition: SegmentDefinition,
  options: { now?: Date; sampleSize?: number } = {},
): Promise<SegmentPreview> {
  const lookup = indexSegments(await readSavedSegments(store));
  const query = compileSegment(definition, {
    dialect: store.dialect,
    now: options.now ?? new Date(),
    resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
  });
  const sampleSize = Math.max(0, Math.trunc(options.sampleSize ?? 10));
  const [count] = await store.query<{ count: number }>(
    `select count(*) as count from (${query.sql}) m`,
    query.params,
  );
  const sample = await store.query<{ profile_id: string }>(
    `select profile_id from (${query.sql}) m order by profile_id limit $${query.params.length + 1}`,
    [...query.params, sampleSize],
  );
  return { count: Number(count?.count ?? 0), sample: sample.map((row) => row.profile_id) };
}

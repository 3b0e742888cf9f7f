/**
 * Moving one profile's data into another, and undoing it. Every table that holds per-profile rows is listed in
 * `PROFILE_TABLES`; features that add such tables add them here, so merges and unmerges stay complete.
 */
import { randomUUID } from 'node:crypto';
import { SegmintError } from '../errors.ts';
import type { SqlExecutor } from '../store/store.ts';

/** Tables whose rows follow their profile on a merge: [table, profile column]. */
export const PROFILE_TABLES: readonly (readonly [string, string])[] = [
  ['events', 'profile_id'],
  ['identities', 'profile_id'],
  // Segment history follows the person.
  ['segment_transitions', 'profile_id'],
  // Messages sent to the person (the outbox, with their delivery history).
  ['messages', 'profile_id'],
  ['captured_emails', 'profile_id'],
  // Consent evidence and topic subscriptions (no keys per profile: readers take the latest row, so both move).
  ['consent_records', 'profile_id'],
  ['subscriptions', 'profile_id'],
  // Journey runs and their executed steps follow the person (a merged-away profile's runs go on for the survivor).
  ['journey_runs', 'profile_id'],
  ['journey_steps', 'profile_id'],
];

/**
 * Derived per-profile rows that are dropped for the merged-away profile instead of moved: the surviving profile is
 * among the group's touched profiles, so its memberships are recomputed right after the commit (and moving them
 * could collide with the survivor's own rows).
 */
export const DERIVED_PROFILE_TABLES: readonly (readonly [string, string])[] = [
  ['segment_members', 'profile_id'],
];

export interface MergeRecord {
  from: { id: string; userId: string | null; traits: Record<string, unknown>; firstSeenAt: Date };
  into: string;
  reason: string;
  messageId: string | null;
  mergedAt: Date;
}

/** Repoints the rows of `from` to `into`, deletes `from` and records how to undo it. Traits are the caller's. */
export async function moveProfileData(tx: SqlExecutor, merge: MergeRecord): Promise<void> {
  const movedIdentities = await tx.query<{ kind: string; value: string }>(
    'select kind, value from identities where profile_id = $1 order by kind, value',
    [merge.from.id],
  );
  for (const [table, column] of PROFILE_TABLES) {
    await tx.execute(`update ${table} set ${column} = $1 where ${column} = $2`, [merge.into, merge.from.id]);
  }
  for (const [table, column] of DERIVED_PROFILE_TABLES) {
    await tx.execute(`delete from ${table} where ${column} = $1`, [merge.from.id]);
  }
  await tx.execute('delete from profiles where id = $1', [merge.from.id]);
  await tx.insertRows(
    'profile_merges',
    [
      'id',
      'from_profile_id',
      'into_profile_id',
      'reason',
      'message_id',
      'moved_identities',
      'from_traits',
      'from_user_id',
      'from_first_seen_at',
      'merged_at',
      'reverted_at',
    ],
    [
      [
        randomUUID(),
        merge.from.id,
        merge.into,
        merge.reason,
        merge.messageId,
        JSON.stringify(movedIdentities),
        JSON.stringify(merge.from.traits),
        merge.from.userId,
        merge.from.firstSeenAt,
        merge.mergedAt,
        null,
      ],
    ],
  );
}

/**
 * Undoes a merge: recreates the merged-away profile with its traits, gives it back its identities, and moves back
 * the events sent under those identities. Traits the surviving profile took over stay there (they may have been
 * updated since); a later merge involving the same identities must be undone first.
 */
export async function unmergeProfile(
  tx: SqlExecutor,
  mergeId: string,
  now: Date,
): Promise<{ restored: string }> {
  const [merge] = await tx.query<{
    from_profile_id: string;
    into_profile_id: string;
    moved_identities: { kind: string; value: string }[];
    from_traits: Record<string, unknown>;
    from_user_id: string | null;
    from_first_seen_at: Date;
    reverted_at: Date | null;
  }>('select * from profile_merges where id = $1', [mergeId]);
  if (!merge)
    throw new SegmintError(
      'not_found',
      `No merge with id ${mergeId}. List merges with 'segmint profiles merges'.`,
    );
  if (merge.reverted_at)
    throw new SegmintError(
      'conflict',
      `Merge ${mergeId} was already undone at ${merge.reverted_at.toISOString()}.`,
    );
  const kinds = merge.moved_identities.map((identity) => identity.kind);
  const values = merge.moved_identities.map((identity) => identity.value);
  const owners = await tx.query<{ profile_id: string }>(
    `select distinct i.profile_id from identities i
       join (select unnest($1::varchar[]) as kind, unnest($2::varchar[]) as value) moved
         on i.kind = moved.kind and i.value = moved.value`,
    [kinds, values],
  );
  if (owners.some((owner) => owner.profile_id !== merge.into_profile_id)) {
    throw new SegmintError(
      'conflict',
      `The identities of merge ${mergeId} have moved on since; undo the later merges first.`,
    );
  }
  await tx.insertRows(
    'profiles',
    ['id', 'user_id', 'traits', 'computed', 'first_seen_at', 'last_seen_at', 'created_at', 'updated_at'],
    [
      [
        merge.from_profile_id,
        merge.from_user_id,
        JSON.stringify(merge.from_traits),
        '{}',
        merge.from_first_seen_at,
        now,
        now,
        now,
      ],
    ],
  );
  await tx.execute(
    `update identities set profile_id = $1
      where profile_id = $2 and (kind, value) in (select unnest($3::varchar[]), unnest($4::varchar[]))`,
    [merge.from_profile_id, merge.into_profile_id, kinds, values],
  );
  const userIds = merge.moved_identities.filter((i) => i.kind === 'user_id').map((i) => i.value);
  const anonymousIds = merge.moved_identities.filter((i) => i.kind === 'anonymous_id').map((i) => i.value);
  await tx.execute(
    `update events set profile_id = $1
      where profile_id = $2
        and (user_id in (select unnest($3::varchar[]))
             or (user_id is null and anonymous_id in (select unnest($4::varchar[]))))`,
    [merge.from_profile_id, merge.into_profile_id, userIds, anonymousIds],
  );
  if (merge.from_user_id) {
    await tx.execute('update profiles set user_id = null where id = $1 and user_id = $2', [
      merge.into_profile_id,
      merge.from_user_id,
    ]);
  }
  await tx.execute('update profile_merges set reverted_at = $1 where id = $2', [now, mergeId]);
  return { restored: merge.from_profile_id };
}

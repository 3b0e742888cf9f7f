/**
 * Commits a group of normalised messages inside one transaction: identity resolution, merges, events (each
 * messageId stored once), new profiles and identities, and trait updates from `identify` calls.
 *
 * It is called with every message of several API requests at once (group commit) and with the rows of an import,
 * so it does set-wise SQL: a handful of statements per group, not per message.
 */
import { randomUUID } from 'node:crypto';
import type { NormalizedMessage } from '../schema/messages.ts';
import type { SqlExecutor, SqlValue } from '../store/store.ts';
import { recordConsentFromIdentifies } from '../consent/consent-from-identifies.ts';
import { moveProfileData } from '../profiles/merge-profiles.ts';
import { withoutErasedIdentities } from '../privacy/erasure-suppressions.ts';
import { aliasCandidateKeys, identityKeysOf, identityKeyString, type IdentityKey } from './identity-keys.ts';
import { resolveIdentities } from './resolve-identities.ts';

export interface CommitResult {
  /** Messages written now. */
  stored: number;
  /** Messages whose messageId was already stored (or repeated within the group). */
  duplicates: number;
  /** Messages dropped because they carry the identity of an erased person (privacy/erasure-suppressions.ts). */
  suppressed: number;
  profilesCreated: number;
  profilesMerged: number;
  /** Profiles whose events or traits changed: real-time segments re-evaluate these. */
  touchedProfileIds: string[];
  /** The messageIds written now. */
  storedMessageIds: Set<string>;
}

type StoredProfile = {
  id: string;
  user_id: string | null;
  traits: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
};

export const EVENT_COLUMNS = [
  'message_id',
  'profile_id',
  'type',
  'event',
  'name',
  'category',
  'user_id',
  'anonymous_id',
  'group_id',
  'previous_id',
  'occurred_at',
  'original_timestamp',
  'sent_at',
  'received_at',
  'properties',
  'traits',
  'context',
  'source_id',
] as const;

function eventRow(message: NormalizedMessage, profileId: string): SqlValue[] {
  const json = (value: Record<string, unknown> | null): string | null =>
    value ? JSON.stringify(value) : null;
  return [
    message.messageId,
    profileId,
    message.type,
    message.event,
    message.name,
    message.category,
    message.userId,
    message.anonymousId,
    message.groupId,
    message.previousId,
    message.timestamp,
    message.originalTimestamp,
    message.sentAt,
    message.receivedAt,
    json(message.properties),
    json(message.traits),
    json(message.context),
    message.sourceId,
  ];
}

async function loadKnownIdentities(tx: SqlExecutor, keys: IdentityKey[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.query<{ kind: IdentityKey['kind']; value: string; profile_id: string }>(
    `select i.kind, i.value, i.profile_id from identities i
       join (select unnest($1::varchar[]) as kind, unnest($2::varchar[]) as value) wanted
         on i.kind = wanted.kind and i.value = wanted.value`,
    [keys.map((key) => key.kind), keys.map((key) => key.value)],
  );
  return new Map(rows.map((row) => [identityKeyString(row), row.profile_id]));
}

async function loadProfiles(tx: SqlExecutor, ids: string[]): Promise<Map<string, StoredProfile>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.query<StoredProfile>(
    `select id, user_id, traits, first_seen_at, last_seen_at from profiles where id in (select unnest($1::varchar[]))`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function uniqueByMessageId(messages: readonly NormalizedMessage[]): NormalizedMessage[] {
  const seen = new Set<string>();
  return messages.filter((message) => !seen.has(message.messageId) && seen.add(message.messageId));
}

export async function commitMessages(
  tx: SqlExecutor,
  messages: readonly NormalizedMessage[],
): Promise<CommitResult> {
  const { kept: unique, suppressed } = await withoutErasedIdentities(tx, uniqueByMessageId(messages));
  const keys = new Map<string, IdentityKey>();
  for (const message of unique) {
    for (const key of [...identityKeysOf(message), ...aliasCandidateKeys(message)])
      keys.set(identityKeyString(key), key);
  }
  const knownIdentities = await loadKnownIdentities(tx, [...keys.values()]);
  const storedProfiles = await loadProfiles(tx, [...new Set(knownIdentities.values())]);
  const plan = resolveIdentities({
    messages: unique,
    knownIdentities,
    knownProfiles: new Map([...storedProfiles.values()].map((row) => [row.id, { userId: row.user_id }])),
    newProfileId: randomUUID,
  });
  const now = new Date();

  // Traits, first and last seen of every surviving profile, starting from what is stored.
  const traitsById = new Map<string, Record<string, unknown>>();
  const seenById = new Map<string, { first: Date; last: Date }>();
  for (const id of plan.profiles.keys()) {
    const stored = storedProfiles.get(id);
    traitsById.set(id, { ...stored?.traits });
    if (stored) seenById.set(id, { first: stored.first_seen_at, last: stored.last_seen_at });
  }
  for (const merge of plan.merges) {
    const from = storedProfiles.get(merge.from);
    if (!from) continue;
    // The surviving profile's own traits win over the merged-away profile's.
    traitsById.set(merge.into, { ...from.traits, ...traitsById.get(merge.into) });
    const into = seenById.get(merge.into);
    seenById.set(merge.into, {
      first: into && into.first < from.first_seen_at ? into.first : from.first_seen_at,
      last: into && into.last > from.last_seen_at ? into.last : from.last_seen_at,
    });
    await moveProfileData(tx, {
      from: { id: from.id, userId: from.user_id, traits: from.traits, firstSeenAt: from.first_seen_at },
      into: merge.into,
      reason: merge.reason,
      messageId: merge.messageId,
      mergedAt: now,
    });
  }

  const inserted = await tx.insertRows(
    'events',
    EVENT_COLUMNS,
    unique.map((message, index) => eventRow(message, plan.profileIdByMessage[index] as string)),
    { ignoreConflicts: true, returning: 'message_id' },
  );
  const storedMessageIds = new Set(inserted.map((row) => String(row.message_id)));

  // identify traits apply in event-time order; a replayed duplicate changes nothing.
  const storedInOrder = unique
    .map((message, index) => ({ message, profileId: plan.profileIdByMessage[index] as string }))
    .filter(({ message }) => storedMessageIds.has(message.messageId))
    .sort((a, b) => a.message.timestamp.getTime() - b.message.timestamp.getTime());
  for (const { message, profileId } of storedInOrder) {
    if (message.type === 'identify' && message.traits) {
      traitsById.set(profileId, { ...traitsById.get(profileId), ...message.traits });
    }
    const seen = seenById.get(profileId);
    seenById.set(profileId, {
      first: seen && seen.first < message.timestamp ? seen.first : message.timestamp,
      last: seen && seen.last > message.timestamp ? seen.last : message.timestamp,
    });
  }

  const newProfiles = [...plan.profiles.values()].filter((profile) => profile.isNew);
  const existingProfiles = [...plan.profiles.values()].filter((profile) => !profile.isNew);
  await tx.insertRows(
    'profiles',
    ['id', 'user_id', 'traits', 'computed', 'first_seen_at', 'last_seen_at', 'created_at', 'updated_at'],
    newProfiles.map((profile) => {
      const seen = seenById.get(profile.id) ?? { first: now, last: now };
      return [
        profile.id,
        profile.userId,
        JSON.stringify(traitsById.get(profile.id) ?? {}),
        '{}',
        seen.first,
        seen.last,
        now,
        now,
      ];
    }),
  );
  if (existingProfiles.length > 0) {
    const { dialect } = tx;
    await tx.execute(
      `update profiles set user_id = nullif(changed.user_id, ''),
              traits = cast(changed.traits as ${dialect.jsonType}),
              first_seen_at = ${dialect.fromEpochMillis('changed.first_seen')},
              last_seen_at = ${dialect.fromEpochMillis('changed.last_seen')},
              updated_at = $6
         from (select unnest($1::varchar[]) as id, unnest($2::varchar[]) as user_id, unnest($3::varchar[]) as traits,
                      unnest($4::double precision[]) as first_seen, unnest($5::double precision[]) as last_seen) changed
        where profiles.id = changed.id`,
      [
        existingProfiles.map((profile) => profile.id),
        // A list parameter cannot carry nulls portably: '' stands for "no user id".
        existingProfiles.map((profile) => profile.userId ?? ''),
        existingProfiles.map((profile) => JSON.stringify(traitsById.get(profile.id) ?? {})),
        existingProfiles.map((profile) => seenById.get(profile.id)?.first.getTime() ?? now.getTime()),
        existingProfiles.map((profile) => seenById.get(profile.id)?.last.getTime() ?? now.getTime()),
        now,
      ],
    );
  }
  await tx.insertRows(
    'identities',
    ['kind', 'value', 'profile_id', 'created_at'],
    plan.newIdentities.map((identity) => [identity.kind, identity.value, identity.profileId, now]),
  );
  // Consent stated in identify traits becomes consent records (src/consent/consent-from-identifies.ts).
  await recordConsentFromIdentifies(tx, storedInOrder);

  return {
    stored: storedMessageIds.size,
    duplicates: messages.length - storedMessageIds.size - suppressed,
    suppressed,
    profilesCreated: newProfiles.length,
    profilesMerged: plan.merges.length,
    touchedProfileIds: [...plan.profiles.keys()],
    storedMessageIds,
  };
}

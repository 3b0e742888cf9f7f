/**
 * Everything that identifies one person in the store: their profile, the profiles merged into it over time, and
 * every user id, anonymous id and email address seen for them.
 */
import { SegmintError } from '../errors.ts';
import { normalizeEmailIdentity } from '../ingest/identity-keys.ts';
import type { PrivacySubject } from '../schema/privacy.ts';
import type { SqlExecutor } from '../store/store.ts';

export interface Person {
  /** The current profile first, then profiles merged into it (their ids may still appear in history). */
  profileIds: string[];
  userIds: string[];
  anonymousIds: string[];
  emails: string[];
}

/** The value a subject names, for hashing into the request log. */
export function subjectValue(subject: PrivacySubject): {
  kind: 'profile_id' | 'email' | 'user_id';
  value: string;
} {
  if ('profileId' in subject) return { kind: 'profile_id', value: subject.profileId };
  if ('email' in subject)
    return { kind: 'email', value: normalizeEmailIdentity(subject.email) ?? subject.email.toLowerCase() };
  return { kind: 'user_id', value: subject.userId };
}

async function profileIdOf(tx: SqlExecutor, subject: PrivacySubject): Promise<string | null> {
  if ('profileId' in subject) {
    const rows = await tx.query<{ id: string }>('select id from profiles where id = $1', [subject.profileId]);
    if (rows.length === 0)
      throw new SegmintError(
        'not_found',
        `No profile with id ${subject.profileId}. Find the person with 'segmint profiles get <email or user id>'.`,
      );
    return subject.profileId;
  }
  const { kind, value } = subjectValue(subject);
  const [row] = await tx.query<{ profile_id: string }>(
    'select profile_id from identities where kind = $1 and value = $2',
    [kind, value],
  );
  return row?.profile_id ?? null;
}

/** Adds the profiles merged into `profileId`, transitively (a merge chain a ← b ← c). */
async function withMergedProfiles(tx: SqlExecutor, profileId: string): Promise<string[]> {
  const ids = [profileId];
  let frontier = [profileId];
  while (frontier.length > 0) {
    const rows = await tx.query<{ from_profile_id: string }>(
      'select distinct from_profile_id from profile_merges where into_profile_id in (select unnest($1::varchar[]))',
      [frontier],
    );
    frontier = rows.map((row) => row.from_profile_id).filter((id) => !ids.includes(id));
    ids.push(...frontier);
  }
  return ids;
}

function unique(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
}

/**
 * Finds the person a subject names. An email or user id that no profile holds still yields a person with that one
 * identifier (other tables may hold it, and it must be suppressed); an unknown profile id is an error.
 */
export async function findPerson(tx: SqlExecutor, subject: PrivacySubject): Promise<Person> {
  const profileId = await profileIdOf(tx, subject);
  if (!profileId) {
    const { kind, value } = subjectValue(subject);
    return {
      profileIds: [],
      userIds: kind === 'user_id' ? [value] : [],
      anonymousIds: [],
      emails: kind === 'email' ? [value] : [],
    };
  }
  const profileIds = await withMergedProfiles(tx, profileId);
  const identities = await tx.query<{ kind: string; value: string }>(
    'select kind, value from identities where profile_id in (select unnest($1::varchar[]))',
    [profileIds],
  );
  const profiles = await tx.query<{ user_id: string | null; email: string | null }>(
    `select user_id, ${tx.dialect.jsonText('traits', ['email'])} as email
       from profiles where id in (select unnest($1::varchar[]))`,
    [profileIds],
  );
  const eventIds = await tx.query<{ user_id: string | null; anonymous_id: string | null }>(
    `select distinct user_id, anonymous_id from events where profile_id in (select unnest($1::varchar[]))`,
    [profileIds],
  );
  const ofKind = (kind: string) => identities.filter((row) => row.kind === kind).map((row) => row.value);
  return {
    profileIds,
    userIds: unique([
      ...ofKind('user_id'),
      ...profiles.map((row) => row.user_id),
      ...eventIds.map((row) => row.user_id),
    ]),
    anonymousIds: unique([...ofKind('anonymous_id'), ...eventIds.map((row) => row.anonymous_id)]),
    emails: unique([...ofKind('email'), ...profiles.map((row) => normalizeEmailIdentity(row.email))]),
  };
}

export function identifiersOf(person: Person): string[] {
  return unique([...person.profileIds, ...person.userIds, ...person.anonymousIds, ...person.emails]);
}

/** Reading profiles: one profile with its identities and latest events, and a paged, searchable list. */
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import type { TimelineEvent } from '../schema/dashboard.ts';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../schema/storable-text.ts';
import type { Store } from '../store/store.ts';

export interface ProfileSummary {
  id: string;
  userId: string | null;
  email: string | null;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface ProfileDetail extends ProfileSummary {
  identities: { kind: string; value: string }[];
  recentEvents: TimelineEvent[];
}

type ProfileRow = {
  id: string;
  user_id: string | null;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
  first_seen_at: Date;
  last_seen_at: Date;
};

function toSummary(row: ProfileRow): ProfileSummary {
  const email = row.traits.email;
  return {
    id: row.id,
    userId: row.user_id,
    email: typeof email === 'string' ? email : null,
    traits: row.traits,
    computed: row.computed,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Finds a profile by its id, or by any of its identities (user id, anonymous id, email). */
export async function getProfile(
  store: Store,
  idOrIdentity: string,
  options: { events?: number } = {},
): Promise<ProfileDetail> {
  const [row] = await store.query<ProfileRow>(
    `select id, user_id, traits, computed, first_seen_at, last_seen_at from profiles
      where id = $1 or id in (select profile_id from identities where value = $1 or value = lower($1))
      limit 1`,
    [idOrIdentity.trim()],
  );
  if (!row) {
    throw new SegmintError(
      'not_found',
      `No profile with id, user id, anonymous id or email '${idOrIdentity}'. Try 'segmint profiles list --search …'.`,
    );
  }
  const identities = await store.query<{ kind: string; value: string }>(
    'select kind, value from identities where profile_id = $1 order by kind, value',
    [row.id],
  );
  const recentEvents = await readProfileEvents(store, row.id, { limit: options.events ?? 20, offset: 0 });
  return {
    ...toSummary(row),
    identities,
    recentEvents,
  };
}

/** The profile's events, newest first (message id breaks ties, so pages never overlap or skip). */
export async function readProfileEvents(
  store: Store,
  profileId: string,
  page: { limit: number; offset: number },
): Promise<TimelineEvent[]> {
  const rows = await store.query<{
    message_id: string;
    type: string;
    event: string | null;
    name: string | null;
    occurred_at: Date;
    properties: Record<string, unknown> | null;
  }>(
    `select message_id, type, event, name, occurred_at, properties from events
      where profile_id = $1 order by occurred_at desc, message_id limit $2 offset $3`,
    [profileId, page.limit, page.offset],
  );
  return rows.map((row) => ({
    messageId: row.message_id,
    type: row.type,
    event: row.event,
    name: row.name,
    occurredAt: row.occurred_at,
    properties: row.properties,
  }));
}

export const listProfilesOptionsSchema = z.object({
  search: z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListProfilesOptions = z.input<typeof listProfilesOptionsSchema>;

export async function listProfiles(
  store: Store,
  input: ListProfilesOptions = {},
): Promise<{ total: number; profiles: ProfileSummary[] }> {
  const options = listProfilesOptionsSchema.parse(input);
  // A search matches any identity (user id, anonymous id, email) by literal substring: LIKE's wildcards in it are
  // escaped, so searching for "%" or "_" finds ids containing them instead of every profile.
  const escaped = options.search?.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`);
  const search = escaped ? `%${escaped}%` : null;
  const filter = search
    ? `where id in (select profile_id from identities where lower(value) like $1 escape '\\') or lower(id) like $1 escape '\\'`
    : 'where $1::varchar is null';
  const [total] = await store.query<{ n: number }>(`select count(*) as n from profiles ${filter}`, [search]);
  const rows = await store.query<ProfileRow>(
    `select id, user_id, traits, computed, first_seen_at, last_seen_at from profiles ${filter}
      order by last_seen_at desc, id limit $2 offset $3`,
    [search, options.limit, options.offset],
  );
  return { total: total?.n ?? 0, profiles: rows.map(toSummary) };
}

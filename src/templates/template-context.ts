/**
 * The variables a template sees when it is rendered for a profile:
 *
 *   profile          { id, user_id, email, …traits } (traits also under snake_case and camelCase names, so
 *                    `profile.first_name` works whether the source sent `first_name` or `firstName`)
 *   traits           the stored traits as they are
 *   computed         computed traits: rfm, cluster, clv, p_alive, churn_risk, …
 *   segments         names of the saved segments the profile is in: `{% if segments contains "vip" %}`
 *   recommendations  [{ id, name, category, price, score, reason, properties }]
 *   message          the sender's extra data (a coupon code, an unsubscribe URL…)
 *
 * Contexts for many profiles are built with the same five queries as for one (campaigns render in batches).
 */
import { SegmintError } from '../errors.ts';
import type { SqlExecutor } from '../store/store.ts';
import { loadTemplateRecommendations, type TemplateRecommendation } from './template-recommendations.ts';

export interface TemplateContext extends Record<string, unknown> {
  profile: Record<string, unknown>;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
  segments: string[];
  recommendations: TemplateRecommendation[];
  message: Record<string, unknown>;
}

export interface TemplateContextOptions {
  /** How many recommendations to load (default 6); 0 skips the queries. */
  recommendations?: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const toSnakeCase = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const toCamelCase = (key: string) =>
  key.replace(/_([a-z0-9])/g, (_match, char: string) => char.toUpperCase());

/** Traits plus their other-case aliases; a trait that really has that name wins over an alias. */
function withCaseAliases(traits: Record<string, unknown>): Record<string, unknown> {
  const aliased: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(traits)) {
    aliased[toSnakeCase(key)] = value;
    aliased[toCamelCase(key)] = value;
  }
  return { ...aliased, ...traits };
}

type ProfileRow = { id: string; user_id: string | null; traits: unknown; computed: unknown };
const PROFILE_COLUMNS = 'id, user_id, traits, computed';

/** By id first (the dispatcher's case, and 3–4× cheaper), then by user id, anonymous id or email (previews). */
async function findProfileId(executor: SqlExecutor, idOrIdentity: string): Promise<string> {
  const key = idOrIdentity.trim();
  const [byId] = await executor.query<{ id: string }>('select id from profiles where id = $1', [key]);
  if (byId) return byId.id;
  const [byIdentity] = await executor.query<{ profile_id: string }>(
    'select profile_id from identities where value = $1 or value = lower($1) order by (value = $1) desc limit 1',
    [key],
  );
  if (byIdentity) return byIdentity.profile_id;
  throw new SegmintError(
    'not_found',
    `No profile with id, user id, anonymous id or email '${idOrIdentity}'. Find one with \`segmint profiles list --search …\`.`,
  );
}

/**
 * Render contexts for many profiles by id, keyed by id; ids without a profile are left out. `data` gives each
 * profile's `message` variables.
 */
export async function buildTemplateContexts(
  executor: SqlExecutor,
  profileIds: readonly string[],
  options: TemplateContextOptions & { data?: (profileId: string) => Record<string, unknown> } = {},
): Promise<Map<string, TemplateContext>> {
  const ids = [...new Set(profileIds)];
  const profiles = await executor.query<ProfileRow>(
    `select ${PROFILE_COLUMNS} from profiles where id in (select unnest($1::varchar[]))`,
    [ids],
  );
  const segmentRows = await executor.query<{ profile_id: string; name: string }>(
    `select m.profile_id, s.name from segment_members m join segments s on s.id = m.segment_id
      where m.profile_id in (select unnest($1::varchar[])) order by s.name`,
    [ids],
  );
  const segmentsById = new Map<string, string[]>();
  for (const row of segmentRows)
    segmentsById.set(row.profile_id, [...(segmentsById.get(row.profile_id) ?? []), row.name]);
  const count = options.recommendations ?? 6;
  const found = profiles.map((row) => row.id);
  const recommendations =
    count > 0
      ? await loadTemplateRecommendations(executor, found, count)
      : new Map<string, TemplateRecommendation[]>();

  const contexts = new Map<string, TemplateContext>();
  for (const row of profiles) {
    const traits = isRecord(row.traits) ? row.traits : {};
    const email = typeof traits.email === 'string' ? traits.email : null;
    contexts.set(row.id, {
      profile: { ...withCaseAliases(traits), id: row.id, user_id: row.user_id, userId: row.user_id, email },
      traits,
      computed: isRecord(row.computed) ? row.computed : {},
      segments: segmentsById.get(row.id) ?? [],
      recommendations: recommendations.get(row.id) ?? [],
      message: options.data?.(row.id) ?? {},
    });
  }
  return contexts;
}

/** The render context for one profile (by id, user id, anonymous id or email); `not_found` when there is none. */
export async function buildTemplateContext(
  executor: SqlExecutor,
  profileId: string,
  extra: Record<string, unknown> = {},
  options: TemplateContextOptions = {},
): Promise<TemplateContext> {
  const id = await findProfileId(executor, profileId);
  const context = (await buildTemplateContexts(executor, [id], { ...options, data: () => extra })).get(id);
  if (!context) throw new SegmintError('not_found', `Profile '${profileId}' was deleted while rendering.`);
  return context;
}

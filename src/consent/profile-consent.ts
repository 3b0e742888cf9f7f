/**
 * What the CLI and the management API do with consent: find the profile (by id or any identity), record an
 * answer given through them, and show everything about a profile's consent in one object.
 */
import { SegmintError } from '../errors.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import { setConsentInputSchema, type ConsentRecord, type ConsentSource } from '../schema/consent.ts';
import type { ProfileSubscription } from '../schema/subscription.ts';
import type { SqlExecutor } from '../store/store.ts';
import { readSubscriptions } from '../subscriptions/subscriptions.ts';
import { listConsentHistory, readCurrentConsent } from './read-consent.ts';
import { newConsentRecordId, recordConsent } from './record-consent.ts';

/** The id of the profile with this id, user id, anonymous id or email. */
export async function resolveProfileId(executor: SqlExecutor, idOrIdentity: string): Promise<string> {
  const value = idOrIdentity.trim();
  const [row] = await executor.query<{ id: string }>(
    `select id from profiles
      where id = $1 or id in (select profile_id from identities where value = $1 or value = lower($1))
      limit 1`,
    [value],
  );
  if (!row) {
    throw new SegmintError(
      'not_found',
      `No profile with id, user id, anonymous id or email '${idOrIdentity}'. Try 'segmint profiles list --search …'.`,
    );
  }
  return row.id;
}

export interface ProfileConsent {
  profileId: string;
  /** The latest answer per (purpose, channel). */
  current: ConsentRecord[];
  /** Every record, newest first. */
  history: ConsentRecord[];
  subscriptions: ProfileSubscription[];
}

export async function showProfileConsent(
  executor: SqlExecutor,
  idOrIdentity: string,
): Promise<ProfileConsent> {
  const profileId = await resolveProfileId(executor, idOrIdentity);
  return {
    profileId,
    current: await readCurrentConsent(executor, [profileId]),
    history: await listConsentHistory(executor, profileId),
    subscriptions: await readSubscriptions(executor, profileId),
  };
}

/** Records one consent answer given through the API or the CLI; `profileId` may be any identity. */
export async function setConsent(
  executor: SqlExecutor,
  input: unknown,
  options: { source: ConsentSource; now: Date },
): Promise<ConsentRecord> {
  const parsed = parseOrThrow(setConsentInputSchema, input, 'consent');
  const record: ConsentRecord = {
    id: newConsentRecordId(options.now.getTime()),
    profileId: await resolveProfileId(executor, parsed.profileId),
    purpose: parsed.purpose,
    channel: parsed.channel,
    status: parsed.status,
    source: options.source,
    recordedAt: options.now,
    evidence: parsed.evidence ?? null,
  };
  await recordConsent(executor, [record]);
  return record;
}

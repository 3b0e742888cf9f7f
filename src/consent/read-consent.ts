/**
 * Reading consent: the current answer per (purpose, channel) is the latest record (by recorded_at, then id); the
 * answer for a channel is the later of its own record and its purpose's 'all' record, so "unsubscribe from
 * everything" overrides an older channel grant and a newer channel grant overrides an older "everything".
 */
import type {
  ConsentChannel,
  ConsentPurpose,
  ConsentRecord,
  ConsentSource,
  ConsentStatus,
} from '../schema/consent.ts';
import type { SqlExecutor } from '../store/store.ts';

type ConsentRow = {
  id: string;
  profile_id: string;
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  status: ConsentStatus;
  source: ConsentSource;
  recorded_at: Date;
  evidence: Record<string, unknown> | null;
};

function toRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    profileId: row.profile_id,
    purpose: row.purpose,
    channel: row.channel,
    status: row.status,
    source: row.source,
    recordedAt: row.recorded_at,
    evidence: row.evidence,
  };
}

/** The latest record of each (profile, purpose, channel) of the given profiles. */
export async function readCurrentConsent(
  executor: SqlExecutor,
  profileIds: readonly string[],
): Promise<ConsentRecord[]> {
  if (profileIds.length === 0) return [];
  const rows = await executor.query<ConsentRow>(
    `select id, profile_id, purpose, channel, status, source, recorded_at, evidence from (
       select c.*, row_number() over (partition by profile_id, purpose, channel order by recorded_at desc, id desc) as rank
         from consent_records c where profile_id in (select unnest($1::varchar[]))
     ) latest where rank = 1 order by profile_id, purpose, channel`,
    [profileIds],
  );
  return rows.map(toRecord);
}

/**
 * Every record of the given profiles without their evidence, unordered: for the commit path, which picks the
 * deciding record in memory (`decidingConsentRecord`). A plain join is several times faster on DuckDB than the
 * window query of readCurrentConsent for a group of thousands of profiles.
 */
export async function readConsentAnswers(
  executor: SqlExecutor,
  profileIds: readonly string[],
): Promise<ConsentRecord[]> {
  if (profileIds.length === 0) return [];
  const rows = await executor.query<Omit<ConsentRow, 'evidence'>>(
    `select c.id, c.profile_id, c.purpose, c.channel, c.status, c.source, c.recorded_at
       from consent_records c join (select unnest($1::varchar[]) as id) wanted on c.profile_id = wanted.id`,
    [profileIds],
  );
  return rows.map((row) => toRecord({ ...row, evidence: null }));
}

/** Every record of a profile, newest first: the evidence trail. */
export async function listConsentHistory(executor: SqlExecutor, profileId: string): Promise<ConsentRecord[]> {
  const rows = await executor.query<ConsentRow>(
    `select id, profile_id, purpose, channel, status, source, recorded_at, evidence from consent_records
      where profile_id = $1 order by recorded_at desc, id desc`,
    [profileId],
  );
  return rows.map(toRecord);
}

/** The record that decides consent for (purpose, channel) among a profile's current records, if any. */
export function decidingConsentRecord(
  current: readonly ConsentRecord[],
  purpose: ConsentPurpose,
  channel: ConsentChannel,
): ConsentRecord | undefined {
  let deciding: ConsentRecord | undefined;
  for (const record of current) {
    if (record.purpose !== purpose || (record.channel !== channel && record.channel !== 'all')) continue;
    const isLater =
      !deciding ||
      record.recordedAt > deciding.recordedAt ||
      (record.recordedAt.getTime() === deciding.recordedAt.getTime() && record.id > deciding.id);
    if (isLater) deciding = record;
  }
  return deciding;
}

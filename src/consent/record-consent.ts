/** Appending consent records. Records are never updated or deleted (erasure aside): they are the evidence. */
import { randomBytes } from 'node:crypto';
import type { ConsentChange, ConsentSource } from '../schema/consent.ts';
import type { SqlExecutor } from '../store/store.ts';

export interface NewConsentRecord extends ConsentChange {
  profileId: string;
  source: ConsentSource;
  recordedAt: Date;
  evidence?: Record<string, unknown> | null;
  /** A deterministic id makes recording idempotent (e.g. derived from an identify's message id); default random. */
  id?: string;
}

let idSequence = 0;

/**
 * Ids that sort in the order they were made (milliseconds, then a per-process counter, then randomness): readers
 * break ties between records of the same recorded_at by id, so of two answers given at the same instant (subscribe
 * then unsubscribe-all within one request) the later one decides.
 */
export function newConsentRecordId(now: number = Date.now()): string {
  idSequence = (idSequence + 1) % 0x1_0000_0000;
  const time = now.toString(16).padStart(12, '0');
  return `${time}-${idSequence.toString(16).padStart(8, '0')}-${randomBytes(4).toString('hex')}`;
}

const CONSENT_RECORD_COLUMNS = [
  'id',
  'profile_id',
  'purpose',
  'channel',
  'status',
  'source',
  'recorded_at',
  'evidence',
] as const;

/**
 * Appends the records; returns how many were new (a repeated deterministic id is skipped). With `areNew` the
 * caller promises no id exists yet (ids derived from messages stored in the same transaction), and the rows take
 * the engine's bulk path without a conflict check.
 */
export async function recordConsent(
  executor: SqlExecutor,
  records: readonly NewConsentRecord[],
  options: { areNew?: boolean } = {},
): Promise<number> {
  if (records.length === 0) return 0;
  const inserted = await executor.insertRows(
    'consent_records',
    CONSENT_RECORD_COLUMNS,
    records.map((record) => [
      record.id ?? newConsentRecordId(),
      record.profileId,
      record.purpose,
      record.channel,
      record.status,
      record.source,
      record.recordedAt,
      record.evidence ? JSON.stringify(record.evidence) : null,
    ]),
    options.areNew ? {} : { ignoreConflicts: true, returning: 'id' },
  );
  return options.areNew ? records.length : inserted.length;
}

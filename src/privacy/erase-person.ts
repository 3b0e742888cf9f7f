/**
 * GDPR/CCPA erasure ("right to be forgotten"), in one transaction:
 * 1. find the person (profile, profiles merged into it, every identifier seen for them);
 * 2. delete their rows from every table that has an identifier column (person-columns.ts: discovered, not listed);
 * 3. redact mentions of their identifiers in every other text and JSON column (redact-mentions.ts);
 * 4. keep salted hashes of their user ids, anonymous ids and emails in `erasure_suppressions`, so they are not
 *    re-created by a re-import or a tracking call until they opt in again;
 * 5. log the request with a hash of the subject and counts only.
 */
import type { PrivacySubject } from '../schema/privacy.ts';
import type { Store } from '../store/store.ts';
import { findPerson, identifiersOf, subjectValue } from './find-person.ts';
import { hashIdentity, loadErasureSecret } from './identity-hash.ts';
import { listPersonColumns } from './person-columns.ts';
import { deletePersonRows } from './person-rows.ts';
import { newRequestId, recordPrivacyRequest } from './privacy-requests.ts';
import { redactMentions } from './redact-mentions.ts';
import { suppressPerson } from './erasure-suppressions.ts';

export interface ErasureResult {
  requestId: string;
  /** Profiles removed (the person's and those merged into it). */
  profiles: number;
  /** Rows deleted per table. */
  deleted: Record<string, number>;
  /** Rows of other people whose mentions of the person were redacted, per table. */
  redacted: Record<string, number>;
  /** Identities newly added to the suppression list. */
  suppressedIdentities: number;
}

export async function erasePerson(
  store: Store,
  subject: PrivacySubject,
  options: { now: Date; requestedBy: string },
): Promise<ErasureResult> {
  return store.transaction(async (tx) => {
    const person = await findPerson(tx, subject);
    const secret = await loadErasureSecret(tx, options.now);
    const requestId = newRequestId();
    const tables = await listPersonColumns(tx);
    const deleted: Record<string, number> = {};
    for (const table of tables) {
      const rows = await deletePersonRows(tx, table, person);
      if (rows > 0) deleted[table.table] = rows;
    }
    const redacted = await redactMentions(tx, tables, identifiersOf(person));
    const suppressedIdentities = await suppressPerson(tx, person, { secret, requestId, now: options.now });
    const { kind, value } = subjectValue(subject);
    const result: ErasureResult = {
      requestId,
      profiles: deleted.profiles ?? 0,
      deleted,
      redacted,
      suppressedIdentities,
    };
    await recordPrivacyRequest(tx, {
      id: requestId,
      kind: 'erase',
      subjectHash: hashIdentity(secret, kind, value),
      requestedBy: options.requestedBy,
      requestedAt: options.now,
      completedAt: options.now,
      summary: { deleted, redacted, suppressedIdentities },
    });
    return result;
  });
}

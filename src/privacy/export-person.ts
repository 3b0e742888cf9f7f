/**
 * GDPR/CCPA access request: every row about the person from every table that holds their identifiers (found the
 * same way erasure finds them, so the two cannot drift apart), as one JSON document with a schema version.
 */
import { PERSON_EXPORT_SCHEMA_VERSION, type PersonExport, type PrivacySubject } from '../schema/privacy.ts';
import type { Store } from '../store/store.ts';
import { findPerson, subjectValue } from './find-person.ts';
import { hashIdentity, loadErasureSecret } from './identity-hash.ts';
import { listPersonColumns } from './person-columns.ts';
import { selectPersonRows } from './person-rows.ts';
import { newRequestId, recordPrivacyRequest } from './privacy-requests.ts';

/** Dates as ISO strings and big integers as numbers or strings: the document is plain JSON. */
function toJsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  return value;
}

export async function exportPerson(
  store: Store,
  subject: PrivacySubject,
  options: { now: Date; requestedBy: string },
): Promise<PersonExport & { requestId: string }> {
  return store.transaction(async (tx) => {
    const person = await findPerson(tx, subject);
    const tables: PersonExport['tables'] = {};
    for (const table of await listPersonColumns(tx)) {
      const rows = await selectPersonRows(tx, table, person);
      if (rows.length === 0) continue;
      tables[table.table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([column, value]) => [column, toJsonValue(value)])),
      );
    }
    const secret = await loadErasureSecret(tx, options.now);
    const { kind, value } = subjectValue(subject);
    const requestId = newRequestId();
    await recordPrivacyRequest(tx, {
      id: requestId,
      kind: 'export',
      subjectHash: hashIdentity(secret, kind, value),
      requestedBy: options.requestedBy,
      requestedAt: options.now,
      completedAt: options.now,
      summary: {
        rows: Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length])),
      },
    });
    return {
      requestId,
      schemaVersion: PERSON_EXPORT_SCHEMA_VERSION,
      exportedAt: options.now.toISOString(),
      subject: { profileIds: person.profileIds },
      identifiers: { userIds: person.userIds, anonymousIds: person.anonymousIds, emails: person.emails },
      tables,
    };
  });
}

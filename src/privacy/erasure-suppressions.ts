/**
 * After erasure only salted hashes of the person's identities remain, in `erasure_suppressions`. Every commit
 * (tracking API and imports alike) drops messages that carry one of them, so a re-import or a tracking call does not
 * bring the person back; opting in again deletes the hash.
 */
import { aliasCandidateKeys, identityKeysOf, type IdentityKind } from '../ingest/identity-keys.ts';
import type { NormalizedMessage } from '../schema/messages.ts';
import type { SuppressibleIdentity } from '../schema/privacy.ts';
import type { SqlExecutor } from '../store/store.ts';
import { hashIdentity, loadErasureSecret, loadSecretIfAnySuppressed } from './identity-hash.ts';
import type { Person } from './find-person.ts';

export async function suppressPerson(
  tx: SqlExecutor,
  person: Person,
  options: { secret: string; requestId: string; now: Date },
): Promise<number> {
  const identities: [IdentityKind, string][] = [
    ...person.userIds.map((value): [IdentityKind, string] => ['user_id', value]),
    ...person.anonymousIds.map((value): [IdentityKind, string] => ['anonymous_id', value]),
    ...person.emails.map((value): [IdentityKind, string] => ['email', value]),
  ];
  const inserted = await tx.insertRows(
    'erasure_suppressions',
    ['kind', 'value_hash', 'request_id', 'suppressed_at'],
    identities.map(([kind, value]) => [
      kind,
      hashIdentity(options.secret, kind, value),
      options.requestId,
      options.now,
    ]),
    { ignoreConflicts: true, returning: 'value_hash' },
  );
  return inserted.length;
}

/** Drops messages that carry a suppressed identity (including an alias's previous id). */
export async function withoutErasedIdentities(
  tx: SqlExecutor,
  messages: NormalizedMessage[],
): Promise<{ kept: NormalizedMessage[]; suppressed: number }> {
  if (messages.length === 0) return { kept: messages, suppressed: 0 };
  const secret = await loadSecretIfAnySuppressed(tx);
  if (!secret) return { kept: messages, suppressed: 0 };
  const hashesByMessage = new Map<NormalizedMessage, string[]>();
  const hashCache = new Map<string, string>();
  for (const message of messages) {
    const hashes = [...identityKeysOf(message), ...aliasCandidateKeys(message)].map((key) => {
      const cacheKey = `${key.kind}:${key.value}`;
      let hash = hashCache.get(cacheKey);
      if (!hash) {
        hash = hashIdentity(secret, key.kind, key.value);
        hashCache.set(cacheKey, hash);
      }
      return hash;
    });
    hashesByMessage.set(message, hashes);
  }
  const rows = await tx.query<{ value_hash: string }>(
    'select value_hash from erasure_suppressions where value_hash in (select unnest($1::varchar[]))',
    [[...hashCache.values()]],
  );
  if (rows.length === 0) return { kept: messages, suppressed: 0 };
  const suppressedHashes = new Set(rows.map((row) => row.value_hash));
  const kept = messages.filter(
    (message) => !(hashesByMessage.get(message) ?? []).some((hash) => suppressedHashes.has(hash)),
  );
  return { kept, suppressed: messages.length - kept.length };
}

function identityOf(identity: SuppressibleIdentity): [IdentityKind, string] {
  if ('email' in identity) return ['email', identity.email];
  if ('userId' in identity) return ['user_id', identity.userId];
  return ['anonymous_id', identity.anonymousId];
}

export async function isSuppressed(executor: SqlExecutor, identity: SuppressibleIdentity): Promise<boolean> {
  const secret = await loadSecretIfAnySuppressed(executor);
  if (!secret) return false;
  const [kind, value] = identityOf(identity);
  const rows = await executor.query(
    'select 1 as found from erasure_suppressions where kind = $1 and value_hash = $2',
    [kind, hashIdentity(secret, kind, value)],
  );
  return rows.length > 0;
}

/**
 * The person opted in again (explicitly, or with fresh consent): their identity is no longer suppressed. Returns
 * whether it was. Consent recording calls this when consent is granted through the API.
 */
export async function unsuppressIdentity(
  tx: SqlExecutor,
  identity: SuppressibleIdentity,
  now: Date,
): Promise<boolean> {
  const secret = await loadErasureSecret(tx, now);
  const [kind, value] = identityOf(identity);
  const removed = await tx.execute('delete from erasure_suppressions where kind = $1 and value_hash = $2', [
    kind,
    hashIdentity(secret, kind, value),
  ]);
  return removed > 0;
}

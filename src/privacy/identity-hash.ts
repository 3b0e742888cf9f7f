/**
 * Salted hashes of identities: HMAC-SHA256 keyed with a secret stored once per store (`privacy_secrets`), so the
 * suppression list and the request log can recognise a person again without holding their identifiers, and the
 * hashes cannot be reversed with a precomputed table of common emails.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../store/store.ts';
import { normalizeEmailIdentity, type IdentityKind } from '../ingest/identity-keys.ts';

const SECRET_NAME = 'erasure_hmac';

/** The store's erasure secret, created on first use. */
export async function loadErasureSecret(tx: SqlExecutor, now: Date): Promise<string> {
  await tx.insertRows(
    'privacy_secrets',
    ['name', 'value', 'created_at'],
    [[SECRET_NAME, randomBytes(32).toString('base64url'), now]],
    { ignoreConflicts: true },
  );
  const [row] = await tx.query<{ value: string }>('select value from privacy_secrets where name = $1', [
    SECRET_NAME,
  ]);
  if (!row) throw new Error('privacy_secrets lost its erasure secret inside the transaction that wrote it');
  return row.value;
}

/**
 * The secret only when something is suppressed: the commit path calls this for every group, and with nothing
 * suppressed it must cost one tiny query and no hashing.
 */
export async function loadSecretIfAnySuppressed(tx: SqlExecutor): Promise<string | null> {
  const [row] = await tx.query<{ value: string }>(
    `select value from privacy_secrets
      where name = $1 and exists (select 1 from erasure_suppressions)`,
    [SECRET_NAME],
  );
  return row?.value ?? null;
}

/**
 * Emails are hashed in their identity form (trimmed, lower case), as `identities` stores them. Kinds are identity
 * kinds, plus `profile_id` for the request log.
 */
export function hashIdentity(secret: string, kind: IdentityKind | 'profile_id', value: string): string {
  const canonical = kind === 'email' ? (normalizeEmailIdentity(value) ?? value.trim().toLowerCase()) : value;
  return createHmac('sha256', secret).update(`${kind}:${canonical}`).digest('hex');
}

/**
 * Management API keys with roles. A key is 32 random bytes (base64url) behind a `smk_` tag; only its SHA-256 is
 * stored (a fast hash is enough for a high-entropy secret), and it is shown once, when created. Rotation issues a
 * new key with the same name and role and revokes the old one, optionally after a grace period.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { SegmintError } from '../errors.ts';
import {
  createApiKeyInputSchema,
  type ApiKey,
  type ApiKeyRole,
  type CreateApiKeyInput,
} from '../schema/api-key.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import type { SqlExecutor } from '../store/store.ts';

const PREFIX_LENGTH = 12;
/** last_used_at is refreshed at most this often, so authenticated reads do not each become a write. */
const LAST_USED_RESOLUTION_MS = 60_000;

type ApiKeyRow = {
  id: string;
  name: string;
  role: ApiKeyRole;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function createApiKey(
  executor: SqlExecutor,
  input: CreateApiKeyInput,
  now: Date,
): Promise<ApiKey & { key: string }> {
  const { name, role } = parseOrThrow(createApiKeyInputSchema, input, 'key');
  const key = `smk_${randomBytes(32).toString('base64url')}`;
  const row: ApiKeyRow = {
    id: randomUUID(),
    name,
    role,
    prefix: key.slice(0, PREFIX_LENGTH),
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await executor.execute(
    `insert into api_keys (id, name, role, key_hash, prefix, created_at, last_used_at, revoked_at)
     values ($1, $2, $3, $4, $5, $6, null, null)`,
    [row.id, name, role, hashApiKey(key), row.prefix, now],
  );
  return { ...toApiKey(row), key };
}

export async function listApiKeys(executor: SqlExecutor): Promise<ApiKey[]> {
  const rows = await executor.query<ApiKeyRow>(
    'select id, name, role, prefix, created_at, last_used_at, revoked_at from api_keys order by created_at, id',
  );
  return rows.map(toApiKey);
}

async function getApiKey(executor: SqlExecutor, id: string): Promise<ApiKeyRow> {
  const [row] = await executor.query<ApiKeyRow>(
    'select id, name, role, prefix, created_at, last_used_at, revoked_at from api_keys where id = $1',
    [id],
  );
  if (!row)
    throw new SegmintError('not_found', `No API key with id ${id}. List keys with 'segmint keys list'.`);
  return row;
}

/** Revokes a key at `at` (now, or later for a grace period). A key already revoked earlier stays revoked. */
export async function revokeApiKey(executor: SqlExecutor, id: string, at: Date): Promise<ApiKey> {
  const row = await getApiKey(executor, id);
  if (row.revoked_at && row.revoked_at <= at) return toApiKey(row);
  await executor.execute('update api_keys set revoked_at = $1 where id = $2', [at, id]);
  return toApiKey({ ...row, revoked_at: at });
}

export async function rotateApiKey(
  executor: SqlExecutor,
  id: string,
  options: { now: Date; graceSeconds: number },
): Promise<{ revoked: ApiKey; created: ApiKey & { key: string } }> {
  const old = await getApiKey(executor, id);
  if (old.revoked_at && old.revoked_at <= options.now)
    throw new SegmintError('conflict', `API key ${id} is revoked; create a new key instead of rotating it.`);
  const created = await createApiKey(executor, { name: old.name, role: old.role }, options.now);
  const revoked = await revokeApiKey(
    executor,
    id,
    new Date(options.now.getTime() + options.graceSeconds * 1000),
  );
  return { revoked, created };
}

export interface AuthenticatedKey {
  id: string;
  name: string;
  role: ApiKeyRole;
}

/** The stored key a bearer token is, if it is one and is not revoked. */
export async function authenticateApiKey(
  executor: SqlExecutor,
  token: string,
  now: Date,
): Promise<AuthenticatedKey | null> {
  const [row] = await executor.query<ApiKeyRow>(
    'select id, name, role, prefix, created_at, last_used_at, revoked_at from api_keys where key_hash = $1',
    [hashApiKey(token)],
  );
  if (!row || (row.revoked_at && row.revoked_at <= now)) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS)
    await executor.execute('update api_keys set last_used_at = $1 where id = $2', [now, row.id]);
  return { id: row.id, name: row.name, role: row.role };
}

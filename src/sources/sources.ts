/**
 * Sources are where tracking data comes from (a website, an app, a backend). Each has a write key — the HTTP Basic
 * username of Segment's tracking API. Only a SHA-256 hash of the key is stored; the key is shown once at creation.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import type { Store } from '../store/store.ts';

export const sourceNameSchema = z
  .string()
  .trim()
  .min(1, 'a source needs a name')
  .max(100)
  .regex(/^[\w .-]+$/, 'use letters, digits, spaces, dots, dashes and underscores');

export interface Source {
  id: string;
  name: string;
  createdAt: Date;
}

export function hashWriteKey(writeKey: string): string {
  return createHash('sha256').update(writeKey).digest('hex');
}

export async function createSource(store: Store, name: string): Promise<Source & { writeKey: string }> {
  const parsedName = sourceNameSchema.safeParse(name);
  if (!parsedName.success) {
    throw new SegmintError(
      'invalid_input',
      `Invalid source name '${name}': ${parsedName.error.issues[0]?.message}`,
    );
  }
  const existing = await store.query('select id from sources where name = $1', [parsedName.data]);
  if (existing.length > 0) {
    throw new SegmintError(
      'conflict',
      `A source named '${parsedName.data}' exists already; pick another name.`,
    );
  }
  const source = { id: randomUUID(), name: parsedName.data, createdAt: new Date() };
  const writeKey = `sk_${randomBytes(24).toString('base64url')}`;
  await store.execute('insert into sources (id, name, write_key_hash, created_at) values ($1, $2, $3, $4)', [
    source.id,
    source.name,
    hashWriteKey(writeKey),
    source.createdAt,
  ]);
  return { ...source, writeKey };
}

export async function listSources(store: Store): Promise<Source[]> {
  const rows = await store.query<{ id: string; name: string; created_at: Date }>(
    'select id, name, created_at from sources order by created_at',
  );
  return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at }));
}

/** Looks write keys up once and remembers them: the tracking API checks a key on every request. */
export class WriteKeyResolver {
  private readonly cache = new Map<string, { sourceId: string | null; expiresAt: number }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 30_000,
  ) {}

  async resolve(writeKey: string): Promise<string | null> {
    const hash = hashWriteKey(writeKey);
    const cached = this.cache.get(hash);
    if (cached && cached.expiresAt > Date.now()) return cached.sourceId;
    const rows = await this.store.query<{ id: string }>('select id from sources where write_key_hash = $1', [
      hash,
    ]);
    const sourceId = rows[0]?.id ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { sourceId, expiresAt: Date.now() + this.ttlMs });
    return sourceId;
  }
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint privacy, retention, keys and audit', () => {
  let dir: string;
  let db: string;
  let annProfileId = '';
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-privacy-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'identify', userId: 'ann', traits: { email: 'ann@example.com', name: 'Ann' } }),
          normalized({
            type: 'track',
            userId: 'ann',
            event: 'Product Viewed',
            timestamp: '2020-01-01T00:00:00Z',
          }),
          normalized({
            type: 'track',
            userId: 'bob',
            event: 'Product Viewed',
            timestamp: '2020-01-02T00:00:00Z',
          }),
          normalized({
            type: 'track',
            userId: 'bob',
            event: 'Order Completed',
            timestamp: '2020-01-02T00:00:00Z',
          }),
        ]),
      );
      const [ann] = await store.query<{ id: string }>("select id from profiles where user_id = 'ann'");
      annProfileId = ann?.id ?? '';
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exports a person to a file as versioned JSON', async () => {
    const out = join(dir, 'ann.json');
    const result = await run('privacy', 'export', '--email', 'ANN@example.com', '--out', out);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote 5 rows from 3 tables/) });
    const document = JSON.parse(readFileSync(out, 'utf8'));
    expect(document).toMatchObject({
      schemaVersion: 1,
      subject: { profileIds: [annProfileId] },
      identifiers: { userIds: ['ann'], emails: ['ann@example.com'] },
    });
    expect(Object.keys(document.tables).sort()).toEqual(['events', 'identities', 'profiles']);
  });

  it('refuses to erase without --yes, or without exactly one subject', async () => {
    expect(await run('privacy', 'erase', '--user-id', 'ann')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('add --yes'),
    });
    expect(await run('privacy', 'erase', '--user-id', 'ann', '--email', 'a@b.c', '--yes')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('exactly one of'),
    });
  });

  it('erases a person, logs the request and the audit entry, and lifts the suppression on request', async () => {
    const erased = await run('privacy', 'erase', '--profile', annProfileId, '--yes', '--json');
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ profiles: 1, deleted: { events: 2, identities: 2 } });
    const requests = JSON.parse((await run('privacy', 'requests', '--json')).stdout);
    expect(requests.map((request: { kind: string }) => request.kind)).toEqual(['erase', 'export']);
    const audit = JSON.parse((await run('audit', '--json')).stdout);
    expect(audit.map((entry: { action: string }) => entry.action)).toEqual([
      'privacy.erase',
      'privacy.export',
    ]);
    expect(JSON.stringify(audit)).not.toContain('ann');
    expect((await run('privacy', 'unsuppress', '--email', 'ann@example.com')).stdout).toBe(
      'No longer suppressed.\n',
    );
    expect((await run('privacy', 'unsuppress', '--email', 'ann@example.com')).stdout).toBe(
      'That identity was not suppressed.\n',
    );
  });

  it('sets, shows and applies retention per event name', async () => {
    expect((await run('retention', 'set', 'Product Viewed', '30')).code).toBe(0);
    expect((await run('retention', 'set', 'Product Viewed', 'soon')).code).toBe(2);
    expect(JSON.parse((await run('retention', 'show', '--json')).stdout)).toEqual([
      { scope: 'event', name: 'Product Viewed', days: 30 },
    ]);
    const applied = JSON.parse((await run('retention', 'apply', '--json')).stdout);
    expect(applied).toEqual({ deleted: { 'event:Product Viewed': 1 } });
  });

  it('creates, lists, rotates and revokes API keys', async () => {
    const created = JSON.parse(
      (await run('keys', 'create', 'reporting', '--role', 'analyst', '--json')).stdout,
    );
    expect(created).toMatchObject({
      name: 'reporting',
      role: 'analyst',
      key: expect.stringMatching(/^smk_/),
    });
    expect((await run('keys', 'create', 'x', '--role', 'owner')).code).toBe(2);
    const rotated = JSON.parse((await run('keys', 'rotate', created.id, '--grace', '3600', '--json')).stdout);
    expect(rotated.created).toMatchObject({ name: 'reporting', role: 'analyst' });
    expect((await run('keys', 'revoke', rotated.created.id)).code).toBe(0);
    const listed = JSON.parse((await run('keys', 'list', '--json')).stdout);
    expect(listed).toHaveLength(2);
    expect(listed.every((key: { revokedAt: string | null }) => key.revokedAt !== null)).toBe(true);
    expect((await run('keys', 'list')).stdout).not.toContain(created.key);
    expect((await run('keys', 'revoke', 'nope')).code).toBe(4);
  });
});

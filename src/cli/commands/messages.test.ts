/**
 * `segmint messages list|captured` and `GET /api/messages(/captured)`: an email is dispatched through the capture
 * transport into a store file, then read back through the CLI and the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { ManualClock } from '../../clock.ts';
import { defaultDispatchPorts } from '../../channels/dispatch/default-dispatch-ports.ts';
import { dispatchDueMessages } from '../../channels/dispatch/dispatch-due-messages.ts';
import { givenProfile, givenQueuedMessage } from '../../channels/dispatch/outbox-test-data.ts';
import { createCaptureEmailChannel } from '../../channels/email/capture-email-channel.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { openStore } from '../../store/open-store.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint messages', () => {
  let dir: string;
  let db: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-messages-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      const clock = new ManualClock('2025-03-01T10:00:00Z');
      const lin = await givenProfile(store, 'lin', { email: 'lin@example.com' });
      const noEmail = await givenProfile(store, 'sam', {});
      await givenQueuedMessage(store, {
        id: 'welcome:lin',
        profileId: lin,
        data: { subject: 'Welcome, Lin', html: '<p>Hello Lin</p>', text: 'Hello Lin' },
        createdAt: clock.now(),
      });
      await givenQueuedMessage(store, {
        id: 'welcome:sam',
        profileId: noEmail,
        data: { text: 'x' },
        createdAt: clock.now(),
      });
      await dispatchDueMessages({
        ...defaultDispatchPorts,
        store,
        clock,
        channels: new Map([
          ['email', createCaptureEmailChannel({ store, from: 'news@shop.example', clock })],
        ]),
        tracking: { baseUrl: 'https://crm.example', secret: 'cli-test' },
      });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists outbox messages, filtered by status', async () => {
    const all = await segmint('--db', db, 'messages', 'list');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/welcome:lin\s+email\s+sent\s+lin@example\.com/);
    expect(all.stdout).toMatch(/welcome:sam\s+email\s+skipped/);
    const skipped = JSON.parse(
      (await segmint('--db', db, 'messages', 'list', '--status', 'skipped', '--json')).stdout,
    );
    expect(skipped.map((row: { id: string }) => row.id)).toEqual(['welcome:sam']);
  });

  it('shows captured emails with their headers and MIME, filtered by recipient', async () => {
    const captured = JSON.parse(
      (await segmint('--db', db, 'messages', 'captured', '--to', 'LIN@example.com', '--json')).stdout,
    );
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({
      messageId: 'welcome:lin',
      recipient: 'lin@example.com',
      subject: 'Welcome, Lin',
    });
    expect(captured[0].headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(captured[0].raw).toMatch(/^Message-ID: <welcome%3Alin@shop\.example>$/m);
    const none = JSON.parse(
      (await segmint('--db', db, 'messages', 'captured', '--to', 'x@example.com', '--json')).stdout,
    );
    expect(none).toEqual([]);
  });

  it('rejects an unknown status with the list of valid ones', async () => {
    const run = await segmint('--db', db, 'messages', 'list', '--status', 'lost');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/options\.status/);
  });

  it('serves the same through GET /api/messages and /api/messages/captured', async () => {
    const store = await openStore({ duckdbPath: db });
    const app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'admin-secret',
    });
    try {
      const headers = { authorization: 'Bearer admin-secret' };
      const sent = await app.inject({ method: 'GET', url: '/api/messages?status=sent', headers });
      expect(sent.statusCode).toBe(200);
      expect(sent.json().map((row: { id: string }) => row.id)).toEqual(['welcome:lin']);
      const captured = await app.inject({
        method: 'GET',
        url: '/api/messages/captured?to=lin@example.com',
        headers,
      });
      expect(captured.json()[0]).toMatchObject({ messageId: 'welcome:lin' });
      const unauthorised = await app.inject({ method: 'GET', url: '/api/messages' });
      expect(unauthorised.statusCode).toBe(401);
    } finally {
      await app.close();
      await store.close();
    }
  });
});

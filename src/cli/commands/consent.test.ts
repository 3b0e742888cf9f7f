import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint consent, subscriptions and send-rules', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-consent-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'identify', userId: 'eve', traits: { email: 'eve@example.com' } }),
        ]),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets and shows consent', async () => {
    const set = await run(
      'consent',
      'set',
      '--profile',
      'eve',
      '--purpose',
      'marketing',
      '--channel',
      'sms',
      '--denied',
    );
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining('marketing on sms denied') });
    const shown = await run('consent', 'show', '--profile', 'eve@example.com', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      current: [{ purpose: 'marketing', channel: 'sms', status: 'denied', source: 'api' }],
    });
  });

  it('refuses a consent answer that is neither granted nor denied, and an unknown purpose', async () => {
    const neither = await run(
      'consent',
      'set',
      '--profile',
      'eve',
      '--purpose',
      'marketing',
      '--channel',
      'sms',
    );
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('--granted or --denied');
    const unknown = await run(
      'consent',
      'set',
      '--profile',
      'eve',
      '--purpose',
      'spam',
      '--channel',
      'sms',
      '--granted',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('consent.purpose');
  });

  it('creates and lists topics, subscribes and unsubscribes', async () => {
    expect((await run('subscriptions', 'topics', 'create', 'weekly', '--channel', 'email')).code).toBe(0);
    const confirm = await run(
      'subscriptions',
      'topics',
      'create',
      'daily',
      '--channel',
      'email',
      '--double-opt-in',
    );
    expect(confirm.code).toBe(0);
    const listed = JSON.parse((await run('subscriptions', 'topics', 'list', '--json')).stdout);
    expect(listed).toMatchObject([
      { name: 'daily', doubleOptIn: true },
      { name: 'weekly', doubleOptIn: false },
    ]);
    const pending = await run('subscriptions', 'subscribe', '--profile', 'eve', '--topic', 'daily', '--json');
    expect(JSON.parse(pending.stdout)).toMatchObject({
      status: 'pending',
      confirmationPath: expect.stringMatching(/^\/preferences\/confirm\//),
    });
    expect(
      (await run('subscriptions', 'subscribe', '--profile', 'eve', '--topic', 'weekly')).stdout,
    ).toContain("subscribed to 'weekly'");
    const left = await run('subscriptions', 'unsubscribe', '--profile', 'eve', '--channel', 'email');
    expect(left.stdout).toContain('Unsubscribed from daily, weekly; marketing on email denied.');
  });

  it('sets, shows and applies send rules', async () => {
    const set = await run(
      'send-rules',
      'set',
      'sms',
      '--cap',
      '2',
      '--per-hours',
      '24',
      '--quiet',
      '22:00-07:30',
    );
    expect(set.code).toBe(0);
    const shown = JSON.parse((await run('send-rules', 'show', '--json')).stdout);
    expect(shown).toEqual([
      {
        channel: 'sms',
        maxMessages: 2,
        periodHours: 24,
        quietStart: '22:00',
        quietEnd: '07:30',
        requireConsent: false,
      },
    ]);
    const half = await run('send-rules', 'set', 'sms', '--cap', '2');
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('maxMessages and periodHours');
    const checked = await run(
      'send-rules',
      'check',
      '--profile',
      'eve',
      '--channel',
      'push',
      '--at',
      '2026-01-06T23:00:00Z',
    );
    expect(JSON.parse(checked.stdout)).toEqual({ decision: 'send' });
  });
});

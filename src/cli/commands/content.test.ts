import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint content and segmint social', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-content-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({ type: 'identify', userId: 'ann', traits: { name: 'Ann', country: 'DE' } }),
        ]),
      );
    } finally {
      await store.close();
    }
    writeFileSync(
      join(dir, 'banner.yaml'),
      [
        'blocks:',
        '  - type: rule',
        '    rule: country = "DE"',
        '    content: "Hallo {{ traits.name }}"',
        'default: Hello',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'launch.json'),
      JSON.stringify({
        title: 'We launched',
        body: '<p>Read all about it</p>',
        targets: [{ type: 'feed', feed: 'news' }],
        schedule: { type: 'once', at: '2020-01-01T00:00:00Z' },
      }),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets a slot from YAML, lists it and previews it for a profile', async () => {
    expect((await run('content', 'slots', 'set', 'banner', join(dir, 'banner.yaml'))).code).toBe(0);
    const listed = await run('content', 'slots', 'list');
    expect(listed.stdout).toMatch(/banner\s+1\s+1/);
    const preview = await run('content', 'slots', 'preview', 'banner', '--user-id', 'ann');
    expect(JSON.parse(preview.stdout)).toEqual({ slot: 'banner', block: 0, content: 'Hallo Ann' });
  });

  it('publishes a due item and prints its feed', async () => {
    expect((await run('content', 'items', 'set', 'launch', join(dir, 'launch.json'))).code).toBe(0);
    const published = JSON.parse((await run('content', 'publish')).stdout);
    expect(published.publications.published).toEqual([
      { item: 'launch', publicationId: 'launch:2020-01-01T00:00:00.000Z', title: 'We launched' },
    ]);
    const feed = await run('content', 'feed', 'news', '--rss', '--base-url', 'https://shop.example');
    expect(feed.stdout).toContain('<link>https://shop.example/feeds/news.rss</link>');
    expect(feed.stdout).toContain('&lt;p&gt;Read all about it&lt;/p&gt;');
  });

  it('adds a social account, schedules a post and shows it in the calendar', async () => {
    const added = await run(
      'social',
      'accounts',
      'add',
      'bridge',
      '--webhook',
      'http://127.0.0.1:9/x',
      '--secret',
      's',
    );
    expect(added.code, added.stderr).toBe(0);
    await run('social', 'post', 'bridge', 'See you Friday', '--at', '2099-05-01T09:00:00Z');
    const calendar = await run('social', 'calendar', '--from', '2099-05-01', '--to', '2099-05-02');
    expect(calendar.stdout).toMatch(/2099-05-01T09:00:00.000Z\s+bridge\s+scheduled\s+See you Friday/);
  });

  it('explains wrong input and exits with the input error code', async () => {
    const both = await run(
      'social',
      'accounts',
      'add',
      'x',
      '--webhook',
      'http://a.example',
      '--mastodon',
      'http://b.example',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give exactly one of --mastodon');
    const missing = await run('content', 'slots', 'show', 'nope');
    expect(missing.code).toBe(4);
    writeFileSync(join(dir, 'broken.json'), '{ "blocks": [');
    const broken = await run('content', 'slots', 'set', 'hero', join(dir, 'broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json is not valid JSON');
    expect(broken.stderr).toContain('It should hold a content slot');
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { buildItemSimilarities } from '../../analytics/recommend/build-item-similarities.ts';
import { addSocialAccount } from '../../channels/social/social-account-store.ts';
import { listSocialCalendar } from '../../channels/social/social-post-store.ts';
import {
  startTestMastodonServer,
  type TestMastodonServer,
} from '../../channels/social/test-mastodon-server.ts';
import { verifyWebhookSignature } from '../../channels/webhook/sign-webhook.ts';
import { startTestHttpServer, type TestHttpServer } from '../../channels/webhook/test-http-server.ts';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { readFeed, readFeedEntries } from '../feeds/read-feed.ts';
import { runContentCycle } from '../run-content-cycle.ts';
import { getContentItem, saveContentItem } from './content-item-store.ts';
import { MAX_DELIVERY_ATTEMPTS } from './deliver-content-webhooks.ts';

const noWait = { sleep: async () => {} };

const bought = (userId: string, productId: string, name: string) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    properties: { product_id: productId, name, price: 12.5, amount: 12.5 },
  });

describeEachEngine('content publishing', (getStore) => {
  const clock = new ManualClock('2025-02-03T08:00:00Z');
  let receiver: TestHttpServer;
  let mastodon: TestMastodonServer;
  const cycle = () => runContentCycle(getStore(), { clock, webhookPolicy: noWait, refreshEngagement: true });

  beforeAll(async () => {
    const store = getStore();
    receiver = await startTestHttpServer();
    mastodon = await startTestMastodonServer();
    await store.transaction((tx) =>
      commitMessages(tx, [
        bought('a', 'mug', 'Mug & <Co>'),
        bought('b', 'mug', 'Mug & <Co>'),
        bought('c', 'mug', 'Mug & <Co>'),
        bought('a', 'tea', 'Green tea'),
        bought('b', 'tea', 'Green tea'),
        bought('d', 'spoon', 'Spoon'),
      ]),
    );
    await buildItemSimilarities(store);
    await addSocialAccount(
      store,
      { type: 'mastodon', name: 'shop', baseUrl: mastodon.http.url, token: mastodon.token },
      clock.now(),
    );
    await saveContentItem(
      store,
      {
        name: 'weekly-top',
        title: 'Top {{ topProducts.size }} this week',
        body: '<ol>{% for p in topProducts %}<li>{{ p.name }} ({{ p.buyers }} buyers)</li>{% endfor %}</ol>',
        data: { topProducts: { limit: 2 } },
        targets: [
          { type: 'feed', feed: 'news' },
          { type: 'webhook', url: `${receiver.url}/content`, secret: 'content-secret' },
          { type: 'social', account: 'shop' },
        ],
        schedule: { type: 'every', days: 7, start: '2025-02-03T09:00:00Z' },
      },
      clock.now(),
    );
  });
  afterAll(async () => {
    await receiver.close();
    await mastodon.http.close();
  });

  it('publishes nothing before the first run is due', async () => {
    const result = await cycle();
    expect(result.publications).toEqual({ published: [], errors: [] });
    expect(receiver.received).toHaveLength(0);
  });

  it('at the due time renders the item from the store and publishes it to the feed, the webhook and Mastodon', async () => {
    clock.set('2025-02-03T09:00:30Z');
    const result = await cycle();
    expect(result.publications.published).toEqual([
      { item: 'weekly-top', publicationId: 'weekly-top:2025-02-03T09:00:00.000Z', title: 'Top 2 this week' },
    ]);
    expect(result.webhooks).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(result.social).toEqual({ posted: 1, retrying: 0, failed: 0 });

    const [entry] = await readFeedEntries(getStore(), 'news');
    // HTML-escaped values in an HTML body.
    expect(entry?.body).toBe(
      '<ol><li>Mug &amp; &lt;Co&gt; (3 buyers)</li><li>Green tea (2 buyers)</li></ol>',
    );

    const [push] = receiver.received;
    expect(push?.url).toBe('/content');
    expect(
      verifyWebhookSignature({
        secret: 'content-secret',
        body: push?.body ?? '',
        signature: String(push?.headers['x-segmint-signature']),
        timestamp: String(push?.headers['x-segmint-timestamp']),
        now: clock.now(),
      }),
    ).toBe(true);
    expect(JSON.parse(push?.body ?? '')).toMatchObject({
      type: 'content.published',
      publication: {
        id: 'weekly-top:2025-02-03T09:00:00.000Z',
        item: 'weekly-top',
        title: 'Top 2 this week',
      },
    });

    expect(mastodon.statuses).toHaveLength(1);
    expect(mastodon.statuses[0]?.text).toBe(
      'Top 2 this week\n\n1. Mug & <Co> (3 buyers)\n2. Green tea (2 buyers)',
    );
    const [post] = await listSocialCalendar(getStore(), { from: new Date(0), to: new Date('2030-01-01') });
    expect(post).toMatchObject({
      account: 'shop',
      status: 'posted',
      remoteId: '100',
      contentItem: 'weekly-top',
    });
    expect(post?.remoteUrl).toBe(`${mastodon.http.url}/@shop/100`);
    expect((await getContentItem(getStore(), 'weekly-top')).nextRunAt).toEqual(
      new Date('2025-02-10T09:00:00Z'),
    );
  });

  it('does not publish the same run twice', async () => {
    const result = await cycle();
    expect(result.publications.published).toEqual([]);
    expect(receiver.received).toHaveLength(1);
    expect(mastodon.statuses).toHaveLength(1);
  });

  it('fetches engagement back and stores it on the post', async () => {
    const status = mastodon.statuses[0];
    if (!status) throw new Error('no status');
    Object.assign(status, { favourites: 4, reblogs: 2, replies: 1 });
    const result = await cycle();
    expect(result.engagement).toEqual({ updated: 1, errors: [] });
    const [post] = await listSocialCalendar(getStore(), { from: new Date(0), to: new Date('2030-01-01') });
    expect(post?.engagement).toEqual({ favourites: 4, reblogs: 2, replies: 1, fetchedAt: clock.now() });
  });

  it('serves the feed as Atom and RSS, newest first, after the next weekly run', async () => {
    clock.set(new Date(Date.parse('2025-02-10T09:00:00Z') + 1000));
    receiver.respond((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end());
    const result = await cycle();
    expect(result.publications.published.map((published) => published.publicationId)).toEqual([
      'weekly-top:2025-02-10T09:00:00.000Z',
    ]);
    const atom = await readFeed(getStore(), {
      feed: 'news',
      format: 'atom',
      selfUrl: 'http://x/feeds/news.atom',
      now: clock.now(),
    });
    const ids = [...atom.matchAll(/<published>([^<]+)<\/published>/g)].map((match) => match[1]);
    expect(ids).toEqual(['2025-02-10T09:00:01.000Z', '2025-02-03T09:00:30.000Z']);
    const rss = await readFeed(getStore(), {
      feed: 'news',
      format: 'rss',
      selfUrl: 'http://x/feeds/news.rss',
      now: clock.now(),
    });
    expect(rss).toContain('<title>Top 2 this week</title>');
    await expect(
      readFeed(getStore(), { feed: 'other', format: 'rss', selfUrl: 'http://x', now: clock.now() }),
    ).rejects.toThrow('No feed "other"');
  });

  it('serves the feeds over HTTP without credentials, with XML content types', async () => {
    const store = getStore();
    const app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'admin-key',
      clock,
    });
    try {
      const atom = await app.inject({ url: '/feeds/news.atom' });
      expect(atom.statusCode).toBe(200);
      expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(atom.body).toContain(
        '<link rel="self" type="application/atom+xml" href="http://localhost:80/feeds/news.atom"/>',
      );
      const rss = await app.inject({ url: '/feeds/news.rss' });
      expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      expect((await app.inject({ url: '/feeds/nothing.atom' })).statusCode).toBe(404);
      expect((await app.inject({ url: '/feeds/news.json' })).statusCode).toBe(400);
      // The management API shows items without their webhook secrets.
      const item = await app.inject({
        url: '/api/content/items/weekly-top',
        headers: { authorization: 'Bearer admin-key' },
      });
      expect(item.json().targets[1]).toEqual({
        type: 'webhook',
        url: `${receiver.url}/content`,
        secret: '(set)',
      });
      expect(item.body).not.toContain('content-secret');
    } finally {
      await app.close();
    }
  });

  it('keeps retrying a webhook that answers 503 on later cycles, then accepts once it recovers', async () => {
    // Retry-After (120 s) is longer than the in-cycle policy waits (10 s): one try, then the row waits 120 s.
    const pending = await getStore().query<{ attempts: number; status: string }>(
      "select attempts, status from content_deliveries where publication_id = 'weekly-top:2025-02-10T09:00:00.000Z'",
    );
    expect(pending).toEqual([{ attempts: 1, status: 'pending' }]);
    expect((await cycle()).webhooks).toEqual({ sent: 0, retrying: 0, failed: 0 });
    receiver.respond((_request, response) => response.writeHead(200).end());
    clock.advance(119_000);
    expect((await cycle()).webhooks).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(1_000);
    expect((await cycle()).webhooks).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const [delivered] = await getStore().query<{ attempts: number; status: string }>(
      "select attempts, status from content_deliveries where publication_id = 'weekly-top:2025-02-10T09:00:00.000Z'",
    );
    expect(delivered).toEqual({ attempts: 2, status: 'sent' });
  });

  it('marks a delivery failed for good after a 4xx, and after MAX_DELIVERY_ATTEMPTS temporary failures', async () => {
    await getStore().execute(
      `insert into content_deliveries (id, publication_id, url, secret, status, attempts, next_attempt_at)
       values ('d-400', 'weekly-top:2025-02-10T09:00:00.000Z', $1, null, 'pending', 0, $2),
              ('d-500', 'weekly-top:2025-02-10T09:00:00.000Z', $3, null, 'pending', $4, $2)`,
      [`${receiver.url}/gone`, clock.now(), `${receiver.url}/down`, MAX_DELIVERY_ATTEMPTS - 1],
    );
    receiver.respond((request, response) => response.writeHead(request.url === '/gone' ? 410 : 500).end());
    expect((await cycle()).webhooks).toEqual({ sent: 0, retrying: 0, failed: 2 });
    const rows = await getStore().query<{ id: string; status: string; last_error: string }>(
      "select id, status, last_error from content_deliveries where id in ('d-400', 'd-500') order by id",
    );
    expect(rows.map((row) => [row.id, row.status, row.last_error.split(' from ')[0]])).toEqual([
      ['d-400', 'failed', 'HTTP 410'],
      ['d-500', 'failed', 'HTTP 500'],
    ]);
  });

  it('refuses to save an item whose template uses an unknown filter, naming the part', async () => {
    const saving = saveContentItem(
      getStore(),
      {
        name: 'broken',
        title: '{{ item.name | no_such_filter }}',
        body: '',
        targets: [{ type: 'feed', feed: 'news' }],
        schedule: { type: 'once', at: '2025-01-01T00:00:00Z' },
      },
      clock.now(),
    );
    await expect(saving).rejects.toThrow('content item "broken" title');
    await expect(getContentItem(getStore(), 'broken')).rejects.toThrow('does not exist');
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../../api/server.ts';
import { ManualClock } from '../../clock.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { createSegment, refreshSegment } from '../../segments/saved/index.ts';
import { createSource } from '../../sources/sources.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';

const clock = new ManualClock('2025-02-01T00:00:00Z');
const admin = { authorization: 'Bearer admin-key' };

const homeSlot = {
  blocks: [
    {
      type: 'segment',
      segment: 'vip',
      content: '<b>Welcome back, {{ traits.name | default: "friend" }}!</b>',
    },
    { type: 'rule', rule: 'country = "DE"', content: 'Hallo {{ traits.name }}' },
  ],
  default: 'Hello {{ traits.name | default: "stranger" }}',
};

describeEachEngine('dynamic content slots', (getStore) => {
  let app: FastifyInstance;
  let basic: string;
  const content = async (query: string, headers: Record<string, string> = { authorization: basic }) =>
    app.inject({ url: `/v1/content/home?${query}`, headers });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        // The name has markup: it must arrive escaped inside the HTML block.
        normalized({ type: 'identify', userId: 'vip-1', traits: { name: 'Ada <3', plan: 'gold' } }),
        normalized({
          type: 'identify',
          userId: 'de-1',
          anonymousId: 'anon-de',
          traits: { name: 'Jonas', country: 'DE' },
        }),
        normalized({ type: 'identify', userId: 'fr-1', traits: { name: 'Zoé', country: 'FR' } }),
      ]),
    );
    await createSegment(store, { name: 'vip', text: 'plan = "gold"' });
    await refreshSegment(store, 'vip');
    basic = `Basic ${Buffer.from(`${(await createSource(store, 'web')).writeKey}:`).toString('base64')}`;
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'admin-key',
      clock,
    });
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/content/slots/home',
      headers: admin,
      payload: homeSlot,
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => app.close());

  it('shows a saved segment member the first block, rendered with their traits (HTML-escaped)', async () => {
    const response = await content('userId=vip-1');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.json()).toEqual({ slot: 'home', block: 0, content: '<b>Welcome back, Ada &lt;3!</b>' });
  });

  it('evaluates rule text for the profile when no earlier block matched, by user id or anonymous id', async () => {
    expect((await content('userId=de-1')).json()).toEqual({ slot: 'home', block: 1, content: 'Hallo Jonas' });
    expect((await content('anonymousId=anon-de')).json()).toMatchObject({ block: 1 });
  });

  it('falls back to the default for profiles no block matches and for visitors never seen', async () => {
    expect((await content('userId=fr-1')).json()).toEqual({
      slot: 'home',
      block: null,
      content: 'Hello Zoé',
    });
    expect((await content('userId=nobody')).json()).toEqual({
      slot: 'home',
      block: null,
      content: 'Hello stranger',
    });
  });

  it('needs a known write key (header or ?writeKey=) and a visitor id', async () => {
    expect((await content('userId=vip-1', {})).statusCode).toBe(401);
    const bad = `Basic ${Buffer.from('sk_wrong:').toString('base64')}`;
    expect((await content('userId=vip-1', { authorization: bad })).statusCode).toBe(401);
    const key = Buffer.from(basic.slice('Basic '.length), 'base64').toString('utf8').replace(/:$/, '');
    expect((await content(`userId=vip-1&writeKey=${encodeURIComponent(key)}`, {})).json()).toMatchObject({
      block: 0,
    });
    const missing = await content('');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('give userId or anonymousId');
  });

  it('answers 404 with what to do for a slot that does not exist', async () => {
    const response = await app.inject({
      url: '/v1/content/nope?userId=x',
      headers: { authorization: basic },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toContain('segmint content slots set');
  });

  it('serves a changed slot at once: saving through the API invalidates the cached definition', async () => {
    expect((await content('userId=vip-1')).json()).toMatchObject({ block: 0 });
    const changed = { ...homeSlot, blocks: [homeSlot.blocks[1]] };
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/content/slots/home',
      headers: admin,
      payload: changed,
    });
    expect(saved.json()).toMatchObject({ name: 'home', version: 2 });
    expect((await content('userId=vip-1')).json()).toMatchObject({ block: null, content: 'Hello Ada &lt;3' });
    await app.inject({ method: 'PUT', url: '/api/content/slots/home', headers: admin, payload: homeSlot });
  });

  it('refuses a slot naming an unknown segment, bad rule text or bad Liquid, saying where', async () => {
    const put = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/content/slots/broken', headers: admin, payload });
    const unknown = await put({
      blocks: [{ type: 'segment', segment: 'ghosts', content: 'x' }],
      default: '',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('segment "ghosts" does not exist');
    const badRule = await put({
      blocks: [{ type: 'rule', rule: 'country = and', content: 'x' }],
      default: '',
    });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().message).toContain('col');
    const badLiquid = await put({ blocks: [], default: '{{ traits.name | nosuchfilter }}' });
    expect(badLiquid.statusCode).toBe(400);
    expect(badLiquid.json().message).toContain('slot "broken" default');
    expect((await app.inject({ url: '/api/content/slots', headers: admin })).json()).toHaveLength(1);
  });

  it('previews a slot for a profile through the management API', async () => {
    const response = await app.inject({ url: '/api/content/slots/home/preview?userId=de-1', headers: admin });
    expect(response.json()).toEqual({ slot: 'home', block: 1, content: 'Hallo Jonas' });
  });
});

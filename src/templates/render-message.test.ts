import { beforeAll, expect, it } from 'vitest';
import { buildItemSimilarities } from '../analytics/recommend/index.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import { createSegment, refreshSegment } from '../segments/saved/index.ts';
import type { SqlExecutor, Store } from '../store/store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { renderDraft, renderMessage, renderMessages } from './render-message.ts';
import { buildTemplateContext } from './template-context.ts';
import { createTemplate, updateTemplate } from './template-store.ts';

const bought = (userId: string, productId: string, name: string, price: number, day: number) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    timestamp: new Date(Date.UTC(2025, 0, day, 12)).toISOString(),
    properties: { product_id: productId, name, category: 'tea', price, amount: price },
  });

// Buyers: A {ada, bo, cy}, B {ada, bo, cy, di}, C {bo, di}. Ada (a VIP) has bought A only: B is her best match.
const MESSAGES = [
  normalized({
    type: 'identify',
    userId: 'ada',
    traits: { firstName: 'Ada', email: 'ada@example.com', plan: 'gold' },
  }),
  normalized({ type: 'identify', userId: 'bo', traits: { email: 'bo@example.com' } }),
  bought('ada', 'A', 'Sencha', 12, 1),
  bought('bo', 'A', 'Sencha', 12, 1),
  bought('bo', 'B', 'Teapot', 35.5, 2),
  bought('bo', 'C', 'Matcha whisk', 18, 3),
  bought('cy', 'A', 'Sencha', 12, 1),
  bought('cy', 'B', 'Teapot', 35.5, 2),
  bought('di', 'B', 'Teapot', 35, 1),
  bought('di', 'C', 'Matcha whisk', 18, 2),
];

async function profileIdOf(store: Store, userId: string): Promise<string> {
  const [row] = await store.query<{ id: string }>('select id from profiles where user_id = $1', [userId]);
  if (!row) throw new Error(`no profile for ${userId}`);
  return row.id;
}

describeEachEngine('rendering templates for profiles', (getStore) => {
  let ada = '';
  let bo = '';

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) => commitMessages(tx, MESSAGES));
    ada = await profileIdOf(store, 'ada');
    bo = await profileIdOf(store, 'bo');
    await store.execute('update profiles set computed = $1 where id = $2', [
      JSON.stringify({ rfm: { segment: 'champions', r: 5 }, cluster: 2, clv: 321.5, churn_risk: 0.08 }),
      ada,
    ]);
    const vip = await createSegment(store, { name: 'vip', text: 'plan = "gold"' });
    await refreshSegment(store, vip.id);
    await buildItemSimilarities(store, { minCoBuyers: 1 });
  });

  it('builds a context with traits under both cases, computed traits, segments and recommendations', async () => {
    const context = await buildTemplateContext(getStore(), ada, { coupon: 'X1' });
    expect(context.profile).toMatchObject({
      id: ada,
      user_id: 'ada',
      email: 'ada@example.com',
      firstName: 'Ada',
      first_name: 'Ada',
    });
    expect(context.computed).toEqual({
      rfm: { segment: 'champions', r: 5 },
      cluster: 2,
      clv: 321.5,
      churn_risk: 0.08,
    });
    expect(context.segments).toEqual(['vip']);
    expect(context.recommendations[0]).toMatchObject({
      id: 'B',
      name: 'Teapot',
      category: 'tea',
      reason: 'similar',
    });
    expect(context.recommendations.map((item) => item.id)).not.toContain('A');
    expect(context.message).toEqual({ coupon: 'X1' });
  });

  it('finds the profile by email as well as by id, and names what it could not find', async () => {
    expect((await buildTemplateContext(getStore(), 'ada@example.com')).profile.id).toBe(ada);
    await expect(buildTemplateContext(getStore(), 'nobody@example.com')).rejects.toThrow(
      /No profile with id, user id, anonymous id or email 'nobody@example.com'/,
    );
  });

  it('renders a saved template with traits, computed traits, segments and recommendations', async () => {
    const store = getStore();
    const saved = await createTemplate(store, {
      name: 'cross-sell',
      channel: 'email',
      subject: '{{ profile.first_name | default: "Hello" }}, picked for you',
      format: 'html',
      body:
        '<p>{% segment "vip" %}Dear VIP{% else %}Hi{% endsegment %} {{ profile.first_name | default: "there" }} ({{ computed.rfm.segment }}, churn {{ computed.churn_risk }})</p>' +
        '<ul>{% for p in recommendations limit: 1 %}<li>{{ p.name }}: {{ p.price }}</li>{% endfor %}</ul>{{ message.coupon }}',
    });
    const forAda = await renderMessage(store, {
      templateName: 'cross-sell',
      profileId: ada,
      data: { coupon: 'TEA10' },
    });
    expect(forAda).toMatchObject({
      templateId: saved.id,
      templateName: 'cross-sell',
      version: 1,
      channel: 'email',
      subject: 'Ada, picked for you',
      html: '<p>Dear VIP Ada (champions, churn 0.08)</p><ul><li>Teapot: 35.5</li></ul>TEA10',
    });
    expect(forAda.text).toContain('Dear VIP Ada');

    // Bo has no name, no computed traits, no segment and owns everything but nothing new: safe defaults.
    const forBo = await renderMessage(store, { templateId: saved.id, profileId: bo });
    expect(forBo.subject).toBe('Hello, picked for you');
    expect(forBo.html).toBe('<p>Hi there (, churn )</p><ul></ul>');
  });

  it('keeps old versions renderable after an edit', async () => {
    const store = getStore();
    await createTemplate(store, {
      name: 'versions',
      channel: 'social',
      format: 'text',
      body: 'v1 {{ profile.user_id }}',
    });
    await updateTemplate(store, 'versions', { body: 'v2 {{ profile.user_id }}' });
    expect((await renderMessage(store, { templateName: 'versions', profileId: ada })).text).toBe('v2 ada');
    const pinned = await renderMessage(store, { templateName: 'versions', version: 1, profileId: ada });
    expect([pinned.version, pinned.text]).toEqual([1, 'v1 ada']);
    await expect(
      renderMessage(store, { templateName: 'versions', version: 3, profileId: ada }),
    ).rejects.toThrow(/has no version 3: its versions are 1 to 2/);
  });

  it('renders an unsaved MJML draft for a profile', async () => {
    const parts = await renderDraft(getStore(), {
      format: 'mjml',
      subject: 'Hi {{ profile.first_name }}',
      body: '<mjml><mj-body><mj-section><mj-column><mj-text>Welcome {{ profile.first_name }}</mj-text></mj-column></mj-section></mj-body></mjml>',
      profileId: 'ada@example.com',
    });
    expect(parts.subject).toBe('Hi Ada');
    expect(parts.html).toContain('Welcome Ada');
    expect(parts.text).toBe('Welcome Ada');
  });

  it('names the template, version, line and variable when rendering fails', async () => {
    const store = getStore();
    await createTemplate(store, {
      name: 'strict',
      channel: 'email',
      subject: 'Hi',
      format: 'html',
      body: '<p>\n  Hi {{ profile.last_name | required }}</p>',
    });
    await expect(renderMessage(store, { templateName: 'strict', profileId: ada })).rejects.toThrow(
      'template "strict" version 1, body, line 2, column 6: required value is missing in {{ profile.last_name | required }} (variable profile.last_name)',
    );
  });

  it('renders one version for many profiles at once, each with its own data and errors', async () => {
    const store = getStore();
    await createTemplate(store, {
      name: 'batch',
      channel: 'email',
      subject: 'For {{ profile.user_id }}',
      format: 'text',
      body: '{{ message.code | required }}:{% for p in recommendations limit: 1 %}{{ p.name }}{% endfor %}:{{ segments | join: "," }}',
    });
    const results = await renderMessages(store, {
      templateName: 'batch',
      profiles: [{ profileId: ada, data: { code: 'A1' } }, { profileId: 'ghost' }, { profileId: bo }],
    });
    expect(results.map((result) => (result.ok ? result.message.text : result.error.message))).toEqual([
      'A1:Teapot:vip',
      "No profile with id 'ghost'.",
      expect.stringContaining('line 1, column 1: required value is missing in {{ message.code | required }}'),
    ]);
    const single = await renderMessage(store, {
      templateName: 'batch',
      profileId: ada,
      data: { code: 'A1' },
    });
    expect(results[0]).toEqual({ profileId: ada, ok: true, message: single });
  });

  it('reads recommendations only for templates that use them', async () => {
    const store = getStore();
    const statements: string[] = [];
    const recording: SqlExecutor = {
      dialect: store.dialect,
      query: (sql, params) => (statements.push(sql), store.query(sql, params)),
      execute: (sql, params) => (statements.push(sql), store.execute(sql, params)),
      insertRows: (...args) => store.insertRows(...args),
    };
    const readsRecommendations = () => statements.some((sql) => sql.includes('item_similarities'));
    await renderMessage(recording, { templateName: 'versions', profileId: ada });
    expect(readsRecommendations()).toBe(false);
    await renderMessage(recording, { templateName: 'cross-sell', profileId: ada });
    expect(readsRecommendations()).toBe(true);
  });
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { buildServer } from '../server.ts';

const WELCOME_MJML =
  '<mjml><mj-body><mj-section><mj-column>\n<mj-text>Hello {{ profile.first_name | default: "there" }}</mj-text>\n</mj-column></mj-section></mj-body></mjml>';

describeEachEngine('templates API', (getStore) => {
  let app: FastifyInstance;
  const headers = { authorization: 'Bearer k' };
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({
          type: 'identify',
          userId: 'ada',
          traits: { first_name: 'Ada', email: 'ada@example.com' },
        }),
      ]),
    );
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'k' });
  });
  afterAll(async () => app.close());

  it('needs the admin key', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/templates' })).statusCode).toBe(401);
  });

  it('creates, edits, reads versions, previews for a profile and archives', async () => {
    const created = await call('POST', '/api/templates', {
      name: 'welcome',
      channel: 'email',
      subject: 'Hi {{ profile.first_name }}',
      format: 'mjml',
      body: WELCOME_MJML,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'welcome', currentVersion: 1, content: { format: 'mjml' } });

    const edited = await call('PUT', '/api/templates/welcome', {
      subject: 'Welcome {{ profile.first_name }}',
    });
    expect(edited.json()).toMatchObject({ currentVersion: 2, content: { version: 2, body: WELCOME_MJML } });
    expect((await call('GET', '/api/templates/welcome?version=1')).json().content.subject).toBe(
      'Hi {{ profile.first_name }}',
    );
    expect((await call('GET', '/api/templates')).json().map((t: { name: string }) => t.name)).toEqual([
      'welcome',
    ]);

    const preview = await call('POST', '/api/templates/welcome/preview', { profileId: 'ada@example.com' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ version: 2, subject: 'Welcome Ada', text: 'Hello Ada' });
    expect(preview.json().html).toContain('Hello Ada');
    const old = await call('POST', '/api/templates/welcome/preview', {
      profileId: 'ada@example.com',
      version: 1,
    });
    expect(old.json().subject).toBe('Hi Ada');

    const archived = await call('DELETE', '/api/templates/welcome');
    expect(archived.json().archivedAt).not.toBeNull();
    expect((await call('GET', '/api/templates')).json()).toEqual([]);
    expect((await call('GET', '/api/templates?archived=true')).json()).toHaveLength(1);
  });

  it('previews an unsaved draft for the editor', async () => {
    const draft = await call('POST', '/api/templates/preview', {
      format: 'html',
      subject: '{{ profile.first_name }} & co',
      body: '<p>{% segment "vip" %}VIP{% else %}Hi{% endsegment %} {{ profile.first_name }}</p>',
      profileId: 'ada@example.com',
    });
    expect(draft.json()).toEqual({ subject: 'Ada & co', html: '<p>Hi Ada</p>', text: 'Hi Ada' });
  });

  it('answers errors with the status of their code and the line at fault', async () => {
    const broken = await call('POST', '/api/templates/preview', {
      format: 'html',
      subject: 'x',
      body: '<p>\n{% for p in recommendations %}',
      profileId: 'ada@example.com',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'invalid_input', details: [{ path: 'body:2:1' }] });
    expect(broken.json().message).toMatch(/^draft, body, line 2, column 1: .*not closed/);

    const badMjml = await call('POST', '/api/templates', {
      name: 'bad',
      channel: 'email',
      subject: 'x',
      format: 'mjml',
      body: '<mjml><mj-body>\n<mj-text>loose</mj-text></mj-body></mjml>',
    });
    expect(badMjml.statusCode).toBe(400);
    expect(badMjml.json().details[0].path).toBe('body:2');

    expect((await call('GET', '/api/templates/nope')).statusCode).toBe(404);
    expect((await call('POST', '/api/templates/welcome/preview', { profileId: 'nobody' })).statusCode).toBe(
      404,
    );
    expect((await call('POST', '/api/templates', { name: 'x' })).statusCode).toBe(400);
  });
});

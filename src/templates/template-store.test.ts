import { expect, it } from 'vitest';
import { SegmintError } from '../errors.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  listTemplateVersions,
  updateTemplate,
} from './template-store.ts';

async function failureOf(promise: Promise<unknown>): Promise<SegmintError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SegmintError)) throw new Error(`expected a SegmintError, got ${String(error)}`);
  return error;
}

const welcome = {
  name: 'welcome',
  channel: 'email' as const,
  subject: 'Welcome {{ profile.first_name }}',
  format: 'html' as const,
  body: '<p>Hi {{ profile.first_name | default: "there" }}</p>',
};

describeEachEngine('template store', (getStore) => {
  it('saves a template as version 1 and reads it back by name or id', async () => {
    const created = await createTemplate(getStore(), welcome, { now: new Date('2026-01-01T00:00:00Z') });
    expect(created).toMatchObject({ name: 'welcome', channel: 'email', currentVersion: 1, archivedAt: null });
    expect(created.id).toMatch(/^tpl_/);
    expect(created.content).toMatchObject({
      version: 1,
      subject: welcome.subject,
      body: welcome.body,
      textBody: null,
    });
    expect((await getTemplate(getStore(), created.id)).name).toBe('welcome');
  });

  it('appends a version on each edit, carrying over the parts not given, and keeps the old ones', async () => {
    const updated = await updateTemplate(getStore(), 'welcome', { textBody: 'Hi {{ profile.first_name }}' });
    expect(updated.currentVersion).toBe(2);
    expect(updated.content).toMatchObject({ version: 2, subject: welcome.subject, body: welcome.body });
    expect(updated.content.textBody).toBe('Hi {{ profile.first_name }}');
    const cleared = await updateTemplate(getStore(), 'welcome', { textBody: null, body: '<p>v3</p>' });
    expect(cleared.content).toMatchObject({ version: 3, body: '<p>v3</p>', textBody: null });
    expect((await getTemplate(getStore(), 'welcome', 1)).content.body).toBe(welcome.body);
    expect((await listTemplateVersions(getStore(), 'welcome')).map((version) => version.version)).toEqual([
      3, 2, 1,
    ]);
  });

  it('refuses a taken name, a broken template and a missing one with what to do', async () => {
    const taken = await failureOf(createTemplate(getStore(), welcome));
    expect(taken.code).toBe('conflict');
    expect(taken.message).toContain('segmint templates update "welcome"');

    const broken = await failureOf(
      createTemplate(getStore(), { ...welcome, name: 'broken', body: '<p>\n{{ x | nope }}' }),
    );
    expect(broken.code).toBe('invalid_input');
    expect(broken.message).toContain('template "broken", body, line 2, column 1: undefined filter: nope');
    expect((await listTemplates(getStore())).map((template) => template.name)).not.toContain('broken');

    const badEdit = await failureOf(updateTemplate(getStore(), 'welcome', { format: 'mjml' }));
    expect(badEdit.message).toContain('MJML');
    expect((await getTemplate(getStore(), 'welcome')).currentVersion).toBe(3);

    const missing = await failureOf(getTemplate(getStore(), 'nope'));
    expect([missing.code, missing.message]).toEqual([
      'not_found',
      'Template "nope" does not exist. List the templates with `segmint templates list`.',
    ]);
    const badName = await failureOf(createTemplate(getStore(), { ...welcome, name: ' ' }));
    expect(badName.details[0]?.path).toBe('template.name');
  });

  it('archives: hidden from the list, no more edits, still readable', async () => {
    await createTemplate(getStore(), {
      name: 'old-promo',
      channel: 'webhook',
      format: 'json',
      body: '{"a": 1}',
    });
    const archived = await archiveTemplate(getStore(), 'old-promo', {
      now: new Date('2026-02-01T00:00:00Z'),
    });
    expect(archived.archivedAt).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect((await listTemplates(getStore())).map((template) => template.name)).toEqual(['welcome']);
    expect(
      (await listTemplates(getStore(), { includeArchived: true })).map((template) => template.name),
    ).toEqual(['old-promo', 'welcome']);
    expect((await failureOf(updateTemplate(getStore(), 'old-promo', { body: '{}' }))).code).toBe('conflict');
    expect((await getTemplate(getStore(), 'old-promo')).content.body).toBe('{"a": 1}');
  });
});

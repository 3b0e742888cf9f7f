import { describe, expect, it } from 'vitest';
import { SegmintError } from '../errors.ts';
import type { TemplateContent } from '../schema/template.ts';
import { checkTemplateContent } from './check-template-content.ts';
import { renderTemplate, renderTemplateParts } from './render-template.ts';

const context = {
  profile: { id: 'p1', first_name: 'Ada', email: 'ada@example.com' },
  computed: { rfm: { segment: 'champions' }, clv: 412.5 },
  segments: ['newsletter', 'vip'],
  recommendations: [
    { id: 'A', name: 'Tea', price: 4.5 },
    { id: 'B', name: 'Mug', price: 9 },
    { id: 'C', name: 'Pot', price: 30 },
    { id: 'D', name: 'Cup', price: 3 },
  ],
  message: { coupon: 'WELCOME10' },
};

async function failureOf(promise: Promise<unknown>): Promise<SegmintError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof SegmintError)) throw new Error(`expected a SegmintError, got ${String(error)}`);
  return error;
}

describe('renderTemplate', () => {
  it('fills in traits, computed traits and extra message data', async () => {
    const output = await renderTemplate(
      'Hi {{ profile.first_name }}, you are a {{ computed.rfm.segment }} worth {{ computed.clv }}; code {{ message.coupon }}',
      context,
    );
    expect(output).toBe('Hi Ada, you are a champions worth 412.5; code WELCOME10');
  });

  it('renders missing values as empty, and a default when one is given', async () => {
    expect(await renderTemplate('[{{ profile.last_name }}][{{ nothing.at.all }}]', context)).toBe('[][]');
    expect(await renderTemplate('Hi {{ profile.nickname | default: "friend" }}', context)).toBe('Hi friend');
  });

  it('shows dynamic content by segment with `contains` and with the segment block tag', async () => {
    const source =
      '{% if segments contains "vip" %}VIP{% else %}regular{% endif %}|' +
      '{% segment "vip" %}gold{% else %}silver{% endsegment %}|' +
      '{% segment "churned" %}come back{% else %}welcome{% endsegment %}|' +
      '{% segment "newsletter" %}subscribed{% endsegment %}';
    expect(await renderTemplate(source, context)).toBe('VIP|gold|welcome|subscribed');
    expect(await renderTemplate(source, { ...context, segments: [] })).toBe('regular|silver|welcome|');
  });

  it('loops over recommendations with a limit', async () => {
    const output = await renderTemplate(
      '{% for p in recommendations limit: 3 %}{{ p.name }} {{ p.price }};{% endfor %}',
      context,
    );
    expect(output).toBe('Tea 4.5;Mug 9;Pot 30;');
  });

  it('escapes output in HTML unless `raw` is asked for, and leaves plain text alone', async () => {
    const hostile = { profile: { first_name: '<script>x</script> & co' } };
    expect(await renderTemplate('<p>{{ profile.first_name }}</p>', hostile)).toBe(
      '<p>&lt;script&gt;x&lt;/script&gt; &amp; co</p>',
    );
    expect(await renderTemplate('{{ profile.first_name | raw }}', hostile)).toBe('<script>x</script> & co');
    expect(await renderTemplate('{{ profile.first_name }}', hostile, { escaping: 'none' })).toBe(
      '<script>x</script> & co',
    );
  });

  it('names the line, column and variable when a required value is missing', async () => {
    const error = await failureOf(
      renderTemplate('Hello\n\n  {{ profile.last_name | required }}', context, {
        template: 'template "welcome" version 2',
      }),
    );
    expect(error.message).toContain('template "welcome" version 2, body, line 3, column 3');
    expect(error.message).toContain('variable profile.last_name');
    expect(error.details).toEqual([
      { path: 'body:3:3', message: 'required value is missing (variable profile.last_name)' },
    ]);
  });

  it('refuses an unknown filter with its name and line', async () => {
    const error = await failureOf(renderTemplate('ok\n{{ profile.first_name | shout }}', context));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/line 2, column 1: undefined filter: shout/);
  });

  it('does not read files through include', async () => {
    const error = await failureOf(renderTemplate('{% include "package.json" %}', context));
    expect(error.message).toContain('line 1, column 1: ENOENT: Failed to lookup "package.json"');
  });
});

describe('renderTemplateParts', () => {
  const mjml: TemplateContent = {
    format: 'mjml',
    subject: 'Welcome, {{ profile.first_name }} & friends',
    body: `<mjml><mj-body><mj-section><mj-column>
  <mj-text><h1>Hello {{ profile.first_name }}</h1>{% segment "vip" %}<p>Your VIP gift awaits.</p>{% endsegment %}</mj-text>
  <mj-button href="https://shop.example/start?u={{ profile.id }}">Start shopping</mj-button>
</mj-column></mj-section></mj-body></mjml>`,
  };

  it('compiles MJML to responsive HTML with the content and derives a text part', async () => {
    const parts = await renderTemplateParts(mjml, context, 'template "welcome" version 1');
    expect(parts.subject).toBe('Welcome, Ada & friends');
    expect(parts.html).toContain('<!doctype html>');
    expect(parts.html).toContain('@media only screen');
    expect(parts.html).toContain('Hello Ada');
    expect(parts.html).toContain('Your VIP gift awaits.');
    expect(parts.text).toContain('Hello Ada');
    expect(parts.text).toContain('Start shopping [https://shop.example/start?u=p1]');
    expect(parts.text).not.toContain('<');
  });

  it('uses the explicit text body when there is one', async () => {
    const parts = await renderTemplateParts(
      { ...mjml, textBody: 'Hi {{ profile.first_name }} & co' },
      context,
      'welcome',
    );
    expect(parts.text).toBe('Hi Ada & co');
  });

  it('renders JSON bodies and refuses output that is not JSON', async () => {
    const ok = await renderTemplateParts(
      {
        format: 'json',
        body: '{"name": {{ profile.first_name | json }}, "vip": {{ segments contains "vip" }}}',
      },
      context,
      'hook',
    );
    expect(ok.body).toEqual({ name: 'Ada', vip: true });
    const error = await failureOf(
      renderTemplateParts({ format: 'json', body: '{"name": {{ profile.first_name }}}' }, context, 'hook'),
    );
    expect(error.message).toContain('not valid JSON');
  });
});

describe('checkTemplateContent', () => {
  it('refuses invalid MJML at save time with the line of the fault', async () => {
    const error = await failureOf(
      checkTemplateContent(
        'email',
        {
          format: 'mjml',
          subject: 'Hi',
          body: '<mjml><mj-body><mj-section><mj-column>\n{% if x %}\n<mj-bogus>hi</mj-bogus>{% endif %}\n</mj-column></mj-section></mj-body></mjml>',
        },
        'template "welcome"',
      ),
    );
    expect(error.details).toEqual([
      { path: 'body:3', message: "Element mj-bogus doesn't exist or is not registered" },
    ]);
  });

  it('accepts Liquid in MJML attribute values but still checks literal ones', async () => {
    const body = (color: string) =>
      `<mjml><mj-body>\n<mj-section background-color="${color}"><mj-column>\n<mj-image src="{{ p.image }}" width="{{ w }}px"/>\n</mj-column></mj-section></mj-body></mjml>`;
    const content = (color: string): TemplateContent => ({
      format: 'mjml',
      subject: 'Hi',
      body: body(color),
    });
    await expect(checkTemplateContent('email', content('{{ message.color }}'), 't')).resolves.toBeUndefined();
    const error = await failureOf(checkTemplateContent('email', content('not-a-colour'), 't'));
    expect(error.details).toEqual([
      { path: 'body:2', message: expect.stringContaining('Attribute background-color has invalid value') },
    ]);
  });

  it('refuses Liquid syntax errors with the part and line', async () => {
    const error = await failureOf(
      checkTemplateContent('email', { format: 'html', subject: 'Hi {{ x', body: '<p>ok</p>' }, 'draft'),
    );
    expect(error.message).toMatch(/^draft, subject, line 1/);
    const unclosed = await failureOf(
      checkTemplateContent(
        'email',
        { format: 'html', subject: 'Hi', body: '<p>\n{% segment "vip" %}gold</p>' },
        'draft',
      ),
    );
    expect(unclosed.message).toMatch(/draft, body, line 2, column 1: .*not closed/);
  });

  it('asks for a subject on email and refuses one elsewhere', async () => {
    await expect(checkTemplateContent('email', { format: 'html', body: 'x' }, 'd')).rejects.toThrow(
      /needs a subject/,
    );
    await expect(
      checkTemplateContent('webhook', { format: 'json', subject: 'x', body: '{}' }, 'd'),
    ).rejects.toThrow(/only email templates have a subject/);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildItemSimilarities } from '../../analytics/recommend/index.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { createSegment, refreshSegment } from '../../segments/saved/index.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples/templates');

const bought = (userId: string, productId: string, name: string) =>
  normalized({
    type: 'track',
    userId,
    event: 'purchase',
    properties: { product_id: productId, name, category: 'tea', price: 12.5, amount: 12.5 },
  });

describe('segmint templates', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-templates-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized({
            type: 'identify',
            userId: 'ada',
            traits: { first_name: 'Ada', email: 'ada@example.com', plan: 'gold' },
          }),
          normalized({ type: 'identify', userId: 'bo', traits: { email: 'bo@example.com' } }),
          bought('ada', 'A', 'Sencha'),
          bought('bo', 'A', 'Sencha'),
          bought('bo', 'B', 'Cast-iron teapot'),
        ]),
      );
      await refreshSegment(store, (await createSegment(store, { name: 'vip', text: 'plan = "gold"' })).id);
      await buildItemSimilarities(store, { minCoBuyers: 1 });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the example templates and previews them for a profile', async () => {
    const welcome = await run(
      'templates',
      'create',
      'welcome',
      '--channel',
      'email',
      '--subject',
      'Welcome, {{ profile.first_name | default: "friend" }}',
      '--file',
      join(EXAMPLES, 'welcome.mjml'),
    );
    expect(welcome.stderr).toBe('');
    expect(welcome.stdout).toMatch(/^Saved template "welcome" \(tpl_.+\), version 1, mjml\.\n$/);
    const crossSell = await run(
      'templates',
      'create',
      'cross-sell',
      '--channel',
      'email',
      '--subject',
      'Picked for you',
      '--file',
      join(EXAMPLES, 'cross-sell.html'),
    );
    expect(crossSell.code).toBe(0);

    const forAda = await run('templates', 'preview', 'welcome', '--profile', 'ada@example.com');
    expect(forAda.stdout).toMatch(/^Subject: Welcome, Ada\n\n/);
    expect(forAda.stdout).toContain('Welcome, Ada!');
    expect(forAda.stdout).toContain('As one of our VIP customers');
    const forBo = await run(
      'templates',
      'preview',
      'welcome',
      '--profile',
      'bo@example.com',
      '--data',
      '{"coupon":"TEA10"}',
      '--json',
    );
    const rendered: unknown = JSON.parse(forBo.stdout);
    expect(rendered).toMatchObject({
      templateName: 'welcome',
      version: 1,
      channel: 'email',
      subject: 'Welcome, friend',
    });
    expect(JSON.stringify(rendered)).toContain('<strong>TEA10</strong>');

    const recommended = await run('templates', 'preview', 'cross-sell', '--profile', 'ada@example.com');
    expect(recommended.stdout).toContain('Cast-iron teapot [https://shop.example.com/products/B]');
  });

  it('edits into a new version, lists, shows any version and archives', async () => {
    const file = join(dir, 'note.liquid');
    writeFileSync(file, 'Hi {{ profile.first_name }}');
    expect((await run('templates', 'create', 'note', '--channel', 'social', '--file', file)).code).toBe(0);
    writeFileSync(file, 'Hello {{ profile.first_name }}');
    expect((await run('templates', 'update', 'note', '--file', file)).stdout).toBe(
      'Saved template "note" version 2.\n',
    );
    expect(
      (await run('templates', 'preview', 'note', '--profile', 'ada@example.com', '--version', '1')).stdout,
    ).toBe('Hi Ada\n');
    expect((await run('templates', 'show', 'note', '--version', '1')).stdout).toContain('version  1 of 2');
    const shown: unknown = JSON.parse((await run('templates', 'show', 'note', '--json')).stdout);
    expect(shown).toMatchObject({
      currentVersion: 2,
      content: { version: 2, format: 'text', body: 'Hello {{ profile.first_name }}' },
    });

    expect((await run('templates', 'archive', 'note')).stdout).toBe('Archived template "note".\n');
    const names = (JSON.parse((await run('templates', 'list', '--json')).stdout) as { name: string }[]).map(
      (t) => t.name,
    );
    expect(names).toEqual(['cross-sell', 'welcome']);
    expect((await run('templates', 'list', '--all')).stdout).toMatch(/note\s+social\s+2\s+\S+\s+yes/);
  });

  it('reports errors with the line and exits with the code of the error', async () => {
    const file = join(dir, 'broken.html');
    writeFileSync(file, '<p>\n{{ profile.first_name | shout }}</p>');
    const broken = await run(
      'templates',
      'create',
      'broken',
      '--channel',
      'email',
      '--subject',
      'x',
      '--file',
      file,
    );
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('template "broken", body, line 2, column 1: undefined filter: shout');
    const missing = await run('templates', 'preview', 'welcome', '--profile', 'nobody');
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain("No profile with id, user id, anonymous id or email 'nobody'");
  });
});

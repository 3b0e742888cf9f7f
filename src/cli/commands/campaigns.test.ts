import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTemplate } from '../../campaigns/testing/campaign-fixtures.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { createSegment } from '../../segments/saved/segment-store.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint campaigns and segmint scoring', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);
  const json = async (...args: string[]): Promise<unknown> => {
    const result = await run(...args, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-campaigns-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await store.transaction((tx) =>
        commitMessages(tx, [
          ...['ann', 'bob', 'cat', 'dan'].map((userId) =>
            normalized({ type: 'identify', userId, traits: { plan: 'gold', timezone: 'Europe/Berlin' } }),
          ),
          normalized({
            type: 'track',
            userId: 'ann',
            event: 'Demo Requested',
            timestamp: '2025-03-01T00:00:00Z',
          }),
        ]),
      );
      await createSegment(store, { name: 'gold', text: 'plan = "gold"', realtime: false });
      await addTemplate(store, 'newsletter');
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates from options, schedules, fires with `process` and shows the recipients', async () => {
    const created = await run(
      'campaigns',
      'create',
      '--name',
      'march',
      '--template',
      'newsletter',
      '--segment',
      'gold',
      '--local-time',
      '2025-03-10T09:00',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Saved campaign "march"');
    expect((await run('campaigns', 'schedule', 'march')).stdout).toContain('fires 2025-03-09T19:00:00.000Z');

    expect((await run('campaigns', 'process', '--as-of', '2025-03-09T18:00:00Z')).stdout).toBe(
      'No campaign is due.\n',
    );
    expect((await run('campaigns', 'process', '--as-of', '2025-03-09T19:00:00Z')).stdout).toBe(
      'Campaign "march": 4 messages enqueued; now sent.\n',
    );
    const report = await json('campaigns', 'show', 'march');
    expect(report).toMatchObject({ recipients: 4, byStatus: { queued: 4 }, campaign: { status: 'sent' } });
    const text = await run('campaigns', 'show', 'march');
    expect(text.stdout).toContain("2025-03-10T09:00 in each profile's time zone (fallback UTC)");
    expect(text.stdout).toMatch(/recipients +4/);
  });

  it('creates an A/B campaign from YAML, sends the sample, lists and cancels it', async () => {
    const file = join(dir, 'spring.yaml');
    writeFileSync(
      file,
      [
        'name: spring',
        'template: newsletter',
        'segment: gold',
        'abTest:',
        '  samplePercent: 100',
        '  metric: click_rate',
        '  decideAfterHours: 2',
        '  variants:',
        '    - { name: A, subject: "Spring is here" }',
        '    - { name: B, subject: "20% off" }',
      ].join('\n'),
    );
    expect((await run('campaigns', 'create', file)).code).toBe(0);
    expect(await json('campaigns', 'send', 'spring')).toEqual({
      campaign: 'spring',
      status: 'sending',
      steps: ['enqueue_sample'],
      enqueued: 4,
    });
    const shown = await run('campaigns', 'show', 'spring');
    expect(shown.stdout).toContain('A/B test    A / B, 100% sample, winner by click_rate after 2 h');
    expect(shown.stdout).toContain('decides at');
    const list = await json('campaigns', 'list');
    expect(list).toMatchObject([
      { name: 'march', status: 'sent' },
      { name: 'spring', status: 'sending' },
    ]);
    expect((await run('campaigns', 'cancel', 'spring')).stdout).toBe(
      'Cancelled campaign "spring"; 4 queued messages skipped.\n',
    );
    const again = await run('campaigns', 'send', 'spring');
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('is already cancelled');
  });

  it('explains bad input with the field and exit code 2', async () => {
    const missing = await run('campaigns', 'create', '--template', 'newsletter', '--segment', 'gold');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('campaign.name');
    const badTime = await run(
      'campaigns',
      'create',
      '--name',
      'x',
      '--template',
      'newsletter',
      '--segment',
      'gold',
      '--local-time',
      '9am',
    );
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('schedule.localTime');
    expect((await run('campaigns', 'show', 'nope')).code).toBe(4);
  });

  it('sets lead-scoring rules from a file, recomputes as of a date and shows the top scores', async () => {
    expect((await run('scoring', 'show')).stderr).toContain('No lead-scoring rules are set');
    const file = join(dir, 'scoring.json');
    writeFileSync(
      file,
      JSON.stringify({ rules: [{ event: 'Demo Requested', points: 20 }], halfLifeDays: 10 }),
    );
    expect((await run('scoring', 'set', file)).stdout).toContain(
      'Saved lead-scoring rules version 1 (1 rules)',
    );
    expect(await json('scoring', 'recompute', '--as-of', '2025-03-11T00:00:00Z')).toEqual({
      recomputed: true,
      changedProfiles: 4,
      segmentTransitions: 0,
    });
    const shown = (await json('scoring', 'show', '--top', '2')) as {
      top: { userId: string; score: number }[];
    };
    // One demo request ten days old at a ten-day half-life: 20 · ½.
    expect(shown.top).toEqual([
      expect.objectContaining({ userId: 'ann', score: 10 }),
      expect.objectContaining({ score: 0 }),
    ]);
  });
});

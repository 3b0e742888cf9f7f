/**
 * `segmint journeys …` on a DuckDB file, with the shipped example journeys: each one validates and saves, a second
 * save makes version 2, `run` executes the welcome series for a new sign-up, `show` reports node counts.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { createTestTemplate } from '../../journeys/testing/journey-world.ts';
import { createSegment } from '../../segments/saved/segment-store.ts';
import { openStore } from '../../store/open-store.ts';
import { normalized } from '../../test-support/messages.ts';
import { segmint } from '../../test-support/run-cli.ts';

const EXAMPLES = join(import.meta.dirname, '../../../examples/journeys');

describe('segmint journeys', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-journeys-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      for (const name of ['welcome', 'abandoned-cart', 'win-back', 'cross-sell', 'birthday'])
        await createTestTemplate(store, name);
      await createSegment(store, { name: 'at-risk', text: 'rfm.segment = "At risk"' });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const examples = readdirSync(EXAMPLES).filter((file) => file.endsWith('.yaml'));

  it('ships the five example journeys', () => {
    expect(examples.sort()).toEqual([
      'abandoned-cart.yaml',
      'birthday.yaml',
      'post-purchase-cross-sell.yaml',
      'welcome-series.yaml',
      'win-back.yaml',
    ]);
  });

  for (const file of examples) {
    it(`validates and saves examples/journeys/${file}`, async () => {
      const validated = await run('journeys', 'validate', join(EXAMPLES, file));
      expect(validated.stderr).toBe('');
      expect(validated.code).toBe(0);
      const created = await run('journeys', 'create', join(EXAMPLES, file));
      expect(created.stdout).toMatch(/^Created journey ".+" \(jrn_.+\), version 1, active\./);
    });
  }

  it('saves a new version under the same name, and lists the journeys', async () => {
    const again = await run('journeys', 'create', join(EXAMPLES, 'birthday.yaml'), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: false, version: 2 });
    const list = JSON.parse((await run('journeys', 'list', '--json')).stdout);
    expect(list.map((journey: { name: string }) => journey.name)).toEqual([
      'Abandoned cart',
      'Birthday',
      'Post-purchase cross-sell',
      'Welcome series',
      'Win-back at risk',
    ]);
  });

  it('rejects an invalid file, naming every problem, with exit code 2', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'broken',
        trigger: { type: 'event', event: 'x' },
        start: 'a',
        nodes: [
          { id: 'a', type: 'send', template: 'missing-template', next: 'b' },
          { id: 'c', type: 'exit' },
        ],
      }),
    );
    const result = await run('journeys', 'create', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"missing-template", which does not exist');
    expect(result.stderr).toContain('leads to "b", which does not exist');
    expect(result.stderr).toContain('node "c" is unreachable');
  });

  it('runs the welcome series for a sign-up and shows its node counts; pauses and resumes', async () => {
    const store = await openStore({ duckdbPath: db });
    try {
      const now = new Date();
      await store.transaction((tx) =>
        commitMessages(tx, [
          normalized(
            { type: 'track', userId: 'newbie', event: 'Signed Up', timestamp: now.toISOString() },
            now,
          ),
        ]),
      );
    } finally {
      await store.close();
    }
    const pass = JSON.parse((await run('journeys', 'run', '--json')).stdout);
    expect(pass.scan.started + pass.scan.heldOut).toBe(1);
    const shown = await run('journeys', 'show', 'Welcome series', '--json');
    const report = JSON.parse(shown.stdout);
    if (pass.scan.started === 1) {
      expect(report.nodes).toContainEqual({
        nodeId: 'welcome',
        type: 'send',
        entered: 1,
        waiting: 0,
        exited: 0,
        converted: 0,
      });
      expect(report.nodes).toContainEqual({
        nodeId: 'wait-2d',
        type: 'delay',
        entered: 1,
        waiting: 1,
        exited: 0,
        converted: 0,
      });
    } else {
      expect(report.runs.holdout).toBe(1);
    }
    const text = await run('journeys', 'show', 'Welcome series');
    expect(text.stdout).toMatch(/nodeId\s+type\s+entered\s+waiting\s+exited\s+converted/);
    expect((await run('journeys', 'pause', 'Welcome series')).stdout).toBe(
      'Journey "Welcome series" is paused.\n',
    );
    expect((await run('journeys', 'resume', 'Welcome series')).stdout).toBe(
      'Journey "Welcome series" is active.\n',
    );
    expect((await run('journeys', 'show', 'nope')).code).toBe(4);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint demo --no-serve', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-demo-'));
    db = join(dir, 'demo.duckdb');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prepares data, segments, templates and journeys, and a second run adds nothing', async () => {
    for (let runIndex = 0; runIndex < 2; runIndex++) {
      const demo = await run('demo', '--customers', '200', '--days', '60', '--no-serve');
      expect(demo.code).toBe(0);
      expect(demo.stderr).toContain('Automation: at-risk');
    }
    const segments = JSON.parse((await run('segments', 'list', '--json')).stdout) as { name: string }[];
    expect(segments.map((segment) => segment.name).sort()).toEqual(['at-risk', 'frequent buyers', 'vip']);
    const templates = JSON.parse((await run('templates', 'list', '--json')).stdout) as { name: string }[];
    expect(templates.map((template) => template.name).sort()).toEqual([
      'abandoned-cart',
      'birthday',
      'cross-sell',
      'welcome',
      'win-back',
    ]);
    const journeys = JSON.parse((await run('journeys', 'list', '--json')).stdout) as {
      currentVersion: number;
    }[];
    expect(journeys.map((journey) => journey.currentVersion)).toEqual([1, 1]);
  }, 120_000);
});

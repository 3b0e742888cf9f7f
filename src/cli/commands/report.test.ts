import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import {
  createProfiles,
  insertCampaign,
  insertMessages,
  purchaseEvent,
  trackingEvent,
} from '../../reports/testing/seed-report-data.ts';
import { openStore } from '../../store/open-store.ts';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint report and costs', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-report-'));
    db = join(dir, 'store.duckdb');
    const store = await openStore({ duckdbPath: db });
    try {
      await createProfiles(store, ['ann', 'bob']);
      await insertCampaign(store, 'c1', 'spring');
      await insertMessages(store, [
        { id: 'm1', userId: 'ann', status: 'sent', campaignId: 'c1', variant: 'A' },
        { id: 'm2', userId: 'bob', status: 'sent', campaignId: 'c1', variant: 'B' },
      ]);
      await store.transaction((tx) =>
        commitMessages(tx, [
          trackingEvent('ann', 'Email Link Clicked', 1, { messageId: 'm1' }),
          purchaseEvent('ann', 2, { revenue: 80 }),
        ]),
      );
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints a campaign as CSV and JSON, with costs set from the CLI', async () => {
    expect((await run('costs', 'set', 'channel', 'email', '--per-message', '0.5')).code).toBe(0);
    const csv = await run('report', 'campaign', 'spring', '--csv');
    expect(csv.code).toBe(0);
    const [header, total] = csv.stdout.trim().split('\n');
    expect(header).toMatch(/^row,sent,delivered,/);
    const columns = (header ?? '').split(',');
    const values = (total ?? '').split(',');
    const cell = (name: string) => values[columns.indexOf(name)];
    expect([cell('row'), cell('sent'), cell('unique_clicks'), cell('revenue'), cell('cost')]).toEqual([
      'campaign spring',
      '2',
      '1',
      '80',
      '1',
    ]);
    const json = JSON.parse(
      (await run('report', 'campaign', 'spring', '--json', '--model', 'linear')).stdout,
    );
    expect(json.kpis).toMatchObject({ conversions: 1, revenue: 80, roi: 79 });
  });

  it('refuses an unknown attribution model with exit code 2 and an unknown campaign with 4', async () => {
    const bad = await run('report', 'overview', '--model', 'magic');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/model/);
    expect((await run('report', 'campaign', 'nope')).code).toBe(4);
    const cost = await run('costs', 'set', 'acquisition', 'May', '--fixed', '100');
    expect(cost.code).toBe(2);
    expect(cost.stderr).toMatch(/YYYY-MM/);
  });
});

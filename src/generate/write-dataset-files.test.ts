import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messageSchema } from '../schema/messages.ts';
import { PROFILE_CSV_COLUMNS } from './customer-traits.ts';
import { GROUND_TRUTH_CSV_COLUMNS } from './ground-truth-csv.ts';
import { writeDatasetFiles } from './write-dataset-files.ts';

const OPTIONS = { customers: 60, days: 90, seed: 21, endDate: '2026-01-01T00:00:00Z' };
const folders: string[] = [];

async function scratchFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'segmint-generate-'));
  folders.push(folder);
  return folder;
}

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('writeDatasetFiles', () => {
  it('writes messages.jsonl, profiles.csv and ground-truth.csv and summarises them', async () => {
    const dir = join(await scratchFolder(), 'nested', 'dataset');
    const summary = await writeDatasetFiles({ ...OPTIONS, dir });
    expect((await readdir(dir)).sort()).toEqual(['ground-truth.csv', 'messages.jsonl', 'profiles.csv']);

    const lines = (await readFile(summary.files.messages, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(summary.messages);
    const messages = lines.map((line) => messageSchema.parse(JSON.parse(line)));
    const purchases = messages.flatMap((message) =>
      message.type === 'track' && message.event === 'purchase' ? [Number(message.properties?.amount)] : [],
    );
    expect(summary.purchases).toBe(purchases.length);
    expect(summary.revenue).toBeCloseTo(
      purchases.reduce((sum, amount) => sum + amount, 0),
      2,
    );
    expect(Object.values(summary.messagesByType).reduce((sum, count) => sum + count, 0)).toBe(
      summary.messages,
    );
    expect(summary.messagesByType.identify).toBeGreaterThanOrEqual(OPTIONS.customers);
    expect(summary.eventsByName['Product Viewed']).toBeGreaterThan(0);
    expect(summary).toMatchObject({
      customers: 60,
      currency: 'USD',
      seed: 21,
      endDate: '2026-01-01T00:00:00.000Z',
    });
    expect(summary.firstTimestamp && summary.firstTimestamp >= summary.startDate).toBe(true);
    expect(summary.lastTimestamp && summary.lastTimestamp < summary.endDate).toBe(true);

    const profiles = (await readFile(summary.files.profiles, 'utf8')).trimEnd().split('\n');
    expect(profiles[0]).toBe(PROFILE_CSV_COLUMNS.join(','));
    expect(profiles).toHaveLength(61);
    expect(profiles[1]?.startsWith('user-000001,')).toBe(true);

    const truth = (await readFile(summary.files.groundTruth, 'utf8')).trimEnd().split('\n');
    expect(truth[0]).toBe(GROUND_TRUTH_CSV_COLUMNS.join(','));
    expect(truth).toHaveLength(61);
    for (const row of truth.slice(1)) {
      const [userId, archetype, , , churnedAt, droppedOutAt, aliveAtEnd] = row.split(',');
      expect(userId).toMatch(/^user-\d{6}$/);
      const churnedBeforeEnd = churnedAt !== '' && churnedAt !== undefined && churnedAt < summary.endDate;
      const isGone = archetype === 'dormant' || churnedBeforeEnd || droppedOutAt !== '';
      expect(aliveAtEnd).toBe(String(!isGone));
    }
    expect(Object.values(summary.customersByArchetype).reduce((sum, count) => sum + count, 0)).toBe(60);
  });

  it('writes byte-identical files when run twice with the same options', async () => {
    const [first, second] = [await scratchFolder(), await scratchFolder()];
    await writeDatasetFiles({ ...OPTIONS, dir: first });
    await writeDatasetFiles({ ...OPTIONS, dir: second });
    for (const file of ['messages.jsonl', 'profiles.csv', 'ground-truth.csv']) {
      expect(await readFile(join(second, file), 'utf8')).toBe(await readFile(join(first, file), 'utf8'));
    }
  });

  it('rejects invalid options before writing anything', async () => {
    const dir = join(await scratchFolder(), 'never');
    await expect(writeDatasetFiles({ ...OPTIONS, customers: 0, dir })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(writeDatasetFiles({ ...OPTIONS, dir: '' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('leaves no partial files behind when a file cannot be written', async () => {
    const dir = await scratchFolder();
    // A folder where the temporary profiles file should go makes opening that file fail mid-run.
    await mkdir(join(dir, 'profiles.csv.partial'));
    await expect(writeDatasetFiles({ ...OPTIONS, dir })).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readdir(dir)).toEqual(['profiles.csv.partial']);
  });
});

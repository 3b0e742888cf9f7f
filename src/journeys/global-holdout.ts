/**
 * The global holdout: a share of all profiles that no journey sends to, so the whole programme's lift can be
 * measured (the per-journey holdout measures one journey). Membership is a hash of the profile id alone, so the same
 * people are held out of every journey; their runs are recorded with status `holdout` like per-journey controls.
 * Stored in `settings` under `global_holdout_percent` (0 when unset).
 */
import { z } from 'zod';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import type { SqlExecutor } from '../store/store.ts';
import { hashToUnit } from './deterministic-hash.ts';

const KEY = 'global_holdout_percent';

export const globalHoldoutPercentSchema = z
  .number()
  .min(0, 'must be between 0 and 50 (percent of all profiles)')
  .max(
    50,
    'must be between 0 and 50 (percent of all profiles): a larger control group leaves too few to market to',
  );

export async function readGlobalHoldoutPercent(executor: SqlExecutor): Promise<number> {
  const rows = await executor.query<{ value: string }>('select value from settings where key = $1', [KEY]);
  const value = Number(rows[0]?.value ?? 0);
  return Number.isFinite(value) ? value : 0;
}

export async function setGlobalHoldoutPercent(executor: SqlExecutor, percent: unknown): Promise<number> {
  const checked = parseOrThrow(globalHoldoutPercentSchema, percent, 'global holdout percent');
  await executor.execute('delete from settings where key = $1', [KEY]);
  await executor.execute('insert into settings (key, value) values ($1, $2)', [KEY, String(checked)]);
  return checked;
}

export function isInGlobalHoldout(profileId: string, percent: number): boolean {
  return percent > 0 && hashToUnit(`global-holdout\u0000${profileId}`) * 100 < percent;
}

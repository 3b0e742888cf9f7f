/**
 * The key that signs tracking tokens: SEGMINT_SECRET when set, else a random secret generated on first use and kept
 * in the `settings` table, so links in emails already sent keep working after a restart. Several processes may
 * race to create it: the first insert wins and everyone reads that one.
 */
import { randomBytes } from 'node:crypto';
import type { SqlExecutor } from '../store/store.ts';

const SETTING_KEY = 'tracking_secret';

export async function loadTrackingSecret(
  executor: SqlExecutor,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const fromEnvironment = environment.SEGMINT_SECRET?.trim();
  if (fromEnvironment) return fromEnvironment;
  await executor.execute('insert into settings (key, value) values ($1, $2) on conflict (key) do nothing', [
    SETTING_KEY,
    randomBytes(32).toString('base64url'),
  ]);
  const rows = await executor.query<{ value: string }>('select value from settings where key = $1', [
    SETTING_KEY,
  ]);
  const secret = rows[0]?.value;
  if (!secret) throw new Error('the tracking secret was inserted but cannot be read back');
  return secret;
}

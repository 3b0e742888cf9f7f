/** The traits of the profiles in a group of runs (for waits on time zones and date traits). */
import type { SqlExecutor } from '../../store/store.ts';
import { readJsonColumn } from '../journey-store.ts';

export async function readProfileTraits(
  tx: SqlExecutor,
  profileIds: readonly string[],
): Promise<Map<string, unknown>> {
  if (profileIds.length === 0) return new Map();
  const rows = await tx.query<{ id: string; traits: unknown }>(
    'select id, traits from profiles where id in (select unnest($1::varchar[]))',
    [[...new Set(profileIds)]],
  );
  return new Map(rows.map((row) => [row.id, readJsonColumn(row.traits)]));
}

/**
 * What a computed-trait expression gives without saving it: how many profiles get a value and the most common
 * values (for numbers: the most common too, which shows the spread at a glance in the CLI and the dashboard).
 */
import { COMPUTED_TRAIT_SCHEMA_VERSION, type ComputedTraitDefinition } from '../../schema/computed-trait.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { compileComputedTrait } from './compile-computed-trait.ts';
import { parseComputedTraitText } from './computed-trait-text.ts';

export interface ComputedTraitPreview {
  profilesWithValue: number;
  topValues: { value: string | number; profiles: number }[];
  sample: { profileId: string; value: string | number }[];
}

export async function previewComputedTrait(
  executor: SqlExecutor,
  expression: string | ComputedTraitDefinition,
  options: { now: Date; top?: number },
): Promise<ComputedTraitPreview> {
  const definition =
    typeof expression === 'string'
      ? { schemaVersion: COMPUTED_TRAIT_SCHEMA_VERSION, expression: parseComputedTraitText(expression) }
      : expression;
  const compiled = compileComputedTrait(definition.expression, {
    dialect: executor.dialect,
    now: options.now,
  });
  const values = `(${compiled.sql}) v where v.value is not null`;
  const [count] = await executor.query<{ n: number }>(`select count(*) as n from ${values}`, compiled.params);
  const top = await executor.query<{ value: string | number; profiles: number }>(
    `select v.value, count(*) as profiles from ${values}
      group by v.value order by profiles desc, v.value limit ${Math.min(100, Math.max(1, Math.floor(options.top ?? 10)))}`,
    compiled.params,
  );
  const sample = await executor.query<{ profile_id: string; value: string | number }>(
    `select v.profile_id, v.value from ${values} order by v.profile_id limit 10`,
    compiled.params,
  );
  return {
    profilesWithValue: Number(count?.n ?? 0),
    topValues: top.map((row) => ({ value: row.value, profiles: Number(row.profiles) })),
    sample: sample.map((row) => ({ profileId: row.profile_id, value: row.value })),
  };
}

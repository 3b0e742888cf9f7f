/**
 * Materialises computed traits into `profiles.computed`: for every profile (a full refresh, on a schedule or on
 * demand) or for the profiles an ingested batch touched (real time, before segments are re-evaluated, so a segment
 * on `orders_90d` sees the new value). Each trait is one transaction: profiles never show half a refresh.
 */
import type { SavedComputedTrait } from '../../schema/computed-trait.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { compileComputedTrait } from './compile-computed-trait.ts';
import { listComputedTraits } from './computed-trait-store.ts';

export interface ComputedTraitRefreshResult {
  name: string;
  /** Profiles that got a value from their events. */
  profilesWithValue: number;
}

async function writeTrait(
  tx: SqlExecutor,
  trait: SavedComputedTrait,
  options: { now: Date; profileIds?: readonly string[] | undefined },
): Promise<number> {
  const { dialect } = tx;
  const compiled = compileComputedTrait(trait.definition.expression, { dialect, ...options });
  const scope = options.profileIds ? ' where id in (select unnest($1::varchar[]))' : '';
  const scopeParams = options.profileIds ? [options.profileIds] : [];
  // First the value of a profile without events (0 or none), then the values from events on top of it.
  const empty =
    compiled.emptyValue === null
      ? dialect.jsonWithoutKey('computed', trait.name)
      : dialect.jsonWithKey('computed', trait.name, '0');
  await tx.execute(`update profiles set computed = ${empty}${scope}`, scopeParams);
  return tx.execute(
    `update profiles set computed = ${dialect.jsonWithKey('computed', trait.name, 'v.value')}
       from (${compiled.sql}) v where profiles.id = v.profile_id and v.value is not null`,
    compiled.params,
  );
}

/** Recomputes every computed trait (or the named ones) for every profile. */
export async function refreshComputedTraits(
  store: Store,
  options: { now: Date; names?: readonly string[] },
): Promise<ComputedTraitRefreshResult[]> {
  const traits = (await listComputedTraits(store)).filter(
    (trait) => !options.names || options.names.includes(trait.name),
  );
  const results: ComputedTraitRefreshResult[] = [];
  for (const trait of traits) {
    const profilesWithValue = await store.transaction(async (tx) => {
      const written = await writeTrait(tx, trait, { now: options.now });
      await tx.execute('update computed_traits set refreshed_at = $2 where name = $1', [
        trait.name,
        options.now,
      ]);
      return written;
    });
    results.push({ name: trait.name, profilesWithValue });
  }
  return results;
}

/** Recomputes every computed trait for just these profiles (after an ingested batch). */
export async function refreshComputedTraitsForProfiles(
  store: Store,
  profileIds: readonly string[],
  options: { now: Date },
): Promise<void> {
  if (profileIds.length === 0) return;
  const traits = await listComputedTraits(store);
  if (traits.length === 0) return;
  await store.transaction(async (tx) => {
    for (const trait of traits) await writeTrait(tx, trait, { now: options.now, profileIds });
  });
}

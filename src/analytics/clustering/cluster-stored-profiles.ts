/**
 * Clusters the store's profiles: reads the chosen numeric features (traits or computed traits) of every profile
 * that has all of them, runs `clusterProfiles`, and writes `computed.cluster` (0 = largest cluster) and
 * `computed.cluster_description` so segments and templates can use them. Profiles missing a feature lose any
 * earlier cluster.
 *
 * Feature names: `traits.x` or `computed.x` (dotted paths allowed, e.g. `computed.rfm.monetary`) name a place
 * explicitly; a bare name is looked up in the computed traits first, then in the traits.
 */
import type { Dialect } from '../../store/dialect.ts';
import type { Store } from '../../store/store.ts';
import { clusterProfiles, type ClusterProfiles } from './cluster-profiles.ts';
import { clusterRequestSchema, parseClusteringOptions } from './clustering-options.ts';

function featureExpression(dialect: Dialect, name: string): string {
  const parts = name.split('.');
  const numeric = (column: string, path: string[]) => dialect.tryCastDouble(dialect.jsonText(column, path));
  if (parts[0] === 'traits' && parts.length > 1) return numeric('traits', parts.slice(1));
  if (parts[0] === 'computed' && parts.length > 1) return numeric('computed', parts.slice(1));
  return `coalesce(${numeric('computed', parts)}, ${numeric('traits', parts)})`;
}

export interface StoredClustering extends ClusterProfiles {
  /** Profiles clustered (those with every feature). */
  profiles: number;
  /** Profiles skipped because a feature was missing or not a number. */
  skipped: number;
}

export async function clusterStoredProfiles(store: Store, input: unknown): Promise<StoredClustering> {
  const request = parseClusteringOptions(clusterRequestSchema, input, 'cluster options');
  const { features, ...settings } = request;
  const expressions = features.map((name) => featureExpression(store.dialect, name));
  const rows = await store.query<Record<string, unknown>>(
    `select id, ${expressions.map((expression, index) => `${expression} as f${index}`).join(', ')} from profiles order by id`,
  );
  const complete = rows.filter((row) => features.every((_, index) => typeof row[`f${index}`] === 'number'));
  const data = new Float64Array(complete.length * features.length);
  complete.forEach((row, rowIndex) => {
    features.forEach((_, index) => {
      data[rowIndex * features.length + index] = row[`f${index}`] as number;
    });
  });
  const result = clusterProfiles({
    data,
    rows: complete.length,
    columns: features.length,
    featureNames: features,
    ...settings,
  });
  const descriptions = result.clusters.map((cluster) => cluster.description);
  await store.transaction(async (tx) => {
    const { dialect } = tx;
    await tx.execute(
      `update profiles set computed = ${dialect.jsonWithoutKey(dialect.jsonWithoutKey('computed', 'cluster'), 'cluster_description')}`,
    );
    const withCluster = dialect.jsonWithKey('computed', 'cluster', 'cast(c.cluster as integer)');
    await tx.execute(
      `update profiles set computed = ${dialect.jsonWithKey(withCluster, 'cluster_description', 'c.description')}
         from (select unnest($1::varchar[]) as id, unnest($2::double precision[]) as cluster,
                      unnest($3::varchar[]) as description) c
        where profiles.id = c.id`,
      [
        complete.map((row) => String(row.id)),
        Array.from(result.labels),
        Array.from(result.labels, (label) => descriptions[label] ?? ''),
      ],
    );
  });
  return { ...result, profiles: complete.length, skipped: rows.length - complete.length };
}

import { z } from 'zod';
import { chooseK } from './choose-k.ts';
import type { KCandidate } from './choose-k.ts';
import {
  kChoiceSchema,
  kMeansSettingsSchema,
  kSearchSchema,
  parseClusteringOptions,
} from './clustering-options.ts';
import type { KMeansSettings, KSearch } from './clustering-options.ts';
import { describeClusters } from './describe-clusters.ts';
import type { ClusterSummary } from './describe-clusters.ts';
import { assertValidFeatureMatrix } from './feature-matrix.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { fitKMeans } from './fit-kmeans.ts';
import type { KMeansFit } from './fit-kmeans.ts';
import { drawSilhouetteSample, silhouetteScore } from './silhouette.ts';
import { standardizeFeatures, toOriginalUnits } from './standardize.ts';
import type { FeatureScaling } from './standardize.ts';

export interface ClusterProfilesOptions extends FeatureMatrix, Partial<KMeansSettings>, Partial<KSearch> {
  /** One name per column, used in messages and descriptions. */
  featureNames: readonly string[];
  /** A number of clusters, or 'auto' (the default) to choose it by silhouette. Digit strings are accepted. */
  k?: number | string;
}

export interface ClusterProfiles {
  readonly k: number;
  readonly featureNames: readonly string[];
  /** Cluster of every row; clusters are numbered by decreasing size (0 is the largest). */
  readonly labels: Int32Array;
  /** Inertia in standardised units (sum of squared z-score distances). */
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Mean silhouette on the seeded sample (null when not defined, e.g. k = 1). */
  readonly silhouette: number | null;
  readonly sampleRows: number;
  /** How k was chosen; null when the caller fixed k. */
  readonly selection: {
    readonly candidates: readonly KCandidate[];
    readonly elbowK: number | null;
    readonly reason: string;
  } | null;
  readonly clusters: readonly ClusterSummary[];
  /** Overall means and standard deviations of the features, in the original units. */
  readonly scaling: FeatureScaling;
}

const profileOptionsSchema = z.object({ k: kChoiceSchema.default('auto') });

/**
 * Segments rows (customers) by k-means on standardised features and describes each cluster in the original units.
 * This is what `segmint cluster --features a,b,c [--k auto|N] [--seed S]` runs.
 */
export function clusterProfiles(options: ClusterProfilesOptions): ClusterProfiles {
  const { data, rows, columns, featureNames, ...userOptions } = options;
  const { k } = parseClusteringOptions(profileOptionsSchema, userOptions, 'cluster options');
  const settings = parseClusteringOptions(kMeansSettingsSchema, userOptions, 'k-means options');
  const search = parseClusteringOptions(kSearchSchema, userOptions, 'k search options');
  const original = { data, rows, columns };
  assertValidFeatureMatrix(original, featureNames);
  const { matrix, scaling } = standardizeFeatures(original);

  let fit: KMeansFit;
  let silhouette: number | null;
  let sampleRows: number;
  let selection: ClusterProfiles['selection'] = null;
  if (k === 'auto') {
    const choice = chooseK({ ...matrix, ...settings, ...search });
    ({ fit, silhouette, sampleRows } = choice);
    selection = { candidates: choice.candidates, elbowK: choice.elbowK, reason: choice.reason };
  } else {
    fit = fitKMeans({ ...matrix, ...settings, k });
    const sample = drawSilhouetteSample({ matrix, sampleSize: search.sampleSize, seed: settings.seed });
    silhouette = silhouetteScore({ sample, labels: fit.labels, k }) ?? null;
    sampleRows = sample.rows.length;
  }

  const ordered = orderClustersBySize(fit);
  const centroids = toOriginalUnits(ordered.centroids, scaling);
  return {
    k: fit.k,
    featureNames: [...featureNames],
    labels: ordered.labels,
    inertia: fit.inertia,
    iterations: fit.iterations,
    converged: fit.converged,
    silhouette,
    sampleRows,
    selection,
    clusters: describeClusters({ featureNames, centroids, labels: ordered.labels, scaling }),
    scaling,
  };
}

/** Renumbers clusters by decreasing size (ties keep their order), so that cluster numbers mean something. */
export function orderClustersBySize(fit: KMeansFit): { labels: Int32Array; centroids: Float64Array } {
  const { k, columns } = fit;
  const sizes = new Array<number>(k).fill(0);
  for (const label of fit.labels) sizes[label] = (sizes[label] ?? 0) + 1;
  const order = Array.from({ length: k }, (_, cluster) => cluster).sort(
    (left, right) => (sizes[right] as number) - (sizes[left] as number) || left - right,
  );
  const newIndex = new Int32Array(k);
  const centroids = new Float64Array(fit.centroids.length);
  order.forEach((oldCluster, position) => {
    newIndex[oldCluster] = position;
    centroids.set(
      fit.centroids.subarray(oldCluster * columns, oldCluster * columns + columns),
      position * columns,
    );
  });
  const labels = Int32Array.from(fit.labels, (label) => newIndex[label] as number);
  return { labels, centroids };
}

import { labelFeature } from './label-feature.ts';
import { zScoreOf } from './standardize.ts';
import type { FeatureScaling } from './standardize.ts';

/**
 * Cluster summaries people can read: size, share, centroid in the original units, and a short description such as
 * "high annual income, low spending score".
 *
 * Levels use z-score thresholds, the centroid's distance from the overall mean in overall standard deviations:
 * |z| < 0.5 is "average", 0.5 ≤ |z| < 1.5 "high"/"low", |z| ≥ 1.5 "very high"/"very low". Z-scores rather than
 * terciles because k-means itself works on z-scores, so the words describe what separated the clusters; a centroid
 * is a mean, which rarely reaches the outer terciles of the individual values even when the cluster is distinctive.
 */
export type FeatureLevel = 'very low' | 'low' | 'average' | 'high' | 'very high';

export interface ClusterFeature {
  readonly name: string;
  /** The name as words ("annual_income" → "annual income"). */
  readonly label: string;
  /** Centroid value in the original units. */
  readonly centroid: number;
  readonly zScore: number;
  readonly level: FeatureLevel;
}

export interface ClusterSummary {
  readonly cluster: number;
  readonly size: number;
  /** size / all rows, 0 … 1. */
  readonly share: number;
  /** In the order of the feature names. */
  readonly features: readonly ClusterFeature[];
  readonly description: string;
}

/** At most this many features are named in a description: the most distinctive ones. */
const DESCRIBED_FEATURES = 4;

export function levelOfZScore(zScore: number): FeatureLevel {
  if (zScore >= 1.5) return 'very high';
  if (zScore >= 0.5) return 'high';
  if (zScore <= -1.5) return 'very low';
  if (zScore <= -0.5) return 'low';
  return 'average';
}

export function describeClusters(options: {
  featureNames: readonly string[];
  /** k × features, row-major, in the original units. */
  centroids: Float64Array;
  /** Cluster of every row (0 … k − 1). */
  labels: Int32Array;
  /** The overall means and standard deviations the z-scores are measured against. */
  scaling: FeatureScaling;
}): ClusterSummary[] {
  const { featureNames, centroids, labels, scaling } = options;
  const columns = featureNames.length;
  const k = centroids.length / columns;
  const sizes = new Array<number>(k).fill(0);
  for (const label of labels) sizes[label] = (sizes[label] ?? 0) + 1;
  return sizes.map((size, cluster) => {
    const features = featureNames.map((name, column) => {
      const centroid = centroids[cluster * columns + column] as number;
      const zScore = zScoreOf(centroid, column, scaling);
      return { name, label: labelFeature(name), centroid, zScore, level: levelOfZScore(zScore) };
    });
    return {
      cluster,
      size,
      share: labels.length > 0 ? size / labels.length : 0,
      features,
      description: describe(features),
    };
  });
}

/** "high annual income, low spending score"; "average annual income and spending score" when nothing stands out. */
function describe(features: readonly ClusterFeature[]): string {
  const mostDistinctive = new Set(
    features
      .filter((feature) => feature.level !== 'average')
      .sort((left, right) => Math.abs(right.zScore) - Math.abs(left.zScore))
      .slice(0, DESCRIBED_FEATURES),
  );
  // Named in the order of the features, so that every cluster's description reads the same way.
  const distinctive = features.filter((feature) => mostDistinctive.has(feature));
  if (distinctive.length > 0)
    return distinctive.map((feature) => `${feature.level} ${feature.label}`).join(', ');
  const labels = features.slice(0, DESCRIBED_FEATURES - 1).map((feature) => feature.label);
  const more = features.length > labels.length ? ' and the other features' : '';
  return `average ${joinWords(labels)}${more}`;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

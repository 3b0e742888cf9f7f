import { SegmintError } from '../../errors.ts';
import { kMeansSettingsSchema, kSearchSchema, parseClusteringOptions } from './clustering-options.ts';
import type { KMeansSettings, KSearch } from './clustering-options.ts';
import { assertValidFeatureMatrix } from './feature-matrix.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { findElbow } from './find-elbow.ts';
import { absoluteTolerance, runKMeans } from './fit-kmeans.ts';
import type { KMeansFit } from './fit-kmeans.ts';
import { drawSilhouetteSample, silhouetteScore } from './silhouette.ts';

export interface ChooseKOptions extends FeatureMatrix, Partial<KMeansSettings>, Partial<KSearch> {}

export interface KCandidate {
  readonly k: number;
  readonly inertia: number;
  /** Mean silhouette on the sample; null where it is not defined (fewer than two clusters in the sample). */
  readonly silhouette: number | null;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface KChoice {
  readonly k: number;
  readonly fit: KMeansFit;
  readonly silhouette: number;
  /** Every k tried, in increasing order. */
  readonly candidates: readonly KCandidate[];
  /** The elbow of the inertia curve, when there is one. */
  readonly elbowK: number | null;
  /** One sentence for people, e.g. "k = 5: highest silhouette 0.55; the elbow of inertia is at k = 5". */
  readonly reason: string;
  /** Rows the silhouettes were computed on. */
  readonly sampleRows: number;
}

/**
 * Automatic k: fits k-means for every k in kMin … kMax (each with nInit starts, on the data as given) and keeps the
 * k with the highest mean silhouette on one seeded sample; ties go to the smaller k. The inertia curve and its elbow
 * are reported alongside, as a second opinion people know. k stops below kMax where silhouettes are undefined
 * (k ≥ sample size) or where the data has fewer distinct rows than k.
 */
export function chooseK(options: ChooseKOptions): KChoice {
  const { data, rows, columns, ...userOptions } = options;
  const settings = parseClusteringOptions(kMeansSettingsSchema, userOptions, 'k-means options');
  const search = parseClusteringOptions(kSearchSchema, userOptions, 'k search options');
  const matrix = { data, rows, columns };
  assertValidFeatureMatrix(matrix);

  const sample = drawSilhouetteSample({ matrix, sampleSize: search.sampleSize, seed: settings.seed });
  const largestK = Math.min(search.kMax, sample.rows.length - 1);
  if (largestK < search.kMin) {
    throw new SegmintError(
      'invalid_input',
      `Choosing k from ${search.kMin} needs at least ${search.kMin + 1} rows, but there are ${rows}.`,
    );
  }
  const tolerance = absoluteTolerance(matrix, settings.tol);
  const candidates: KCandidate[] = [];
  let best: { fit: KMeansFit; silhouette: number } | undefined;
  let distinctRows: number | undefined;
  for (let k = search.kMin; k <= largestK; k++) {
    const outcome = runKMeans({ matrix, k, settings, tolerance });
    if (outcome.kind === 'too-few-distinct-rows') {
      distinctRows = outcome.distinctRows;
      break;
    }
    const { fit } = outcome;
    const silhouette = silhouetteScore({ sample, labels: fit.labels, k }) ?? null;
    candidates.push({
      k,
      inertia: fit.inertia,
      silhouette,
      iterations: fit.iterations,
      converged: fit.converged,
    });
    if (silhouette !== null && (best === undefined || silhouette > best.silhouette))
      best = { fit, silhouette };
  }
  if (best === undefined) {
    throw new SegmintError(
      'invalid_input',
      distinctRows !== undefined && distinctRows < search.kMin
        ? `The data has only ${distinctRows} distinct row(s), too few to compare ${search.kMin} or more clusters.`
        : 'No k in the range gave a defined silhouette (every sampled point fell in one cluster).',
    );
  }
  const elbowK = findElbow(candidates) ?? null;
  return {
    k: best.fit.k,
    fit: best.fit,
    silhouette: best.silhouette,
    candidates,
    elbowK,
    reason: explainChoice({
      k: best.fit.k,
      silhouette: best.silhouette,
      elbowK,
      distinctRows,
      search,
      largestK,
    }),
    sampleRows: sample.rows.length,
  };
}

function explainChoice(choice: {
  k: number;
  silhouette: number;
  elbowK: number | null;
  distinctRows: number | undefined;
  search: KSearch;
  largestK: number;
}): string {
  const { k, silhouette, elbowK, distinctRows, search, largestK } = choice;
  const elbow =
    elbowK === null ? 'the inertia curve has no clear elbow' : `the elbow of inertia is at k = ${elbowK}`;
  const limits: string[] = [];
  if (distinctRows !== undefined)
    limits.push(`k stopped at ${distinctRows}: only ${distinctRows} distinct rows`);
  else if (largestK < search.kMax) limits.push(`k stopped at ${largestK}: too few rows for a larger k`);
  const limit = limits.length > 0 ? ` (${limits.join('; ')})` : '';
  return `k = ${k}: highest silhouette ${silhouette.toFixed(2)}; ${elbow}${limit}`;
}

/** k-means customer clustering: see README.md in this folder for the design. */
export { clusterProfiles, orderClustersBySize } from './cluster-profiles.ts';
export type { ClusterProfiles, ClusterProfilesOptions } from './cluster-profiles.ts';
export { chooseK } from './choose-k.ts';
export type { ChooseKOptions, KCandidate, KChoice } from './choose-k.ts';
export {
  MAX_K,
  clusterRequestSchema,
  kChoiceSchema,
  kMeansSettingsSchema,
  kSearchSchema,
  parseClusteringOptions,
} from './clustering-options.ts';
export type { ClusterRequest, KMeansSettings, KSearch } from './clustering-options.ts';
export { describeClusters, levelOfZScore } from './describe-clusters.ts';
export type { ClusterFeature, ClusterSummary, FeatureLevel } from './describe-clusters.ts';
export { assertValidFeatureMatrix } from './feature-matrix.ts';
export type { FeatureMatrix } from './feature-matrix.ts';
export { findElbow } from './find-elbow.ts';
export { fitKMeans } from './fit-kmeans.ts';
export type { FitKMeansOptions, KMeansFit } from './fit-kmeans.ts';
export { labelFeature } from './label-feature.ts';
export { drawSilhouetteSample, silhouetteScore } from './silhouette.ts';
export type { SilhouetteSample } from './silhouette.ts';
export { computeFeatureScaling, standardizeFeatures, toOriginalUnits, zScoreOf } from './standardize.ts';
export type { FeatureScaling } from './standardize.ts';

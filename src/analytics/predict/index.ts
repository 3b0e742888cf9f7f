/** CLV and churn wired to the store, and the models table: see README.md. */
export { fitClvFromStore } from './fit-clv-from-store.ts';
export type { ClvFitReport } from './fit-clv-from-store.ts';
export { predictClvFromStore, CLV_TRAITS } from './predict-clv-from-store.ts';
export type { ClvPrediction, ClvTrait } from './predict-clv-from-store.ts';
export {
  CLV_MODEL_NAME,
  clvModelParamsSchema,
  fitClvOptionsSchema,
  predictClvOptionsSchema,
} from './clv-options.ts';
export type { ClvModelParams, FitClvOptions, PredictClvOptions } from './clv-options.ts';
export { trainChurnFromStore } from './train-churn-from-store.ts';
export type { StoreChurnTraining } from './train-churn-from-store.ts';
export { scoreChurnFromStore, CHURN_RISK_TRAIT } from './score-churn-from-store.ts';
export type { StoreChurnScores } from './score-churn-from-store.ts';
export { trainChurnModelFromCsv } from './train-churn-csv-model.ts';
export type { CsvChurnTraining } from './train-churn-csv-model.ts';
export { buildChurnFeatures } from './build-churn-features.ts';
export type { ChurnFeatureRow } from './build-churn-features.ts';
export {
  CHURN_MODEL_NAME,
  CSV_CHURN_MODEL_NAME,
  churnFeatureSettingsSchema,
  churnStoreModelParamsSchema,
  scoreChurnFromStoreOptionsSchema,
  trainChurnFromStoreOptionsSchema,
} from './churn-store-options.ts';
export type {
  ChurnFeatureSettings,
  ChurnStoreModelParams,
  ScoreChurnFromStoreOptions,
  TrainChurnFromStoreOptions,
} from './churn-store-options.ts';
export { listModels, loadLatestModel, loadModelParams, saveModel } from './model-registry.ts';
export type { NewModel, StoredModel } from './model-registry.ts';
export { loadPurchaseHistories } from './load-purchase-histories.ts';
export type { ProfilePurchaseHistory } from './load-purchase-histories.ts';
export { summarizeDistribution } from './summarize-distribution.ts';
export type { Distribution } from './summarize-distribution.ts';

/**
 * Customer lifetime value: BG/NBD for the number of future purchases, Gamma-Gamma for their value, both fitted by
 * maximum likelihood. See README.md for the design and the conventions.
 */
export { summarizeTransactions } from './summarize-transactions.ts';
export type {
  CustomerSummary,
  SummarizeTransactionsOptions,
  TransactionSummary,
} from './summarize-transactions.ts';
export { fitBgNbd } from './bg-nbd/fit-bg-nbd.ts';
export type { BgNbdFit, FitBgNbdOptions } from './bg-nbd/fit-bg-nbd.ts';
export { bgNbdLogLikelihood } from './bg-nbd/log-likelihood.ts';
export { expectedPurchasesOfNewCustomer, predictBgNbd, probabilityAlive } from './bg-nbd/predict.ts';
export type {
  ExpectedPurchasesOfNewCustomerOptions,
  PredictBgNbdOptions,
  ProbabilityAliveOptions,
} from './bg-nbd/predict.ts';
export { fitGammaGamma } from './gamma-gamma/fit-gamma-gamma.ts';
export type { FitGammaGammaOptions, GammaGammaFit } from './gamma-gamma/fit-gamma-gamma.ts';
export { expectedAverageSpend } from './gamma-gamma/expected-average-spend.ts';
export type { ExpectedAverageSpendOptions } from './gamma-gamma/expected-average-spend.ts';
export { customerLifetimeValue } from './customer-lifetime-value.ts';
export type { CustomerLifetimeValueOptions } from './customer-lifetime-value.ts';
export { compareHoldout } from './holdout-comparison.ts';
export type {
  CompareHoldoutOptions,
  HoldoutBucket,
  HoldoutComparison,
  HoldoutHistory,
} from './holdout-comparison.ts';
export type { ModelFitDiagnostics } from './optimize/fit-log-parameters.ts';
export { simulateBgNbdCustomers } from './simulate/simulate-bg-nbd.ts';
export type { SimulateBgNbdOptions, SimulatedCustomer } from './simulate/simulate-bg-nbd.ts';
export { hypergeometric2F1 } from './math/hypergeometric-2f1.ts';
export * from './schemas.ts';

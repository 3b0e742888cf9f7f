/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the repeat buyers (frequency > 0): one-time buyers
 * carry no repeat spend. The model assumes spend is independent of purchase frequency; the Pearson correlation
 * between the two over the repeat buyers is reported so that a caller can check (lifetimes suggests |ρ| small).
 */
import { SegmintError } from '../../../errors.ts';
import { fitLogParameters, type ModelFitDiagnostics } from '../optimize/fit-log-parameters.ts';
import {
  fitGammaGammaOptionsSchema,
  type FitOptions,
  type GammaGammaParameters,
  type SpendHistory,
} from '../schemas.ts';
import { assertSpendHistories } from '../validate-rows.ts';
import { gammaGammaLogLikelihood, type RepeatBuyers } from './log-likelihood.ts';

export interface FitGammaGammaOptions extends FitOptions {
  summaries: readonly SpendHistory[];
  initialParameters?: GammaGammaParameters;
}

export interface GammaGammaFit extends GammaGammaParameters, ModelFitDiagnostics {
  standardErrors: GammaGammaParameters | null;
  /** Pearson correlation of frequency and mean spend over the repeat buyers (the model assumes none). */
  frequencySpendCorrelation: number;
}

function selectRepeatBuyers(summaries: readonly SpendHistory[]): RepeatBuyers {
  const repeat = summaries.filter((summary) => summary.frequency > 0);
  return {
    frequency: Float64Array.from(repeat, (summary) => summary.frequency),
    monetaryValue: Float64Array.from(repeat, (summary) => summary.monetaryValue),
  };
}

function pearsonCorrelation(left: Float64Array, right: Float64Array): number {
  const count = left.length;
  let meanLeft = 0;
  let meanRight = 0;
  for (let index = 0; index < count; index++) {
    meanLeft += left[index]! / count;
    meanRight += right[index]! / count;
  }
  let covariance = 0;
  let varianceLeft = 0;
  let varianceRight = 0;
  for (let index = 0; index < count; index++) {
    const dl = left[index]! - meanLeft;
    const dr = right[index]! - meanRight;
    covariance += dl * dr;
    varianceLeft += dl * dl;
    varianceRight += dr * dr;
  }
  return covariance / Math.sqrt(varianceLeft * varianceRight);
}

/** Starts at the moments of the mean spends: with p = 1 and q = 2, E[m̄] = pγ/(q−1) gives γ = mean spend. */
function startingParameters(buyers: RepeatBuyers): GammaGammaParameters {
  let sum = 0;
  for (const spend of buyers.monetaryValue) sum += spend;
  return { p: 1, q: 2, gamma: sum / buyers.monetaryValue.length };
}

/** Maximum-likelihood p, q, γ with fit diagnostics. Throws invalid_input with fewer than two repeat buyers. */
export function fitGammaGamma(options: FitGammaGammaOptions): GammaGammaFit {
  const { summaries, ...rest } = options;
  const settings = fitGammaGammaOptionsSchema.parse(rest);
  assertSpendHistories(summaries, 'summaries');
  const buyers = selectRepeatBuyers(summaries);
  if (buyers.frequency.length < 2) {
    throw new SegmintError('invalid_input', 'Gamma-Gamma needs at least two repeat buyers (frequency > 0)');
  }
  const start = settings.initialParameters ?? startingParameters(buyers);
  const fit = fitLogParameters({
    logLikelihood: (parameters, gradient) => gammaGammaLogLikelihood(parameters, buyers, gradient),
    start: [start.p, start.q, start.gamma],
    customerCount: buyers.frequency.length,
    maxIterations: settings.maxIterations,
    gradientTolerance: settings.gradientTolerance,
  });
  const [p = Number.NaN, q = Number.NaN, gamma = Number.NaN] = fit.parameters;
  const errors = fit.standardErrors;
  return {
    p,
    q,
    gamma,
    ...fit.diagnostics,
    standardErrors: errors === undefined ? null : { p: errors[0]!, q: errors[1]!, gamma: errors[2]! },
    frequencySpendCorrelation: pearsonCorrelation(buyers.frequency, buyers.monetaryValue),
  };
}

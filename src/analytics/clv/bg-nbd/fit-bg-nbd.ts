/**
 * Fits BG/NBD (Fader, Hardie & Lee 2005) by maximum likelihood. Start values: r = 1 with α matching the pooled
 * purchase rate Σx / ΣT, and a = b = 1 (a uniform dropout probability), which is inside the basin of the
 * optimum for every data set tried; a caller can pass its own.
 */
import { SegmintError } from '../../../errors.ts';
import { fitLogParameters, type ModelFitDiagnostics } from '../optimize/fit-log-parameters.ts';
import {
  fitBgNbdOptionsSchema,
  type BgNbdParameters,
  type FitOptions,
  type PurchaseHistory,
} from '../schemas.ts';
import { bgNbdLogLikelihood, fromBgNbdVector, toBgNbdVector, type BgNbdVector } from './log-likelihood.ts';
import { packHistories, type PackedHistories } from './pack-histories.ts';

export interface FitBgNbdOptions extends FitOptions {
  summaries: readonly PurchaseHistory[];
  initialParameters?: BgNbdParameters;
}

export interface BgNbdFit extends BgNbdParameters, ModelFitDiagnostics {
  /** Asymptotic standard errors from the observed information; null when it is not positive definite. */
  standardErrors: BgNbdParameters | null;
}

function startingParameters(histories: PackedHistories): BgNbdParameters {
  let purchases = 0;
  let exposure = 0;
  for (let row = 0; row < histories.weight.length; row++) {
    purchases += histories.weight[row]! * histories.frequency[row]!;
    exposure += histories.weight[row]! * histories.age[row]!;
  }
  return { r: 1, alpha: exposure / purchases, a: 1, b: 1 };
}

function asVector(parameters: ArrayLike<number>): BgNbdVector {
  return [
    parameters[0] ?? Number.NaN,
    parameters[1] ?? Number.NaN,
    parameters[2] ?? Number.NaN,
    parameters[3] ?? Number.NaN,
  ];
}

/** Maximum-likelihood r, α, a, b with fit diagnostics. Throws invalid_input when nobody bought twice. */
export function fitBgNbd(options: FitBgNbdOptions): BgNbdFit {
  const { summaries, ...rest } = options;
  const settings = fitBgNbdOptionsSchema.parse(rest);
  const histories = packHistories(summaries, 'summaries');
  if (histories.maxFrequency === 0) {
    throw new SegmintError(
      'invalid_input',
      'BG/NBD needs at least one customer with a repeat purchase (frequency > 0); fit on a longer period',
    );
  }
  const start = settings.initialParameters ?? startingParameters(histories);
  const fit = fitLogParameters({
    logLikelihood: (parameters, gradient) => bgNbdLogLikelihood(asVector(parameters), histories, gradient),
    start: toBgNbdVector(start),
    customerCount: histories.customerCount,
    maxIterations: settings.maxIterations,
    gradientTolerance: settings.gradientTolerance,
  });
  return {
    ...fromBgNbdVector(fit.parameters),
    ...fit.diagnostics,
    standardErrors: fit.standardErrors === undefined ? null : fromBgNbdVector(fit.standardErrors),
  };
}

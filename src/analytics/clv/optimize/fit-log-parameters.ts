/**
 * Maximum likelihood for models whose parameters are all positive: the optimiser works on log-parameters (so no
 * bounds are needed and the scale of each parameter stops mattering) and minimises the mean negative
 * log-likelihood (so tolerances mean the same for 100 or 1,000,000 customers). Standard errors come from the
 * observed information in the original parameters.
 */
import { minimizeRobustly } from './minimize-robustly.ts';
import { standardErrors } from './observed-information.ts';

export interface FitLogParametersOptions {
  /** Σ log L at natural parameters; writes ∂/∂parameters into `gradient` when given. */
  logLikelihood: (parameters: ArrayLike<number>, gradient?: Float64Array) => number;
  start: readonly number[];
  customerCount: number;
  maxIterations: number;
  gradientTolerance: number;
}

/** What every model fit reports besides its parameters. */
export interface ModelFitDiagnostics {
  /** Σ log L at the estimate. */
  logLikelihood: number;
  /** Customers the model was fitted on. */
  customers: number;
  iterations: number;
  evaluations: number;
  /** Whether the optimiser met its gradient criterion; when false, `reason` says why it stopped. */
  converged: boolean;
  /** Largest |∂(mean log L)/∂ log θ| at the estimate. */
  gradientNorm: number;
  method: 'bfgs' | 'nelder-mead + bfgs';
  reason: string;
}

export interface LogParameterFit {
  parameters: number[];
  /** Asymptotic standard errors of `parameters`; undefined when the observed information is not positive definite. */
  standardErrors: number[] | undefined;
  diagnostics: ModelFitDiagnostics;
}

export function fitLogParameters(options: FitLogParametersOptions): LogParameterFit {
  const { logLikelihood, customerCount, maxIterations, gradientTolerance } = options;
  const size = options.start.length;
  const natural = new Float64Array(size);
  const naturalGradient = new Float64Array(size);
  const objective = (logParameters: Float64Array, gradient: Float64Array): number => {
    for (let index = 0; index < size; index++) natural[index] = Math.exp(logParameters[index]!);
    const value = logLikelihood(natural, naturalGradient);
    // Chain rule: ∂/∂ log θ = θ ∂/∂θ.
    for (let index = 0; index < size; index++) {
      gradient[index] = (-natural[index]! * naturalGradient[index]!) / customerCount;
    }
    return -value / customerCount;
  };
  const result = minimizeRobustly({
    objective,
    start: options.start.map(Math.log),
    maxIterations,
    gradientTolerance,
  });
  const parameters = result.point.map(Math.exp);
  return {
    parameters,
    standardErrors: standardErrors({
      gradient: (point, gradient) => logLikelihood(point, gradient),
      point: parameters,
    }),
    diagnostics: {
      logLikelihood: logLikelihood(parameters),
      customers: customerCount,
      iterations: result.iterations,
      evaluations: result.evaluations,
      converged: result.converged,
      gradientNorm: result.gradientNorm,
      method: result.method,
      reason: result.reason,
    },
  };
}

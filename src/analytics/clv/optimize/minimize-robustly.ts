/**
 * The strategy the model fits use: BFGS from the start point; if it does not converge (an infeasible region, a
 * line search stuck on a flat ridge), Nelder–Mead from the best point found, then BFGS again to polish.
 */
import { minimizeBfgs } from './minimize-bfgs.ts';
import { minimizeNelderMead } from './minimize-nelder-mead.ts';
import type { MinimizeResult, ObjectiveWithGradient } from './types.ts';

export interface MinimizeRobustlyOptions {
  objective: ObjectiveWithGradient;
  start: readonly number[];
  maxIterations: number;
  gradientTolerance: number;
}

export interface RobustMinimizeResult extends MinimizeResult {
  method: 'bfgs' | 'nelder-mead + bfgs';
}

export function minimizeRobustly(options: MinimizeRobustlyOptions): RobustMinimizeResult {
  const { objective, maxIterations, gradientTolerance } = options;
  const first = minimizeBfgs({ objective, start: options.start, maxIterations, gradientTolerance });
  if (first.converged) return { ...first, method: 'bfgs' };

  const scratchGradient = new Float64Array(options.start.length);
  const simplex = minimizeNelderMead({
    objective: (point) => objective(point, scratchGradient),
    start: Number.isFinite(first.value) ? first.point : options.start,
    maxIterations: maxIterations * 10,
  });
  const polished = minimizeBfgs({ objective, start: simplex.point, maxIterations, gradientTolerance });
  const best =
    polished.value <= simplex.value ? polished : { ...polished, point: simplex.point, value: simplex.value };
  return {
    ...best,
    iterations: first.iterations + simplex.iterations + polished.iterations,
    evaluations: first.evaluations + simplex.evaluations + polished.evaluations,
    method: 'nelder-mead + bfgs',
  };
}

/** The shared vocabulary of the small optimisers in this folder. */

/** Returns f(x) and writes ∇f(x) into `gradient`; a non-finite value means "outside the feasible region". */
export type ObjectiveWithGradient = (point: Float64Array, gradient: Float64Array) => number;

/** Returns f(x); a non-finite value means "outside the feasible region". */
export type Objective = (point: Float64Array) => number;

export interface MinimizeResult {
  point: number[];
  value: number;
  /** The largest absolute gradient component at `point` (NaN when the method does not use gradients). */
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Why the method stopped, in words. */
  reason: string;
}

/**
 * Nelder–Mead downhill simplex (Lagarias et al. 1998 coefficients: reflect 1, expand 2, contract ½, shrink ½).
 * Slow but derivative-free and hard to upset: the fits use it to get out of regions where the quasi-Newton line
 * search fails (a flat likelihood far from the optimum), then polish with BFGS.
 */
import type { MinimizeResult, Objective } from './types.ts';

export interface MinimizeNelderMeadOptions {
  objective: Objective;
  start: readonly number[];
  /** Edge length of the initial simplex along each axis. */
  initialStep?: number;
  maxIterations?: number;
  /** Converged when the spread of values over the simplex and its diameter are both below these. */
  valueTolerance?: number;
  pointTolerance?: number;
}

interface Vertex {
  point: Float64Array;
  value: number;
}

function evaluateFinite(objective: Objective, point: Float64Array): number {
  const value = objective(point);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

/** centroid + coefficient · (centroid − worst) */
function alongLine(centroid: Float64Array, worst: Float64Array, coefficient: number): Float64Array {
  return centroid.map((value, index) => value + coefficient * (value - worst[index]!));
}

function simplexDiameter(vertices: readonly Vertex[]): number {
  const best = vertices[0]!.point;
  let largest = 0;
  for (const vertex of vertices) {
    for (let index = 0; index < best.length; index++) {
      largest = Math.max(largest, Math.abs(vertex.point[index]! - best[index]!));
    }
  }
  return largest;
}

export function minimizeNelderMead(options: MinimizeNelderMeadOptions): MinimizeResult {
  const {
    objective,
    initialStep = 0.5,
    maxIterations = 5000,
    valueTolerance = 1e-12,
    pointTolerance = 1e-9,
  } = options;
  const size = options.start.length;
  const vertices: Vertex[] = [];
  for (let vertexIndex = 0; vertexIndex <= size; vertexIndex++) {
    const point = Float64Array.from(options.start);
    if (vertexIndex > 0) point[vertexIndex - 1]! += initialStep;
    vertices.push({ point, value: evaluateFinite(objective, point) });
  }
  let evaluations = size + 1;
  const evaluate = (point: Float64Array): Vertex => {
    evaluations++;
    return { point, value: evaluateFinite(objective, point) };
  };

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    vertices.sort((left, right) => left.value - right.value);
    const best = vertices[0]!;
    const worst = vertices[size]!;
    const secondWorst = vertices[size - 1]!;
    const spread = Math.abs(worst.value - best.value);
    if (
      spread <= valueTolerance * (Math.abs(best.value) + 1e-30) &&
      simplexDiameter(vertices) <= pointTolerance
    ) {
      return {
        point: [...best.point],
        value: best.value,
        gradientNorm: Number.NaN,
        iterations: iteration,
        evaluations,
        converged: true,
        reason: 'simplex collapsed',
      };
    }
    const centroid = new Float64Array(size);
    for (let vertexIndex = 0; vertexIndex < size; vertexIndex++) {
      for (let index = 0; index < size; index++)
        centroid[index]! += vertices[vertexIndex]!.point[index]! / size;
    }
    const reflected = evaluate(alongLine(centroid, worst.point, 1));
    if (reflected.value < best.value) {
      const expanded = evaluate(alongLine(centroid, worst.point, 2));
      vertices[size] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < secondWorst.value) {
      vertices[size] = reflected;
      continue;
    }
    const isOutside = reflected.value < worst.value;
    const contracted = evaluate(alongLine(centroid, worst.point, isOutside ? 0.5 : -0.5));
    if (contracted.value < (isOutside ? reflected.value : worst.value)) {
      vertices[size] = contracted;
      continue;
    }
    for (let vertexIndex = 1; vertexIndex <= size; vertexIndex++) {
      const shrunk = vertices[vertexIndex]!.point.map(
        (value, index) => best.point[index]! + 0.5 * (value - best.point[index]!),
      );
      vertices[vertexIndex] = evaluate(shrunk);
    }
  }
  vertices.sort((left, right) => left.value - right.value);
  const best = vertices[0]!;
  return {
    point: [...best.point],
    value: best.value,
    gradientNorm: Number.NaN,
    iterations: maxIterations,
    evaluations,
    converged: false,
    reason: `no convergence in ${maxIterations} iterations`,
  };
}

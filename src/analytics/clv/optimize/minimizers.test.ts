import { describe, expect, it } from 'vitest';
import { minimizeBfgs } from './minimize-bfgs.ts';
import { minimizeNelderMead } from './minimize-nelder-mead.ts';
import { minimizeRobustly } from './minimize-robustly.ts';
import type { ObjectiveWithGradient } from './types.ts';

/** Rosenbrock's banana valley: minimum 0 at (1, 1), a curved narrow valley that defeats naive descent. */
const rosenbrock: ObjectiveWithGradient = (point, gradient) => {
  const x = point[0]!;
  const y = point[1]!;
  gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x);
  gradient[1] = 200 * (y - x * x);
  return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
};

/** A badly scaled quadratic: minimum at (3, −2, 0.5) with curvatures 1, 10⁴ and 10⁻². */
const illConditioned: ObjectiveWithGradient = (point, gradient) => {
  const offsets = [point[0]! - 3, point[1]! + 2, point[2]! - 0.5];
  const curvatures = [1, 1e4, 1e-2];
  let value = 0;
  offsets.forEach((offset, index) => {
    gradient[index] = curvatures[index]! * offset;
    value += 0.5 * curvatures[index]! * offset * offset;
  });
  return value;
};

/** Infinite outside x > 0: the optimiser must back off instead of stepping into it. */
const logBarrier: ObjectiveWithGradient = (point, gradient) => {
  const x = point[0]!;
  gradient[0] = 1 - 1 / x;
  return x > 0 ? x - Math.log(x) : Number.POSITIVE_INFINITY;
};

describe('minimizeBfgs', () => {
  it('finds the minimum of the Rosenbrock valley from (−1.2, 1)', () => {
    const result = minimizeBfgs({ objective: rosenbrock, start: [-1.2, 1], gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
    expect(result.point[1]).toBeCloseTo(1, 8);
  });

  it('copes with curvatures six orders of magnitude apart', () => {
    const result = minimizeBfgs({ objective: illConditioned, start: [0, 0, 0], maxStepLength: 100 });
    expect(result.converged).toBe(true);
    expect(result.point.map((value) => Number(value.toFixed(6)))).toEqual([3, -2, 0.5]);
  });

  it('backs off from infeasible points', () => {
    const result = minimizeBfgs({ objective: logBarrier, start: [5] });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
  });

  it('says it did not converge when the iterations run out', () => {
    const result = minimizeBfgs({ objective: rosenbrock, start: [-1.2, 1], maxIterations: 3 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(3);
    expect(result.reason).toMatch(/no convergence in 3 iterations/);
  });

  it('refuses an infeasible start point', () => {
    const result = minimizeBfgs({ objective: logBarrier, start: [-1] });
    expect(result.converged).toBe(false);
    expect(result.reason).toMatch(/start point/);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley without derivatives', () => {
    const scratch = new Float64Array(2);
    const result = minimizeNelderMead({ objective: (point) => rosenbrock(point, scratch), start: [-1.2, 1] });
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
  });

  it('treats non-finite values as infinitely bad', () => {
    const scratch = new Float64Array(1);
    const result = minimizeNelderMead({
      objective: (point) => logBarrier(point, scratch),
      start: [0.2],
      initialStep: 2,
    });
    expect(result.point[0]).toBeCloseTo(1, 4);
  });
});

describe('minimizeRobustly', () => {
  it('falls back to Nelder–Mead and polishes with BFGS when BFGS alone gives up', () => {
    // Eight BFGS iterations are not enough to follow the valley from (−1.2, 1).
    const alone = minimizeBfgs({ objective: rosenbrock, start: [-1.2, 1], maxIterations: 8 });
    expect(alone.converged).toBe(false);
    const result = minimizeRobustly({
      objective: rosenbrock,
      start: [-1.2, 1],
      maxIterations: 8,
      gradientTolerance: 1e-8,
    });
    expect(result.method).toBe('nelder-mead + bfgs');
    expect(result.value).toBeLessThan(alone.value / 1e6);
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
  });

  it('uses BFGS alone when it converges', () => {
    const result = minimizeRobustly({
      objective: illConditioned,
      start: [0, 0, 0],
      maxIterations: 200,
      gradientTolerance: 1e-9,
    });
    expect(result.method).toBe('bfgs');
    expect(result.converged).toBe(true);
  });
});

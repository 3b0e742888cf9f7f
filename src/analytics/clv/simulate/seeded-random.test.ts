import { describe, expect, it } from 'vitest';
import { createRandomSource } from './seeded-random.ts';

function meanAndVariance(values: readonly number[]): [number, number] {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return [mean, variance];
}

describe('createRandomSource', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const first = createRandomSource(42);
    const again = createRandomSource(42);
    const other = createRandomSource(43);
    const draws = Array.from({ length: 5 }, () => first.uniform());
    expect(Array.from({ length: 5 }, () => again.uniform())).toEqual(draws);
    expect(Array.from({ length: 5 }, () => other.uniform())).not.toEqual(draws);
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12', () => {
    const random = createRandomSource(1);
    const draws = Array.from({ length: 50_000 }, () => random.uniform());
    expect(draws.every((value) => value > 0 && value < 1)).toBe(true);
    const [mean, variance] = meanAndVariance(draws);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(variance).toBeCloseTo(1 / 12, 3);
  });

  it.each([
    [0.25, 4],
    [3.5, 0.5],
  ])('draws Gamma(%d, rate %d) with mean k/θ and variance k/θ²', (shape, rate) => {
    const random = createRandomSource(7);
    const [mean, variance] = meanAndVariance(
      Array.from({ length: 100_000 }, () => random.gamma(shape, rate)),
    );
    expect(Math.abs(mean - shape / rate)).toBeLessThan(0.02 * (shape / rate));
    expect(Math.abs(variance - shape / rate ** 2)).toBeLessThan(0.06 * (shape / rate ** 2));
  });

  it('draws Beta(a, b) with mean a/(a+b)', () => {
    const random = createRandomSource(9);
    const [mean] = meanAndVariance(Array.from({ length: 50_000 }, () => random.beta(0.8, 2.4)));
    expect(mean).toBeCloseTo(0.8 / 3.2, 2);
  });
});

import { describe, expect, it } from 'vitest';
import { cumulativeWeights, mixSeed, Random } from './random.ts';

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function draws(count: number, draw: () => number): number[] {
  return Array.from({ length: count }, draw);
}

describe('Random', () => {
  it('repeats the same stream for the same seed and differs for another seed', () => {
    const first = new Random(1);
    const again = new Random(1);
    const other = new Random(2);
    const a = draws(20, () => first.nextUint32());
    expect(draws(20, () => again.nextUint32())).toEqual(a);
    expect(draws(20, () => other.nextUint32())).not.toEqual(a);
  });

  it('derives distinct streams from seed parts, including the high bits of large and negative seeds', () => {
    const seeds = [
      mixSeed(1, 2),
      mixSeed(2, 1),
      mixSeed(1, 2, 0),
      mixSeed(2 ** 40 + 1),
      mixSeed(1),
      mixSeed(-1),
    ];
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(mixSeed(5, 6)).toBe(mixSeed(5, 6));
  });

  it('draws uniform floats in [0, 1) with mean one half', () => {
    const random = new Random(3);
    const values = draws(20_000, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(mean(values)).toBeCloseTo(0.5, 1);
  });

  it('draws integers over the whole inclusive range', () => {
    const random = new Random(4);
    const values = new Set(draws(2000, () => random.integer(3, 6)));
    expect([...values].sort()).toEqual([3, 4, 5, 6]);
  });

  it('picks indices in proportion to their weights', () => {
    const random = new Random(5);
    const table = cumulativeWeights([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let draw = 0; draw < 20_000; draw++) {
      const index = random.pickIndex(table);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeCloseTo(3, 0);
  });

  it('rejects negative or all-zero weights', () => {
    expect(() => cumulativeWeights([1, -1])).toThrow(/non-negative/);
    expect(() => cumulativeWeights([0, 0])).toThrow(/all be zero/);
  });

  it('has the documented means for its distributions', () => {
    const random = new Random(6);
    expect(mean(draws(20_000, () => random.exponential(4)))).toBeCloseTo(0.25, 1);
    expect(mean(draws(20_000, () => random.poisson(3)))).toBeCloseTo(3, 1);
    expect(mean(draws(5000, () => random.poisson(100))) / 100).toBeCloseTo(1, 1);
    expect(mean(draws(20_000, () => random.gamma(2.5, 2)))).toBeCloseTo(5, 0);
    expect(mean(draws(20_000, () => random.gamma(0.5, 1)))).toBeCloseTo(0.5, 1);
    expect(mean(draws(20_000, () => random.beta(2, 6)))).toBeCloseTo(0.25, 1);
    const normals = draws(20_000, () => random.normal());
    expect(mean(normals)).toBeCloseTo(0, 1);
    expect(mean(normals.map((value) => value * value))).toBeCloseTo(1, 1);
  });

  it.each([
    [0.25, 4],
    [3.5, 0.5],
  ])('draws Gamma(shape %d, scale %d) with mean kθ and variance kθ² (small shapes too)', (shape, scale) => {
    const random = new Random(7);
    const values = draws(100_000, () => random.gamma(shape, scale));
    const average = mean(values);
    const variance = mean(values.map((value) => (value - average) ** 2));
    expect(Math.abs(average - shape * scale)).toBeLessThan(0.02 * shape * scale);
    expect(Math.abs(variance - shape * scale ** 2)).toBeLessThan(0.06 * shape * scale ** 2);
  });

  it('draws uniforms in [0, 1) with variance 1/12', () => {
    const random = new Random(1);
    const values = draws(50_000, () => random.next());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(mean(values.map((value) => (value - 0.5) ** 2))).toBeCloseTo(1 / 12, 3);
  });

  it('shuffles in place into a permutation, the same one for the same seed', () => {
    const shuffled = new Random(3).shuffleInPlace(Int32Array.from({ length: 50 }, (_, index) => index));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index));
    expect(shuffled).not.toEqual(Int32Array.from({ length: 50 }, (_, index) => index));
    expect(new Random(3).shuffleInPlace(Int32Array.from({ length: 50 }, (_, index) => index))).toEqual(
      shuffled,
    );
  });

  it('samples distinct items without changing the source list', () => {
    const random = new Random(7);
    const items = [1, 2, 3, 4, 5];
    const sample = random.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(random.sample(items, 10)).toHaveLength(5);
  });

  it('formats hex digits with leading zeros', () => {
    const random = new Random(8);
    for (let draw = 0; draw < 100; draw++) expect(random.hex(8)).toMatch(/^[0-9a-f]{8}$/);
    expect(random.hex(3)).toMatch(/^[0-9a-f]{3}$/);
  });
});

import { describe, expect, it } from 'vitest';
import { createSeededRandom } from './seeded-random.ts';

function draw(count: number, next: () => number): number[] {
  return Array.from({ length: count }, next);
}

describe('createSeededRandom', () => {
  it('gives the same sequence for the same seed and stream', () => {
    const first = createSeededRandom(42, 3);
    const second = createSeededRandom(42, 3);
    expect(draw(100, first.nextFloat)).toEqual(draw(100, second.nextFloat));
  });

  it('gives different sequences for different seeds, streams, and seeds beyond 32 bits', () => {
    const sequences = [
      draw(5, createSeededRandom(1).nextFloat),
      draw(5, createSeededRandom(2).nextFloat),
      draw(5, createSeededRandom(1, 1).nextFloat),
      draw(5, createSeededRandom(1 + 2 ** 32).nextFloat),
      draw(5, createSeededRandom(-1).nextFloat),
    ];
    expect(new Set(sequences.map((sequence) => sequence.join(','))).size).toBe(sequences.length);
  });

  it('draws floats in [0, 1) that are spread evenly', () => {
    const values = draw(20_000, createSeededRandom(7).nextFloat);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const tenths = new Array<number>(10).fill(0);
    for (const value of values) tenths[Math.floor(value * 10)]! += 1;
    for (const count of tenths) expect(count).toBeGreaterThan(1_800); // 2,000 expected in each tenth
  });

  it('draws integers below the bound, reaching every value', () => {
    const random = createSeededRandom(9);
    const values = draw(1_000, () => random.nextInt(7));
    expect(values.every((value) => Number.isInteger(value) && value >= 0 && value < 7)).toBe(true);
    expect(new Set(values).size).toBe(7);
  });
});

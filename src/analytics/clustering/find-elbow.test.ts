import { describe, expect, it } from 'vitest';
import { findElbow } from './find-elbow.ts';

const curve = (inertias: number[]) => inertias.map((inertia, index) => ({ k: index + 2, inertia }));

describe('findElbow', () => {
  it('finds the k where the inertia curve bends', () => {
    expect(findElbow(curve([1000, 600, 200, 170, 150, 135, 125]))).toBe(4);
  });

  it('finds no elbow on a straight line', () => {
    expect(findElbow(curve([100, 80, 60, 40, 20]))).toBeUndefined();
  });

  it('needs at least three points', () => {
    expect(findElbow(curve([100, 10]))).toBeUndefined();
  });

  it('copes with a curve that is not monotone (a poorer local optimum at a larger k)', () => {
    expect(findElbow(curve([900, 300, 120, 130, 90, 80]))).toBe(4);
  });
});

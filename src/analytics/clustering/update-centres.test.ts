import { describe, expect, it } from 'vitest';
import { createLloydState, relocateEmptyClusters, updateCentres } from './update-centres.ts';

describe('relocateEmptyClusters', () => {
  it('gives an empty cluster the point farthest from its centre, and updateCentres moves the centre onto it', () => {
    // One feature: points 0, 1, 2 and 10, all in cluster 0; cluster 1 (centre at 100) is empty.
    const state = createLloydState({
      matrix: { data: Float64Array.from([0, 1, 2, 10]), rows: 4, columns: 1 },
      centres: Float64Array.from([3.25, 100]),
      labels: Int32Array.from([0, 0, 0, 0]),
      distances: Float64Array.from([3.25, 2.25, 1.25, 6.75]),
    });
    expect(relocateEmptyClusters(state)).toBe(1);
    expect(Array.from(state.labels)).toEqual([0, 0, 0, 1]);
    expect(Array.from(state.counts)).toEqual([3, 1]);
    // The moved point's bounds force an exact check in the next assignment pass.
    expect(state.upperStored[3]).toBe(Infinity);

    const shiftTotal = updateCentres(state);
    expect(Array.from(state.centres)).toEqual([1, 10]);
    expect(shiftTotal).toBeCloseTo(2.25 ** 2 + 90 ** 2, 9);
    // Every other point's lower bound must allow for the relocated centre's jump of 90.
    expect(state.maxDrift).toBe(90);
  });

  it('leaves a cluster empty when every other cluster has a single point', () => {
    const state = createLloydState({
      matrix: { data: Float64Array.from([0, 5]), rows: 2, columns: 1 },
      centres: Float64Array.from([0, 5, 9]),
      labels: Int32Array.from([0, 1]),
      distances: Float64Array.from([0, 0]),
    });
    expect(relocateEmptyClusters(state)).toBe(0);
    expect(Array.from(state.counts)).toEqual([1, 1, 0]);
  });
});

describe('updateCentres', () => {
  it("orders each centre's neighbours by distance and halves the nearest gap", () => {
    const state = createLloydState({
      matrix: { data: Float64Array.from([0, 1, 4, 10]), rows: 4, columns: 1 },
      centres: Float64Array.from([0, 1, 4, 10]),
      labels: Int32Array.from([0, 1, 2, 3]),
      distances: new Float64Array(4),
    });
    updateCentres(state);
    expect(Array.from(state.neighbours.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Array.from(state.neighbours.subarray(9, 12))).toEqual([2, 1, 0]);
    expect(Array.from(state.halfGaps)).toEqual([0.5, 0.5, 1.5, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { chooseK } from './choose-k.ts';
import { generateBlobs } from './generate-blobs.ts';

describe('chooseK', () => {
  const blobs = generateBlobs({ rows: 1_200, columns: 3, blobs: 4, spread: 0.8, boxHalfWidth: 10, seed: 4 });

  it('draws blobs that really are well separated (the premise of the tests below)', () => {
    const centre = (blob: number) => Array.from(blobs.centres.subarray(blob * 3, blob * 3 + 3));
    for (let first = 0; first < 4; first++) {
      for (let second = first + 1; second < 4; second++) {
        const distance = Math.hypot(...centre(first).map((value, axis) => value - centre(second)[axis]!));
        expect(distance).toBeGreaterThan(7); // nearly 9 standard deviations
      }
    }
  });

  it('picks the number of well-separated blobs, with every candidate reported', () => {
    const choice = chooseK({ ...blobs.matrix, seed: 1 });
    expect(choice.k).toBe(4);
    expect(choice.candidates.map((candidate) => candidate.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const best = choice.candidates.find((candidate) => candidate.k === 4)!;
    for (const candidate of choice.candidates)
      expect(candidate.silhouette!).toBeLessThanOrEqual(best.silhouette!);
    expect(choice.silhouette).toBe(best.silhouette);
    expect(choice.fit.inertia).toBe(best.inertia);
    expect(choice.elbowK).toBe(4);
    expect(choice.reason).toBe(
      `k = 4: highest silhouette ${best.silhouette!.toFixed(2)}; the elbow of inertia is at k = 4`,
    );
  });

  it('computes silhouettes on a sample of the requested size', () => {
    const choice = chooseK({ ...blobs.matrix, seed: 1, kMax: 5, sampleSize: 300 });
    expect(choice.sampleRows).toBe(300);
    expect(choice.k).toBe(4);
  });

  it('is deterministic for a seed', () => {
    const first = chooseK({ ...blobs.matrix, seed: 7, kMax: 6 });
    const second = chooseK({ ...blobs.matrix, seed: 7, kMax: 6 });
    expect(second.candidates).toEqual(first.candidates);
    expect(Array.from(second.fit.labels)).toEqual(Array.from(first.fit.labels));
  });

  it('stops at the number of distinct rows and says so', () => {
    // Three distinct points, each repeated: k = 4 and beyond cannot be fitted.
    const data = Float64Array.from({ length: 60 }, (_, index) => [0, 5, 20][index % 3]!);
    const choice = chooseK({ data, rows: 60, columns: 1, kMax: 8 });
    expect(choice.candidates.map((candidate) => candidate.k)).toEqual([2, 3]);
    expect(choice.k).toBe(3);
    expect(choice.reason).toBe(
      'k = 3: highest silhouette 1.00; the inertia curve has no clear elbow (k stopped at 3: only 3 distinct rows)',
    );
  });

  it('refuses data too small to compare k values', () => {
    const tooSmall = () => chooseK({ data: Float64Array.from([1, 2]), rows: 2, columns: 1 });
    expect(tooSmall).toThrow(SegmintError);
    expect(tooSmall).toThrow('Choosing k from 2 needs at least 3 rows, but there are 2.');
  });

  it('refuses data whose rows are all equal', () => {
    expect(() => chooseK({ data: new Float64Array(10).fill(3), rows: 10, columns: 1 })).toThrow(
      'The data has only 1 distinct row(s), too few to compare 2 or more clusters.',
    );
  });

  it('refuses kMin above kMax', () => {
    expect(() => chooseK({ ...blobs.matrix, kMin: 6, kMax: 3 })).toThrow('kMin must not exceed kMax');
  });
});

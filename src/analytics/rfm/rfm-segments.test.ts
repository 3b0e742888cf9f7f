import { describe, expect, it } from 'vitest';
import { RFM_SEGMENTS, rfmSegmentOf } from './rfm-segments.ts';

describe('named RFM segments', () => {
  it.each([
    [5, 5, 'Champions'],
    [5, 4, 'Champions'],
    [4, 5, 'Loyal'],
    [3, 4, 'Loyal'],
    [5, 2, 'Potential loyalists'],
    [4, 3, 'Potential loyalists'],
    [5, 1, 'New'],
    [4, 1, 'Promising'],
    [3, 3, 'Need attention'],
    [3, 1, 'About to sleep'],
    [2, 4, 'At risk'],
    [1, 3, 'At risk'],
    [1, 5, "Can't lose them"],
    [2, 2, 'Hibernating'],
    [1, 1, 'Lost'],
  ] as const)('names R=%i F=%i "%s"', (r, f, name) => {
    expect(rfmSegmentOf(r, f)).toBe(name);
  });

  it('uses every one of the eleven names somewhere on the 5 × 5 grid', () => {
    const used = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) used.add(rfmSegmentOf(r, f));
    expect([...used].sort()).toEqual([...RFM_SEGMENTS].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { splitByTime } from './split-by-time.ts';

describe('splitByTime', () => {
  const cutoff = new Date('2024-03-31T00:00:00Z');

  it('trains on rows observed up to and including the cut-off and holds out later ones', () => {
    const records = [
      { observedAt: '2024-01-31' },
      { observedAt: new Date('2024-04-30T00:00:00Z') },
      { observedAt: '2024-03-31T00:00:00Z' },
      { observedAt: Date.parse('2024-05-31T00:00:00Z') },
    ];
    const { train, holdout } = splitByTime({ records, timeColumn: 'observedAt', cutoff });
    expect(Array.from(train)).toEqual([0, 2]);
    expect(Array.from(holdout)).toEqual([1, 3]);
  });

  it('refuses a row without a readable observation date, naming the row', () => {
    const records = [{ observedAt: '2024-01-31' }, { observedAt: 'last spring' }];
    const split = () => splitByTime({ records, timeColumn: 'observedAt', cutoff });
    expect(split).toThrow(SegmintError);
    expect(split).toThrow(/Row 2/);
  });
});

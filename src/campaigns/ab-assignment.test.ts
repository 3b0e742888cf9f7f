import { describe, expect, it } from 'vitest';
import type { AbTest } from '../schema/campaign.ts';
import { assignAbVariant, audienceBucket } from './ab-assignment.ts';

const test: AbTest = {
  variants: [{ name: 'A' }, { name: 'B' }, { name: 'C' }],
  samplePercent: 30,
  metric: 'open_rate',
  decideAfterHours: 4,
};

describe('A/B assignment', () => {
  it('puts the sample share in the test, split evenly across the variants', () => {
    const counts = new Map<string, number>();
    const profiles = 60_000;
    for (let index = 0; index < profiles; index += 1) {
      const assignment = assignAbVariant(test, audienceBucket('cmp_1', `profile-${index}`));
      const key = assignment.kind === 'sample' ? assignment.variant : 'remainder';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Expected 6,000 per variant and 42,000 held back; 4 standard deviations of a binomial is under 300.
    for (const variant of ['A', 'B', 'C'])
      expect(Math.abs((counts.get(variant) ?? 0) - 6_000)).toBeLessThan(300);
    expect(Math.abs((counts.get('remainder') ?? 0) - 42_000)).toBeLessThan(450);
  });

  it('is deterministic per campaign and profile, and independent across campaigns', () => {
    expect(audienceBucket('cmp_1', 'ann')).toBe(audienceBucket('cmp_1', 'ann'));
    let same = 0;
    for (let index = 0; index < 1_000; index += 1) {
      const first = assignAbVariant(test, audienceBucket('cmp_1', `p${index}`));
      const second = assignAbVariant(test, audienceBucket('cmp_2', `p${index}`));
      if (JSON.stringify(first) === JSON.stringify(second)) same += 1;
    }
    // Independent assignments agree with probability 0.7² + 3·0.1² = 0.52.
    expect(same).toBeGreaterThan(450);
    expect(same).toBeLessThan(590);
  });

  it('maps bucket edges to the right variant', () => {
    expect(assignAbVariant(test, 0)).toEqual({ kind: 'sample', variant: 'A' });
    expect(assignAbVariant(test, 0.0999)).toEqual({ kind: 'sample', variant: 'A' });
    expect(assignAbVariant(test, 0.1)).toEqual({ kind: 'sample', variant: 'B' });
    expect(assignAbVariant(test, 0.2999)).toEqual({ kind: 'sample', variant: 'C' });
    expect(assignAbVariant(test, 0.3)).toEqual({ kind: 'remainder' });
    expect(assignAbVariant({ ...test, samplePercent: 100 }, 0.9999)).toEqual({
      kind: 'sample',
      variant: 'C',
    });
  });
});

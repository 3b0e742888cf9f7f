/**
 * Fuzzing the profile API: any text — SQL, LIKE wildcards, template syntax, NUL, broken percent-encoding — looked
 * up or searched for finds exactly the profiles that literally hold it, or gets a clear 4xx; never a 5xx, never a
 * write. SEGMINT_FUZZ_RUNS and SEGMINT_FUZZ_SEED change the count and repeat a run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { seedProfiles, SEEDED_USER_IDS, type SeededProfiles } from './fuzz-profiles-oracle.ts';
import { profileFuzzProperties } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 200);
const seed = process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);

describeEachEngine('profile API under fuzzing', (getStore) => {
  let fuzz: { target: FuzzTarget; seeded: SeededProfiles } | undefined;
  beforeAll(async () => {
    const target = await createFuzzTarget(getStore());
    fuzz = { target, seeded: await seedProfiles(target) };
  });
  afterAll(async () => fuzz?.target.app.close());

  it('seeds one profile per tricky user id', () => {
    expect(fuzz?.seeded.namesById.size).toBe(SEEDED_USER_IDS.length);
  });

  const properties = profileFuzzProperties(() => {
    if (!fuzz) throw new Error('fuzz target not built yet');
    return fuzz;
  });
  for (const property of properties) {
    it(`holds for ${property.name} (${runs} cases)`, async () => {
      await property.run({ numRuns: runs, seed });
      // The cases got where they were meant to (validation, authentication, the store), not all stuck at one gate.
      expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
    });
  }
});

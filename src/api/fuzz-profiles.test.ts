/**
 * Fuzzing the profile API: any text — SQL, LIKE wildcards, template syntax, NUL, broken percent-encoding — looked
 * up or searched for finds exactly the profiles that literally hold it, or gets a clear 4xx; never a 5xx, never a
 * write. SEGMINT_FUZZ_RUNS and SEGMINT_FUZZ_SEED change the count and repeat a run.
 */
import { expect, it } from 'vitest';
import { describeFuzzSuite } from './describe-fuzz-suite.ts';
import { seedProfiles, SEEDED_USER_IDS } from './fuzz-profiles-oracle.ts';
import { profileFuzzProperties } from './fuzz-properties.ts';

describeFuzzSuite('profile API under fuzzing', {
  defaultRuns: 200,
  prepare: async (target) => ({ target, seeded: await seedProfiles(target) }),
  checks: (fuzz) => {
    it('seeds one profile per tricky user id', () => {
      expect(fuzz().seeded.namesById.size).toBe(SEEDED_USER_IDS.length);
    });
  },
  properties: profileFuzzProperties,
});

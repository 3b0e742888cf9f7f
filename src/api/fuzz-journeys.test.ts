/**
 * Fuzzing the journey validator through the API: mutated example journeys and hostile values get a 2xx or a clear
 * 4xx, never a 5xx; a refused save writes nothing. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the other suites.
 */
import { describeFuzzSuite } from './describe-fuzz-suite.ts';
import { seedJourneyFuzzTarget } from './fuzz-journeys.ts';
import { journeyFuzzProperties } from './fuzz-properties.ts';

describeFuzzSuite('journey definitions under fuzzing', {
  defaultRuns: 80,
  prepare: async (target) => {
    await seedJourneyFuzzTarget(target);
    return target;
  },
  properties: journeyFuzzProperties,
  timeoutMs: 180_000,
});

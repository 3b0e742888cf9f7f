/**
 * Fuzzing the segment text parser and compiler through the API: any text gets a 2xx or a clear 4xx, never a 5xx;
 * a refused segment writes nothing; an accepted one round-trips. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the
 * other fuzz suites; `npm run soak` runs many more cases.
 */
import { describeFuzzSuite } from './describe-fuzz-suite.ts';
import { segmentTextFuzzProperties } from './fuzz-properties.ts';

describeFuzzSuite('segment text under fuzzing', {
  defaultRuns: 60,
  prepare: async (target) => target,
  properties: segmentTextFuzzProperties,
  timeoutMs: 180_000,
});

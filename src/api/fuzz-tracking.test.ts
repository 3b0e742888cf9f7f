/**
 * Fuzzing the Segment tracking API: random, malformed and hostile requests (src/api/fuzz-requests.ts) to every
 * tracking endpoint get a 4xx with a clear JSON message or a 200 when they are in fact valid — never a 5xx — and a
 * rejected request writes nothing. A few hundred cases per engine here; `npm run soak` runs 100,000.
 * SEGMINT_FUZZ_RUNS and SEGMINT_FUZZ_SEED change the count and repeat a run.
 */
import { describeFuzzSuite } from './describe-fuzz-suite.ts';
import { trackingFuzzProperties } from './fuzz-properties.ts';

describeFuzzSuite('tracking API under fuzzing', {
  defaultRuns: 150,
  prepare: async (target) => target,
  properties: trackingFuzzProperties,
});

/**
 * Fuzzing the public endpoints around email and content (tracking links, preference centre, in-app content, feeds):
 * never a 5xx, nothing written. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the other suites.
 */
import { describeFuzzSuite } from './describe-fuzz-suite.ts';
import { publicEndpointFuzzProperties } from './fuzz-properties.ts';

describeFuzzSuite('public email and content endpoints under fuzzing', {
  defaultRuns: 150,
  prepare: async (target) => target,
  properties: publicEndpointFuzzProperties,
  timeoutMs: 180_000,
});

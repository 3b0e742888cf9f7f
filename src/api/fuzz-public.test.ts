/**
 * Fuzzing the public endpoints around email and content (tracking links, preference centre, in-app content, feeds):
 * never a 5xx, nothing written. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the other suites.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { publicEndpointFuzzProperties } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 150);
const seed = process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);

describeEachEngine('public email and content endpoints under fuzzing', (getStore) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    target = await createFuzzTarget(getStore());
  });
  afterAll(async () => target?.app.close());

  for (const property of publicEndpointFuzzProperties(() => {
    if (!target) throw new Error('fuzz target not built yet');
    return target;
  })) {
    it(`holds for ${property.name} (${runs} cases)`, async () => {
      await property.run({ numRuns: runs, seed });
      expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
    }, 180_000);
  }
});

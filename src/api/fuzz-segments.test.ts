/**
 * Fuzzing the segment text parser and compiler through the API: any text gets a 2xx or a clear 4xx, never a 5xx;
 * a refused segment writes nothing; an accepted one round-trips. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the
 * other fuzz suites; `npm run soak` runs many more cases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { segmentTextFuzzProperties } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 60);
const seed = process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);

describeEachEngine('segment text under fuzzing', (getStore) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    target = await createFuzzTarget(getStore());
  });
  afterAll(async () => target?.app.close());

  for (const property of segmentTextFuzzProperties(() => {
    if (!target) throw new Error('fuzz target not built yet');
    return target;
  })) {
    it(`holds for ${property.name} (${runs} cases)`, async () => {
      await property.run({ numRuns: runs, seed });
      expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
    }, 180_000);
  }
});

/**
 * Fuzzing the Segment tracking API: random, malformed and hostile requests (src/api/fuzz-requests.ts) to every
 * tracking endpoint get a 4xx with a clear JSON message or a 200 when they are in fact valid — never a 5xx — and a
 * rejected request writes nothing. A few hundred cases per engine here; `npm run soak` runs 100,000.
 * SEGMINT_FUZZ_RUNS and SEGMINT_FUZZ_SEED change the count and repeat a run.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { trackingFuzzProperties } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 150);
const seed = process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);

describeEachEngine('tracking API under fuzzing', (getStore) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    target = await createFuzzTarget(getStore());
  });
  afterAll(async () => target?.app.close());

  const properties = trackingFuzzProperties(() => {
    if (!target) throw new Error('fuzz target not built yet');
    return target;
  });
  for (const property of properties) {
    it(`holds for ${property.name} (${runs} cases)`, async () => {
      await property.run({ numRuns: runs, seed });
      // The cases got where they were meant to (validation, authentication, the store), not all stuck at one gate.
      expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
    });
  }
});

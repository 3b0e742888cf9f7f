/**
 * Fuzzing the journey validator through the API: mutated example journeys and hostile values get a 2xx or a clear
 * 4xx, never a 5xx; a refused save writes nothing. SEGMINT_FUZZ_RUNS / SEGMINT_FUZZ_SEED as in the other suites.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { seedJourneyFuzzTarget } from './fuzz-journeys.ts';
import { journeyFuzzProperties } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? 80);
const seed = process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);

describeEachEngine('journey definitions under fuzzing', (getStore) => {
  let target: FuzzTarget | undefined;
  beforeAll(async () => {
    target = await createFuzzTarget(getStore());
    await seedJourneyFuzzTarget(target);
  });
  afterAll(async () => target?.app.close());

  for (const property of journeyFuzzProperties(() => {
    if (!target) throw new Error('fuzz target not built yet');
    return target;
  })) {
    it(`holds for ${property.name} (${runs} cases)`, async () => {
      await property.run({ numRuns: runs, seed });
      expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
    }, 180_000);
  }
});

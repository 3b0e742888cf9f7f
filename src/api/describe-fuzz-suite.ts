/**
 * The frame every API fuzz suite shares: on each engine, build the fuzz target once (plus whatever the suite
 * seeds), run each property for SEGMINT_FUZZ_RUNS cases (the suite's default otherwise) from SEGMINT_FUZZ_SEED when
 * given, and check the cases got where they were meant to (validation, authentication, the store), not all stuck at
 * one gate.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import type { FuzzProperty } from './fuzz-properties.ts';
import { createFuzzTarget, type FuzzTarget } from './fuzz-target.ts';

export function describeFuzzSuite<Context>(
  title: string,
  options: {
    defaultRuns: number;
    /** Builds what the properties run against from the fuzz target (seeding data, for example). */
    prepare: (target: FuzzTarget) => Promise<Context>;
    properties: (context: () => Context) => FuzzProperty[];
    /** Tests of the prepared context itself, run before the properties. */
    checks?: (context: () => Context) => void;
    timeoutMs?: number;
  },
): void {
  const runs = Number(process.env.SEGMINT_FUZZ_RUNS ?? options.defaultRuns);
  const seed =
    process.env.SEGMINT_FUZZ_SEED === undefined ? undefined : Number(process.env.SEGMINT_FUZZ_SEED);
  describeEachEngine(title, (getStore) => {
    let prepared: { target: FuzzTarget; context: Context } | undefined;
    beforeAll(async () => {
      const target = await createFuzzTarget(getStore());
      prepared = { target, context: await options.prepare(target) };
    });
    afterAll(async () => prepared?.target.app.close());

    const context = (): Context => {
      if (!prepared) throw new Error('fuzz target not built yet');
      return prepared.context;
    };
    options.checks?.(context);
    for (const property of options.properties(context)) {
      it(
        `holds for ${property.name} (${runs} cases)`,
        async () => {
          await property.run({ numRuns: runs, seed });
          expect([...property.statuses.keys()]).toEqual(expect.arrayContaining(property.commonStatuses));
        },
        options.timeoutMs,
      );
    }
  });
}

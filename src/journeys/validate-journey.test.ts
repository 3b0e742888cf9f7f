/** Validation names every problem: schema, graph (dangling, unreachable, cycles without a wait), store lookups. */
import { beforeAll, expect, it } from 'vitest';
import { parseDurationMs, type JourneyDefinitionInput } from '../schema/journey.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { createTestTemplate } from './testing/journey-world.ts';
import { validateJourney } from './validate-journey.ts';

const base: JourneyDefinitionInput = {
  schemaVersion: 1,
  name: 'validation',
  trigger: { type: 'event', event: 'Signed Up' },
  start: 'a',
  nodes: [{ id: 'a', type: 'send', template: 'welcome' }],
};

it('reads short and ISO-8601 durations', () => {
  expect(parseDurationMs('3d')).toBe(3 * 86_400_000);
  expect(parseDurationMs('-1d')).toBe(-86_400_000);
  expect(parseDurationMs('PT2H30M')).toBe(9_000_000);
  expect(parseDurationMs('P1W')).toBe(604_800_000);
  expect(parseDurationMs('P')).toBeUndefined();
  expect(parseDurationMs('3 days')).toBeUndefined();
});

describeEachEngine('journey validation', (getStore) => {
  beforeAll(async () => {
    await createTestTemplate(getStore(), 'welcome');
    await createTestTemplate(getStore(), 'hook-body', 'webhook');
  });

  const cases: { name: string; journey: JourneyDefinitionInput; problems: RegExp[] }[] = [
    {
      name: 'a dangling edge',
      journey: { ...base, nodes: [{ id: 'a', type: 'delay', duration: '1d', next: 'nowhere' }] },
      problems: [/nodes\[0\]\.next: node "a" leads to "nowhere", which does not exist/],
    },
    {
      name: 'an unreachable node',
      journey: { ...base, nodes: [...base.nodes, { id: 'island', type: 'exit' }] },
      problems: [/nodes\[1\]: node "island" is unreachable/],
    },
    {
      name: 'a cycle without a wait',
      journey: {
        ...base,
        nodes: [
          { id: 'a', type: 'branch', condition: 'plan = "pro"', then: 'b', else: null },
          { id: 'b', type: 'update_trait', trait: 'x', value: 1, next: 'a' },
        ],
      },
      problems: [/the cycle a → b → a has no delay or wait/],
    },
    {
      name: 'a missing template and a template for another channel',
      journey: {
        ...base,
        nodes: [
          { id: 'a', type: 'send', template: 'nope', next: 'b' },
          { id: 'b', type: 'send', template: 'hook-body' },
        ],
      },
      problems: [
        /nodes\[0\]\.template: node "a" sends template "nope", which does not exist/,
        /nodes\[1\]\.channel/,
      ],
    },
    {
      name: 'a missing trigger segment and a bad branch condition',
      journey: {
        ...base,
        trigger: { type: 'segment_entered', segment: 'ghosts' },
        nodes: [{ id: 'a', type: 'branch', condition: 'plan = ', then: null, else: null }],
      },
      problems: [/trigger\.segment: segment "ghosts" does not exist/, /nodes\[0\]\.condition: node "a"/],
    },
    {
      name: 'schema errors',
      journey: { ...base, nodes: [{ id: 'a', type: 'delay', duration: 'soon' }] },
      problems: [/nodes\.0\.duration: must be a duration/],
    },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name}, naming it`, async () => {
      const result = await validateJourney(getStore(), testCase.journey);
      expect(result.ok).toBe(false);
      const text = result.ok ? '' : result.problems.map((p) => `${p.path}: ${p.message}`).join('\n');
      for (const problem of testCase.problems) expect(text).toMatch(problem);
    });
  }

  it('accepts a cycle through a delay', async () => {
    const result = await validateJourney(getStore(), {
      ...base,
      nodes: [
        { id: 'a', type: 'send', template: 'welcome', next: 'b' },
        { id: 'b', type: 'delay', duration: '7d', next: 'a' },
      ],
    });
    expect(result).toMatchObject({ ok: true });
  });

  it('refuses text the store cannot keep, naming where it is (found by the soak: was a 500 on save)', async () => {
    const result = await validateJourney(getStore(), { ...base, exit: { conversion: { event: '\ud800' } } });
    expect(result).toEqual({
      ok: false,
      problems: [{ path: 'exit.conversion.event', message: expect.stringMatching(/unpaired surrogates/) }],
    });
  });
});

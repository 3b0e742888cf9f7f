import { describe, expect, it } from 'vitest';
import { isSegmintError } from '../errors.ts';
import type { Condition, SegmentDefinition } from '../schema/segment.ts';
import {
  assertNoSegmentCycle,
  listSegmentReferences,
  type SegmentReferenceTarget,
} from './segment-references.ts';

function refersTo(...names: string[]): SegmentDefinition {
  const conditions: Condition[] = names.map((segment) => ({ type: 'segment', segment }));
  const condition: Condition =
    conditions.length === 1
      ? (conditions[0] as Condition)
      : { type: 'and', conditions: [{ type: 'consent', kind: 'consent', topic: 'email' }, ...conditions] };
  return { schemaVersion: 1, condition };
}

const saved: SegmentReferenceTarget[] = [
  { id: 's1', name: 'vip', definition: refersTo('big spenders') },
  {
    id: 's2',
    name: 'big spenders',
    definition: { schemaVersion: 1, condition: { type: 'consent', kind: 'consent', topic: 'email' } },
  },
  { id: 's3', name: 'vip germany', definition: refersTo('vip') },
];
const lookup = (nameOrId: string) =>
  saved.find((segment) => segment.id === nameOrId || segment.name === nameOrId);

function cycleError(segment: { id?: string; name: string; definition: SegmentDefinition }): string {
  try {
    assertNoSegmentCycle(segment, lookup);
  } catch (error) {
    if (isSegmintError(error) && error.code === 'invalid_input') return error.details[0]?.message ?? '';
    throw error;
  }
  throw new Error('no cycle reported');
}

describe('segment references', () => {
  it('lists each referenced segment once, in order', () => {
    const condition: Condition = {
      type: 'or',
      conditions: [
        { type: 'segment', segment: 'b' },
        {
          type: 'not',
          condition: {
            type: 'and',
            conditions: [
              { type: 'segment', segment: 'a' },
              { type: 'segment', segment: 'b' },
            ],
          },
        },
      ],
    };
    expect(listSegmentReferences(condition)).toEqual(['b', 'a']);
  });

  it('accepts a chain of references without a loop', () => {
    expect(() =>
      assertNoSegmentCycle({ name: 'new', definition: refersTo('vip germany', 's2') }, lookup),
    ).not.toThrow();
  });

  it('rejects a segment that refers to itself', () => {
    expect(cycleError({ name: 'loop', definition: refersTo('loop') })).toBe(
      'segments refer to each other in a loop: "loop" → "loop"',
    );
  });

  it('rejects a change that closes a loop through other segments, by name or by id', () => {
    expect(cycleError({ id: 's2', name: 'big spenders', definition: refersTo('vip germany') })).toBe(
      'segments refer to each other in a loop: "big spenders" → "vip germany" → "vip" → "big spenders"',
    );
    expect(cycleError({ id: 's2', name: 'big spenders', definition: refersTo('s1') })).toBe(
      'segments refer to each other in a loop: "big spenders" → "vip" → "big spenders"',
    );
  });

  it('rejects a reference to a segment that does not exist', () => {
    expect(cycleError({ name: 'new', definition: refersTo('vip', 'ghost') })).toBe(
      'segment "ghost" (referenced by "new") does not exist',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { isSegmintError } from '../errors.ts';
import { readSegmentDefinition } from './read-segment-definition.ts';

describe('readSegmentDefinition', () => {
  it('accepts a JSON definition and fills its defaults', () => {
    const definition = readSegmentDefinition({
      schemaVersion: 1,
      condition: { type: 'performed', event: { type: 'track', event: 'purchase' } },
    });
    expect(definition.condition).toMatchObject({
      where: [],
      window: null,
      times: { op: 'at_least', count: 1 },
    });
  });

  it('names each bad field of an invalid definition', () => {
    try {
      readSegmentDefinition({ schemaVersion: 2, condition: { type: 'geo', level: 'planet', values: [] } });
      expect.unreachable();
    } catch (error) {
      expect(isSegmintError(error) && error.code).toBe('invalid_input');
      const paths = isSegmintError(error) ? error.details.map((detail) => detail.path) : [];
      expect(paths).toEqual(
        expect.arrayContaining([
          'definition.schemaVersion',
          'definition.condition.level',
          'definition.condition.values',
        ]),
      );
    }
  });
});

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJourneyDraft } from './journey-draft.ts';
import { describeJourneyNode, layOutJourney } from './journey-layout.ts';

const example = (name: string) =>
  readFile(resolve(import.meta.dirname, '../../examples/journeys', name), 'utf8');

describe('journey drafts typed in the dashboard', () => {
  it('reads YAML and JSON alike', async () => {
    const yaml = readJourneyDraft(await example('abandoned-cart.yaml'));
    expect(yaml.ok).toBe(true);
    if (!yaml.ok) return;
    const json = readJourneyDraft(JSON.stringify(yaml.definition));
    expect(json).toEqual(yaml);
  });

  it('names each schema error by its path, and graph errors by node', () => {
    const draft = readJourneyDraft(
      JSON.stringify({
        schemaVersion: 1,
        name: 'x',
        trigger: { type: 'event', event: 'signup' },
        start: 'a',
        nodes: [{ id: 'a', type: 'delay', duration: 'soon', next: 'b' }],
      }),
    );
    expect(draft).toEqual({
      ok: false,
      errors: [{ path: 'nodes.0.duration', message: expect.stringMatching(/must be a duration/) }],
    });
    const dangling = readJourneyDraft(
      'schemaVersion: 1\nname: x\ntrigger: { type: event, event: signup }\nstart: a\nnodes:\n  - { id: a, type: delay, duration: 1d, next: nowhere }\n',
    );
    expect(dangling.ok).toBe(false);
    expect(!dangling.ok && dangling.errors.map((error) => error.message).join(' ')).toMatch(/nowhere/);
  });

  it('reports text that is not YAML at all', () => {
    const draft = readJourneyDraft('nodes: [unclosed');
    expect(draft.ok).toBe(false);
    expect(!draft.ok && draft.errors[0]?.path).toBe('text');
  });
});

describe('journey diagram layout', () => {
  it('puts each node in the row of its distance from the start, and marks loops back', async () => {
    const draft = readJourneyDraft(await example('abandoned-cart.yaml'));
    if (!draft.ok) throw new Error('example journey is invalid');
    const layout = layOutJourney(draft.definition);
    const rows = Object.fromEntries(
      layout.nodes.map((placed) => [placed.node.id, [placed.row, placed.column]]),
    );
    expect(rows).toEqual({
      'wait-order': [0, 0],
      bought: [1, 0],
      split: [1, 1],
      reminder: [2, 0],
      'wait-1d': [2, 1],
      'notify-crm': [3, 0],
    });
    expect(layout).toMatchObject({ rows: 4, columns: 2 });
    expect(layout.edges).toContainEqual({ from: 'wait-order', to: 'split', label: 'timeout', isBack: false });
    expect(layout.edges).toContainEqual({ from: 'split', to: 'wait-1d', label: 'next-day', isBack: false });
    // wait-1d → reminder stays in the same row: drawn as a side curve, not a straight line through other nodes.
    expect(layout.edges).toContainEqual({ from: 'wait-1d', to: 'reminder', label: '', isBack: true });
  });

  it('describes what each node does in one line', async () => {
    const draft = readJourneyDraft(await example('abandoned-cart.yaml'));
    if (!draft.ok) throw new Error('example journey is invalid');
    expect(draft.definition.nodes.map(describeJourneyNode)).toEqual([
      'wait for Order Completed (max 4h)',
      'exit',
      'split now 1 / next-day 1',
      'wait 1d',
      'send email "abandoned-cart"',
      'call crm.example.com',
    ]);
  });
});

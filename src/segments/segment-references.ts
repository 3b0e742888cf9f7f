/**
 * Segments may refer to other segments (`segment "vip"`). Saving a definition must not close a loop, because a
 * member of a loop would depend on its own membership: `assertNoSegmentCycle` rejects that at save time.
 */
import { SegmintError } from '../errors.ts';
import type { Condition, SegmentDefinition } from '../schema/segment.ts';

export interface SegmentReferenceTarget {
  id: string;
  name: string;
  definition: SegmentDefinition;
}

/** Finds a saved segment by name or id. */
export type SegmentLookup = (nameOrId: string) => SegmentReferenceTarget | undefined;

/** The segment names or ids a condition refers to, each once, in order of appearance. */
export function listSegmentReferences(condition: Condition): string[] {
  const found = new Set<string>();
  const visit = (node: Condition): void => {
    if (node.type === 'and' || node.type === 'or') node.conditions.forEach(visit);
    else if (node.type === 'not') visit(node.condition);
    else if (node.type === 'segment') found.add(node.segment);
  };
  visit(condition);
  return [...found];
}

/**
 * Throws `invalid_input` when `segment` (about to be saved; `id` absent for a new one) refers, directly or through
 * other segments, to itself or to a segment that does not exist. The saved version of `segment` is ignored in
 * favour of the new definition.
 */
export function assertNoSegmentCycle(
  segment: { id?: string; name: string; definition: SegmentDefinition },
  lookup: SegmentLookup,
): void {
  interface Node {
    key: string;
    name: string;
    definition: SegmentDefinition;
  }
  const root: Node = { key: segment.id ?? `new segment ${segment.name}`, ...segment };
  const fail = (message: string): SegmintError =>
    new SegmintError('invalid_input', `Cannot save segment "${segment.name}": ${message}.`, [
      { path: 'condition', message },
    ]);
  const isRoot = (nameOrId: string): boolean => nameOrId === segment.name || nameOrId === segment.id;
  const resolve = (reference: string, from: Node): Node => {
    if (isRoot(reference)) return root;
    const target = lookup(reference);
    if (!target) throw fail(`segment "${reference}" (referenced by "${from.name}") does not exist`);
    return isRoot(target.id) || isRoot(target.name) ? root : { key: target.id, ...target };
  };

  const finished = new Set<string>();
  const path: Node[] = [];
  const visit = (node: Node): void => {
    path.push(node);
    for (const reference of listSegmentReferences(node.definition.condition)) {
      const next = resolve(reference, node);
      const loopStart = path.findIndex((step) => step.key === next.key);
      if (loopStart >= 0) {
        const loop = [...path.slice(loopStart), next].map((step) => `"${step.name}"`).join(' → ');
        throw fail(`segments refer to each other in a loop: ${loop}`);
      }
      if (!finished.has(next.key)) visit(next);
    }
    path.pop();
    finished.add(node.key);
  };
  visit(root);
}

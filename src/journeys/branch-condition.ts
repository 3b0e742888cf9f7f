/** A branch node's condition as a segment definition: the text form is parsed, a definition is taken as is. */
import type { JourneyNode } from '../schema/journey.ts';
import type { SegmentDefinition } from '../schema/segment.ts';
import { parseSegmentText } from '../segments/text/parse-segment.ts';

type BranchNode = Extract<JourneyNode, { type: 'branch' }>;

export function branchDefinition(node: BranchNode): SegmentDefinition {
  return typeof node.condition === 'string' ? parseSegmentText(node.condition) : node.condition;
}

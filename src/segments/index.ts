/**
 * Segmentation engine core: definitions (src/schema/segment.ts), their text form, the SQL compiler and segment
 * references. Design, grammar and semantics: ./README.md.
 */
export {
  compileSegment,
  type CompileSegmentOptions,
  type CompiledSegmentQuery,
} from './compile/compile-segment.ts';
export { readSegmentDefinition } from './read-segment-definition.ts';
export {
  assertNoSegmentCycle,
  listSegmentReferences,
  type SegmentLookup,
  type SegmentReferenceTarget,
} from './segment-references.ts';
export { parseSegmentText, type SegmentTextOptions } from './text/parse-segment.ts';
export { printSegmentText } from './text/print-segment.ts';

/**
 * The segment builder's visual form: a list of condition rows joined by "and" or "or". It converts both ways with
 * the definition tree, so the builder shows the rows and the text form (printed by the same printer as the CLI) side
 * by side and an edit on either side updates the other. Conditions the rows cannot show (geo, occurrence, nested
 * groups, filters…) become a "text" row holding that condition's text, so nothing typed as text is ever lost.
 */
import {
  BUILT_IN_COMPUTED_TRAITS,
  SEGMENT_SCHEMA_VERSION,
  resolveFieldPath,
  type ComparisonOp,
  type Condition,
  type Predicate,
  type SegmentDefinition,
} from '../schema/segment.ts';
import { parseSegmentText } from '../segments/text/parse-segment.ts';
import { printSegmentText } from '../segments/text/print-segment.ts';

export const TRAIT_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'exists'] as const;
export type TraitOp = (typeof TRAIT_OPS)[number];

export type ConditionRow =
  | { kind: 'trait'; field: string; op: TraitOp; value: string }
  /** `count(event, last N days) op value`; days null: all time. */
  | { kind: 'count'; event: string; op: ComparisonOp; value: number; days: number | null }
  | { kind: 'segment'; segment: string; negated: boolean }
  | { kind: 'text'; text: string };

export interface BuilderModel {
  combinator: 'and' | 'or';
  rows: ConditionRow[];
}

export const ROW_KINDS = ['trait', 'count', 'segment', 'text'] as const;

export function isRowKind(value: string): value is ConditionRow['kind'] {
  return ROW_KINDS.some((kind) => kind === value);
}

export const NEW_ROWS: Readonly<Record<ConditionRow['kind'], ConditionRow>> = {
  trait: { kind: 'trait', field: 'plan', op: 'eq', value: '' },
  count: { kind: 'count', event: 'purchase', op: 'gte', value: 1, days: 90 },
  segment: { kind: 'segment', segment: '', negated: false },
  text: { kind: 'text', text: '' },
};

/** A dotted field as people type it: the `traits.`/`computed.` prefix only where the naming rule needs it. */
function dottedField(field: { source: 'traits' | 'computed'; path: string[] }): string {
  const plain = field.path.join('.');
  const implied = resolveFieldPath(field.path, BUILT_IN_COMPUTED_TRAITS).source;
  return implied === field.source ? plain : `${field.source}.${plain}`;
}

/** Text typed into a value box: numbers and true/false are typed values, anything else is text. */
export function readTypedValue(text: string): string | number | boolean {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

function traitRowOf(condition: Extract<Condition, { type: 'trait' }>): ConditionRow | undefined {
  const field = dottedField(condition.field);
  const predicate = condition.predicate;
  switch (predicate.op) {
    case 'eq':
    case 'neq':
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'contains':
      return { kind: 'trait', field, op: predicate.op, value: String(predicate.value) };
    case 'exists':
      return { kind: 'trait', field, op: 'exists', value: '' };
    default:
      return undefined;
  }
}

function rowOf(condition: Condition): ConditionRow {
  if (condition.type === 'trait') {
    const row = traitRowOf(condition);
    // A text value that looks like a number would come back as a number: only plain cases are rows.
    if (
      row?.kind === 'trait' &&
      row.op !== 'exists' &&
      typeof readTypedValue(row.value) !== typeof predicateValue(condition.predicate)
    ) {
      return textRow(condition);
    }
    if (row) return row;
  }
  if (
    condition.type === 'aggregate' &&
    condition.fn === 'count' &&
    condition.event.type === 'track' &&
    condition.where.length === 0 &&
    (condition.window === null || condition.window.type === 'last_days')
  ) {
    return {
      kind: 'count',
      event: condition.event.event,
      op: condition.op,
      value: condition.value,
      days: condition.window?.days ?? null,
    };
  }
  if (condition.type === 'segment') return { kind: 'segment', segment: condition.segment, negated: false };
  if (condition.type === 'not' && condition.condition.type === 'segment') {
    return { kind: 'segment', segment: condition.condition.segment, negated: true };
  }
  return textRow(condition);
}

function predicateValue(predicate: Predicate): unknown {
  return 'value' in predicate ? predicate.value : undefined;
}

function textRow(condition: Condition): ConditionRow {
  return { kind: 'text', text: printSegmentText({ schemaVersion: SEGMENT_SCHEMA_VERSION, condition }) };
}

/** The rows showing a definition: the top-level and/or becomes the combinator, each operand a row. */
export function modelFromDefinition(definition: SegmentDefinition): BuilderModel {
  const { condition } = definition;
  if (condition.type === 'and' || condition.type === 'or') {
    return { combinator: condition.type, rows: condition.conditions.map(rowOf) };
  }
  return { combinator: 'and', rows: [rowOf(condition)] };
}

function traitPredicate(row: Extract<ConditionRow, { kind: 'trait' }>): Predicate {
  const value = readTypedValue(row.value);
  switch (row.op) {
    case 'exists':
      return { op: 'exists' };
    case 'contains':
      return { op: 'contains', value: row.value };
    case 'eq':
    case 'neq':
      return { op: row.op, value };
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return { op: row.op, value: typeof value === 'boolean' ? row.value : value };
    default: {
      const unhandled: never = row.op;
      throw new Error(`unhandled operator ${String(unhandled)}`);
    }
  }
}

/** One row as a condition; a text row is parsed (its syntax errors say where, as in the CLI). */
export function conditionOfRow(row: ConditionRow): Condition {
  switch (row.kind) {
    case 'trait':
      return {
        type: 'trait',
        field: resolveFieldPath(row.field.trim().split('.'), BUILT_IN_COMPUTED_TRAITS),
        predicate: traitPredicate(row),
      };
    case 'count':
      return {
        type: 'aggregate',
        fn: 'count',
        event: { type: 'track', event: row.event.trim() },
        where: [],
        window: row.days === null ? null : { type: 'last_days', days: row.days },
        property: null,
        op: row.op,
        value: row.value,
      };
    case 'segment': {
      const condition: Condition = { type: 'segment', segment: row.segment.trim() };
      return row.negated ? { type: 'not', condition } : condition;
    }
    case 'text':
      return parseSegmentText(row.text).condition;
    default: {
      const unhandled: never = row;
      throw new Error(`unhandled row ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * The definition the rows describe, checked by the text parser (so a blank field or a bad event name fails here
 * with the same message as in the CLI). Throws when there is no row or a row is invalid.
 */
export function definitionFromModel(model: BuilderModel): SegmentDefinition {
  if (model.rows.length === 0) throw new Error('Add a condition to define the segment.');
  const conditions = model.rows.map(conditionOfRow);
  const [only] = conditions;
  const condition: Condition =
    conditions.length === 1 && only ? only : { type: model.combinator, conditions };
  // Print and parse again: the parser is the one validator of the tree (names, values, ranges).
  return parseSegmentText(printSegmentText({ schemaVersion: SEGMENT_SCHEMA_VERSION, condition }));
}

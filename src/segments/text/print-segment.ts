/**
 * Prints a definition in the canonical text form. `parseSegmentText(printSegmentText(d))` equals `d` for every
 * valid definition (a property test checks it), so the text can be shown, edited and saved back.
 */
import {
  BUILT_IN_COMPUTED_TRAITS,
  GEO_LEVELS,
  type Condition,
  type EventWindow,
  type FieldRef,
  type SegmentDefinition,
} from '../../schema/segment.ts';
import type { SegmentTextOptions } from './parse-segment.ts';
import {
  printComparison,
  printDays,
  printEventRef,
  printFilters,
  printNameOrString,
  printNumber,
  printPath,
  printPathAfterDot,
  printPredicate,
  printString,
  printWindow,
} from './print-values.ts';

const PRECEDENCE = { or: 1, and: 2, not: 3, primary: 4 } as const;

export function printSegmentText(definition: SegmentDefinition, options: SegmentTextOptions = {}): string {
  const computedTraitNames = options.computedTraitNames ?? BUILT_IN_COMPUTED_TRAITS;
  return printCondition(definition.condition, { computedTraitNames, parent: 0 });
}

interface PrintContext {
  computedTraitNames: readonly string[];
  /** Precedence of the enclosing operator: a child binding no tighter than it gets parentheses. */
  parent: number;
}

function printCondition(condition: Condition, context: PrintContext): string {
  switch (condition.type) {
    case 'and':
    case 'or': {
      const own = PRECEDENCE[condition.type];
      // Children at the same level are parenthesised too, so nesting survives a round trip.
      const parts = condition.conditions.map((child) =>
        printCondition(child, { ...context, parent: own + 0.5 }),
      );
      const text = parts.join(` ${condition.type} `);
      return own <= context.parent ? `(${text})` : text;
    }
    case 'not':
      return printNegation(condition.condition, context);
    case 'trait':
      return `${printField(condition.field, context.computedTraitNames)} ${printPredicate(condition.predicate)}`;
    case 'performed': {
      const times =
        condition.times.op === 'at_least' && condition.times.count === 1
          ? ''
          : ` ${condition.times.op === 'exactly' ? 'exactly' : condition.times.op === 'at_least' ? 'at least' : 'at most'} ${condition.times.count} ${condition.times.count === 1 ? 'time' : 'times'}`;
      const window = printPerformedWindow(condition.window);
      return `performed ${printEventRef(condition.event)}${printFilters(condition.where)}${times}${window}`;
    }
    case 'aggregate': {
      const property = condition.property ? `.${printPathAfterDot(condition.property)}` : '';
      const window = condition.window ? `, ${printWindow(condition.window)}` : '';
      const target = `${printEventRef(condition.event)}${property}${printFilters(condition.where)}${window}`;
      return `${condition.fn}(${target}) ${printComparison(condition.op)} ${printNumber(condition.value)}`;
    }
    case 'occurrence': {
      const at = condition.at.type === 'date' ? condition.at.date : `${printDays(condition.at.days)} ago`;
      return `${condition.which} ${printEventRef(condition.event)}${printFilters(condition.where)} ${condition.op} ${at}`;
    }
    case 'geo':
      return `${condition.level} in (${condition.values.map(printString).join(', ')})`;
    case 'near':
      return `within ${printNumber(condition.radiusKm)} km of (${printNumber(condition.latitude)}, ${printNumber(condition.longitude)})`;
    case 'segment':
      return `segment ${printString(condition.segment)}`;
    case 'consent':
      return `${condition.kind === 'consent' ? 'consented' : 'subscribed'} to ${printNameOrString(condition.topic)}`;
    default: {
      const unknown: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
    }
  }
}

/** `not X`, with the readable forms `did not perform …` and `country not in (…)` where they apply. */
function printNegation(inner: Condition, context: PrintContext): string {
  if (inner.type === 'performed' && inner.times.op === 'at_least' && inner.times.count === 1) {
    const window = printPerformedWindow(inner.window);
    return `did not perform ${printEventRef(inner.event)}${printFilters(inner.where)}${window}`;
  }
  if (inner.type === 'geo') return `${inner.level} not in (${inner.values.map(printString).join(', ')})`;
  return `not ${printCondition(inner, { ...context, parent: PRECEDENCE.not })}`;
}

function printPerformedWindow(window: EventWindow | null): string {
  if (window === null) return '';
  return window.type === 'last_days' ? ` in ${printWindow(window)}` : ` ${printWindow(window)}`;
}

/** Bare where the naming rule gives the same field back, else with an explicit `traits.` / `computed.` prefix. */
function printField(field: FieldRef, computedTraitNames: readonly string[]): string {
  const first = field.path[0] ?? '';
  const isGeoName = (GEO_LEVELS as readonly string[]).includes(first) && field.path.length === 1;
  const resolvesToComputed = computedTraitNames.includes(first);
  const isPrefixWord = first === 'traits' || first === 'computed';
  const needsPrefix =
    field.source === 'computed'
      ? !resolvesToComputed || isPrefixWord
      : resolvesToComputed || isPrefixWord || isGeoName;
  return needsPrefix ? `${field.source}.${printPathAfterDot(field.path)}` : printPath(field.path);
}

/**
 * The text form of a computed trait's expression: `fn(EVENT[.property] [where …] [, WINDOW])`, the same syntax as
 * a segment aggregate without the comparison (`sum(purchase.amount, 365d)`, `mode(purchase.category)`,
 * `last_at(purchase)`, `count(page view "Pricing", last 30 days)`). Errors point at the column like segment text.
 */
import { SegmintError } from '../../errors.ts';
import {
  COMPUTED_TRAIT_FUNCTIONS,
  PROPERTYLESS_FUNCTIONS,
  computedTraitExpressionSchema,
  type ComputedTraitExpression,
} from '../../schema/computed-trait.ts';
import { parseEventRef, parseFilters, parseOptionalWindowInList } from '../text/parse-events.ts';
import { parsePath } from '../text/parse-values.ts';
import { printEventRef, printFilters, printPathAfterDot, printWindow } from '../text/print-values.ts';
import { TokenStream } from '../text/token-stream.ts';

const MAX_TEXT_LENGTH = 5_000;

export function parseComputedTraitText(text: string): ComputedTraitExpression {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new SegmintError(
      'invalid_input',
      `Computed trait text is longer than ${MAX_TEXT_LENGTH} characters.`,
    );
  }
  const stream = new TokenStream(text);
  const fn = COMPUTED_TRAIT_FUNCTIONS.find((name) => stream.isWord(name));
  if (!fn) throw stream.unexpected(`a function (${COMPUTED_TRAIT_FUNCTIONS.join(', ')})`);
  stream.next();
  stream.expectSymbol('(');
  const event = parseEventRef(stream);
  const propertyToken = stream.peek();
  const property = stream.acceptSymbol('.')
    ? parsePath(stream, 'a property name after the dot', { afterDot: true })
    : null;
  const takesNoProperty = PROPERTYLESS_FUNCTIONS.includes(fn);
  if (takesNoProperty && property !== null) {
    throw stream.invalid(propertyToken, `${fn} takes no property: write ${fn}(EVENT)`);
  }
  if (!takesNoProperty && property === null) {
    throw stream.unexpected(`'.' and the property to ${fn} (as in: ${fn}(purchase.amount))`);
  }
  const where = parseFilters(stream);
  const window = stream.acceptSymbol(',') ? parseOptionalWindowInList(stream) : null;
  stream.expectSymbol(')', window ? "')'" : "',' and a window, or ')'");
  if (stream.peek().kind !== 'end') throw stream.unexpected('the end of the expression');
  const checked = computedTraitExpressionSchema.safeParse({ fn, event, property, where, window });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SegmintError('invalid_input', `Invalid computed trait: ${issue?.message ?? 'invalid'}`);
  }
  return checked.data;
}

export function printComputedTraitText(expression: ComputedTraitExpression): string {
  const property = expression.property ? `.${printPathAfterDot(expression.property)}` : '';
  const window = expression.window ? `, ${printWindow(expression.window)}` : '';
  return `${expression.fn}(${printEventRef(expression.event)}${property}${printFilters(expression.where)}${window})`;
}

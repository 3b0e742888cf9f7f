/**
 * Recursive-descent parser of the segment text form (grammar in ../README.md). Precedence: `not` binds tighter
 * than `and`, which binds tighter than `or`; parentheses group. `a and b and c` is one `and` node with three
 * conditions, `a and (b and c)` keeps its nesting, so printing and parsing again gives the same tree.
 */
import { SegmintError } from '../../errors.ts';
import {
  BUILT_IN_COMPUTED_TRAITS,
  GEO_LEVELS,
  SEGMENT_SCHEMA_VERSION,
  resolveFieldPath,
  segmentDefinitionSchema,
  type Condition,
  type GeoLevel,
  type SegmentDefinition,
} from '../../schema/segment.ts';
import {
  isAggregateStart,
  parseAggregate,
  parseDidNotPerform,
  parseOccurrence,
  parsePerformed,
} from './parse-events.ts';
import { parseNameOrString, parseNumber, parsePath, parsePredicate, parseString } from './parse-values.ts';
import { TokenStream } from './token-stream.ts';

export interface SegmentTextOptions {
  /** Computed-trait names written without `computed.` (default: the built-in analytics traits). */
  computedTraitNames?: readonly string[];
}

const MAX_TEXT_LENGTH = 20_000;
const MAX_NESTING = 64;

export function parseSegmentText(text: string, options: SegmentTextOptions = {}): SegmentDefinition {
  if (text.length > MAX_TEXT_LENGTH) {
    throw new SegmintError('invalid_input', `Segment text is longer than ${MAX_TEXT_LENGTH} characters.`);
  }
  const parser = new SegmentTextParser(new TokenStream(text), options);
  const condition = parser.parseDefinition();
  const checked = segmentDefinitionSchema.safeParse({ schemaVersion: SEGMENT_SCHEMA_VERSION, condition });
  if (!checked.success) {
    // The grammar already enforces the schema; this is a safety net naming the rule that failed.
    const issue = checked.error.issues[0];
    const where = issue ? issue.path.join('.') : 'condition';
    throw new SegmintError('invalid_input', `Invalid segment: ${where}: ${issue?.message ?? 'invalid'}`, [
      { path: where, message: issue?.message ?? 'invalid' },
    ]);
  }
  return checked.data;
}

class SegmentTextParser {
  private depth = 0;
  private readonly computedTraitNames: readonly string[];

  constructor(
    private readonly stream: TokenStream,
    options: SegmentTextOptions,
  ) {
    this.computedTraitNames = options.computedTraitNames ?? BUILT_IN_COMPUTED_TRAITS;
  }

  parseDefinition(): Condition {
    const condition = this.parseOr();
    if (this.stream.peek().kind !== 'end') {
      throw this.stream.unexpected(
        this.stream.isSymbol(')')
          ? "'and', 'or' or the end (this ')' closes nothing)"
          : "'and', 'or' or the end",
      );
    }
    return condition;
  }

  private parseOr(): Condition {
    const first = this.parseAnd();
    const conditions = [first];
    while (this.stream.acceptWord('or')) conditions.push(this.parseAnd());
    return conditions.length === 1 ? first : { type: 'or', conditions };
  }

  private parseAnd(): Condition {
    const first = this.parseUnary();
    const conditions = [first];
    while (this.stream.acceptWord('and')) conditions.push(this.parseUnary());
    return conditions.length === 1 ? first : { type: 'and', conditions };
  }

  private parseUnary(): Condition {
    return this.nested(() => {
      if (this.stream.acceptWord('not')) {
        return { type: 'not', condition: this.parseUnary() };
      }
      if (this.stream.acceptSymbol('(')) {
        const inner = this.parseOr();
        this.stream.expectSymbol(')', "'and', 'or' or ')'");
        return inner;
      }
      return this.parseCondition();
    });
  }

  private nested(parse: () => Condition): Condition {
    if (++this.depth > MAX_NESTING) {
      throw this.stream.invalid(this.stream.peek(), `nesting deeper than ${MAX_NESTING} levels`);
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private parseCondition(): Condition {
    const stream = this.stream;
    if (stream.acceptWord('segment')) return this.parseMembership();
    if (stream.isWord('in') && stream.isWord('segment', 1)) {
      stream.next();
      stream.next();
      return this.parseMembership();
    }
    if (stream.acceptWord('performed')) return parsePerformed(stream);
    if (stream.acceptWord('did')) {
      stream.expectWord('not', "'not perform'");
      stream.expectWord('perform', "'perform'");
      return parseDidNotPerform(stream);
    }
    if (stream.acceptWord('first')) return parseOccurrence(stream, 'first');
    if (stream.acceptWord('last')) return parseOccurrence(stream, 'last');
    if (isAggregateStart(stream)) return parseAggregate(stream);
    if (stream.acceptWord('within')) return this.parseNear();
    if (stream.acceptWord('consented')) return this.parseConsent('consent');
    if (stream.acceptWord('subscribed')) return this.parseConsent('subscription');
    return this.parseFieldCondition();
  }

  private parseMembership(): Condition {
    return { type: 'segment', segment: parseNameOrString(this.stream, 'a segment name') };
  }

  private parseConsent(kind: 'consent' | 'subscription'): Condition {
    this.stream.expectWord('to', "'to'");
    return {
      type: 'consent',
      kind,
      topic: parseNameOrString(this.stream, 'a consent topic (email, sms, …)'),
    };
  }

  /** `within R km of (LAT, LON)`. */
  private parseNear(): Condition {
    const stream = this.stream;
    const radiusToken = stream.peek();
    const radiusKm = parseNumber(stream, 'a radius in km');
    if (!(radiusKm > 0 && radiusKm <= 20_100)) {
      throw stream.invalid(radiusToken, 'the radius must be above 0 and at most 20100 km');
    }
    stream.expectWord('km', "'km'");
    stream.expectWord('of', "'of'");
    stream.expectSymbol('(', "'(' before the latitude");
    const latitudeToken = stream.peek();
    const latitude = parseNumber(stream, 'a latitude');
    if (Math.abs(latitude) > 90) throw stream.invalid(latitudeToken, 'a latitude is between -90 and 90');
    stream.expectSymbol(',', "',' between latitude and longitude");
    const longitudeToken = stream.peek();
    const longitude = parseNumber(stream, 'a longitude');
    if (Math.abs(longitude) > 180) {
      throw stream.invalid(longitudeToken, 'a longitude is between -180 and 180');
    }
    stream.expectSymbol(')', "')' after the longitude");
    return { type: 'near', latitude, longitude, radiusKm };
  }

  /** A trait or computed-trait condition, or a geographic one for bare `country`, `region`, `city`. */
  private parseFieldCondition(): Condition {
    const stream = this.stream;
    const start = stream.peek();
    for (const source of ['traits', 'computed'] as const) {
      if (stream.isWord(source) && stream.isSymbol('.', 1)) {
        stream.next();
        stream.next();
        const path = parsePath(stream, `a ${source} name after the dot`, { afterDot: true });
        return { type: 'trait', field: { source, path }, predicate: parsePredicate(stream) };
      }
    }
    const path = parsePath(stream, 'a condition (a trait name, performed, count(…), segment, not, …)');
    const level = GEO_LEVELS.find(
      (name) => start.kind === 'word' && path.length === 1 && start.value === name,
    );
    if (level) {
      const geo = this.parseGeoTest(level);
      if (geo) return geo;
    }
    return {
      type: 'trait',
      field: resolveFieldPath(path, this.computedTraitNames),
      predicate: parsePredicate(stream),
    };
  }

  /** `= "DE"`, `!= "DE"`, `in (…)`, `not in (…)` on a location; undefined for other operators (plain traits). */
  private parseGeoTest(level: GeoLevel): Condition | undefined {
    const stream = this.stream;
    const single = () => [parseString(stream, `a "quoted" ${level} name`)];
    let test: { negated: boolean; values: string[] };
    if (stream.acceptSymbol('=')) test = { negated: false, values: single() };
    else if (stream.acceptSymbol('!=') || stream.acceptSymbol('<>'))
      test = { negated: true, values: single() };
    else if (stream.isWord('in') && stream.isSymbol('(', 1)) {
      stream.next();
      test = { negated: false, values: this.parseStringList(level) };
    } else if (stream.isWord('not') && stream.isWord('in', 1)) {
      stream.next();
      stream.next();
      test = { negated: true, values: this.parseStringList(level) };
    } else return undefined;
    const geo: Condition = { type: 'geo', level, values: test.values };
    return test.negated ? { type: 'not', condition: geo } : geo;
  }

  private parseStringList(level: GeoLevel): string[] {
    const stream = this.stream;
    stream.expectSymbol('(', `'(' starting a list of ${level} names`);
    const values = [parseString(stream, `a "quoted" ${level} name`)];
    while (stream.acceptSymbol(',')) values.push(parseString(stream, `a "quoted" ${level} name`));
    stream.expectSymbol(')', "',' or ')' closing the list");
    return values;
  }
}

/**
 * The segment compiler: a definition becomes one parameterised query listing the member profile ids,
 * `select p.id as profile_id from profiles p where …`. One base compiler for both engines; the few differences
 * (JSON access, casts, arrays) are `Dialect` hooks. Values are always parameters; field, trait and property names
 * only reach SQL through the dialect's JSON-key quoting. See ../README.md for the semantics.
 */
import { SegmintError } from '../../errors.ts';
import type { Condition, SegmentDefinition } from '../../schema/segment.ts';
import type { Dialect } from '../../store/dialect.ts';
import type { SqlValue } from '../../store/store.ts';
import type { CompileContext } from './compile-context.ts';
import { compileAggregate, compileOccurrence, compilePerformed } from './compile-events.ts';
import { compilePredicate } from './compile-predicate.ts';
import { compileConsent, compileGeo, compileNear } from './compile-profile-facts.ts';
import { combine, definite, negate, type SqlCondition } from './sql-condition.ts';
import { SqlParameters } from './sql-parameters.ts';

export interface CompiledSegmentQuery {
  sql: string;
  params: SqlValue[];
}

export interface CompileSegmentOptions {
  dialect: Dialect;
  /** The evaluation time (a fake clock in tests). */
  now: Date;
  /** Only these profiles: for re-evaluating the profiles an ingested batch touched. */
  profileIds?: readonly string[];
  /**
   * The id of a referenced segment, looked up by name or id; undefined when there is none (an error). Without a
   * resolver, references are taken to be ids.
   */
  resolveSegmentId?: (nameOrId: string) => string | undefined;
  /** Placeholders start after this many (for embedding the query in a statement with its own parameters). */
  parameterOffset?: number;
  /**
   * With `profileIds`: tables the caller already filled with those profiles (`id, traits, computed`) and their
   * events (`profile_id, type, event, name, occurred_at, properties`), so that several segments evaluated for one
   * batch share one pass over `profiles` and `events` instead of one each.
   */
  scopedRelations?: { profiles: string; events: string };
}

const MAX_DEPTH = 64;

export function compileSegment(
  definition: SegmentDefinition,
  options: CompileSegmentOptions,
): CompiledSegmentQuery {
  const params = new SqlParameters(options.dialect, options.parameterOffset ?? 0);
  const scoped = options.profileIds !== undefined;
  // With scopedRelations the caller's tables already hold just those profiles: no list parameter is needed.
  const profileIds =
    options.profileIds && !options.scopedRelations ? params.add([...options.profileIds], 'profileIds') : null;
  let readsEvents = false;
  const context: CompileContext = {
    dialect: options.dialect,
    params,
    now: options.now,
    eventsRelation() {
      readsEvents = true;
      return options.scopedRelations?.events ?? (scoped ? 'scoped_events' : 'events');
    },
    resolveSegmentId(nameOrId, where) {
      const id = options.resolveSegmentId ? options.resolveSegmentId(nameOrId) : nameOrId;
      if (id === undefined) {
        const message = `segment "${nameOrId}" does not exist`;
        throw new SegmintError('invalid_input', `${message} (referenced at ${where}).`, [
          { path: where, message },
        ]);
      }
      return id;
    },
  };
  const condition = compileCondition(context, definition.condition, 'condition', 0).sql;
  if (!scoped)
    return { sql: `select p.id as profile_id from profiles p where ${condition}`, params: params.values };
  if (options.scopedRelations) {
    return {
      sql: `select p.id as profile_id from ${options.scopedRelations.profiles} p where ${condition}`,
      params: params.values,
    };
  }
  // Only the touched profiles: materialising them (and their events) first keeps the engines from evaluating the
  // conditions over every profile and joining with the list afterwards.
  const scope = `(select unnest(${profileIds}::varchar[]))`;
  const relations = [
    `scoped_profiles as materialized (select id, traits, computed from profiles where id in ${scope})`,
    ...(readsEvents
      ? [
          `scoped_events as materialized (select profile_id, type, event, name, occurred_at, properties from events where profile_id in ${scope})`,
        ]
      : []),
  ];
  return {
    sql: `with ${relations.join(', ')} select p.id as profile_id from scoped_profiles p where ${condition}`,
    params: params.values,
  };
}

function compileCondition(
  context: CompileContext,
  condition: Condition,
  where: string,
  depth: number,
): SqlCondition {
  if (depth > MAX_DEPTH) {
    throw new SegmintError(
      'invalid_input',
      `The segment is nested deeper than ${MAX_DEPTH} levels at ${where}.`,
      [{ path: where, message: `nested deeper than ${MAX_DEPTH} levels` }],
    );
  }
  switch (condition.type) {
    case 'and':
    case 'or':
      return combine(
        condition.type,
        condition.conditions.map((child, index) =>
          compileCondition(context, child, `${where}.conditions[${index}]`, depth + 1),
        ),
      );
    case 'not':
      return negate(compileCondition(context, condition.condition, `${where}.condition`, depth + 1));
    case 'trait': {
      const column = condition.field.source === 'computed' ? 'p.computed' : 'p.traits';
      const target = { column, path: condition.field.path };
      return compilePredicate(context, target, condition.predicate, `${where}.predicate`);
    }
    case 'performed':
      return compilePerformed(context, condition, where);
    case 'aggregate':
      return compileAggregate(context, condition, where);
    case 'occurrence':
      return compileOccurrence(context, condition, where);
    case 'geo':
      return compileGeo(context, condition, where);
    case 'near':
      return compileNear(context, condition, where);
    case 'segment': {
      const id = context.params.add(context.resolveSegmentId(condition.segment, where), `${where}.segment`);
      return definite(`p.id in (select m.profile_id from segment_members m where m.segment_id = ${id})`);
    }
    case 'consent':
      return compileConsent(context, condition);
    default: {
      const unknown: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
    }
  }
}

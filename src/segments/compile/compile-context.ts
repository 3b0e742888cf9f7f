import type { Dialect } from '../../store/dialect.ts';
import type { SqlParameters } from './sql-parameters.ts';

/** What every compile step needs. `where` arguments name the place in the definition for error messages. */
export interface CompileContext {
  readonly dialect: Dialect;
  readonly params: SqlParameters;
  /** The evaluation time; every relative time is computed from it and bound as a parameter. */
  readonly now: Date;
  /** The relation event conditions read (`events`, or the touched profiles' events); notes that it is used. */
  eventsRelation(): string;
  /** The id of a referenced segment (by name or id); throws when there is none. */
  resolveSegmentId(nameOrId: string, where: string): string;
}

/** A JSON value inside a column: `p.traits` + `['address', 'city']`. */
export interface JsonTarget {
  column: string;
  path: readonly string[];
}

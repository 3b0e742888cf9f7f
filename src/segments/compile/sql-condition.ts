/**
 * A compiled condition and whether it can be NULL. The tree has two-valued logic (a missing trait fails a test;
 * `not` of a failed test holds). SQL's three-valued logic gives the same members as long as only `not` turns NULL
 * into false first: a WHERE keeps the rows that are TRUE, and `and` / `or` are TRUE exactly when they would be with
 * every NULL read as false. So predicates stay plain (DuckDB pushes them into scans, PostgreSQL uses indexes)
 * and only a negated nullable condition becomes `(…) is not true`.
 */
export interface SqlCondition {
  sql: string;
  canBeNull: boolean;
}

export function nullable(sql: string): SqlCondition {
  return { sql, canBeNull: true };
}

export function definite(sql: string): SqlCondition {
  return { sql, canBeNull: false };
}

export function negate(condition: SqlCondition): SqlCondition {
  return definite(condition.canBeNull ? `(${condition.sql}) is not true` : `not (${condition.sql})`);
}

export function combine(junction: 'and' | 'or', parts: readonly SqlCondition[]): SqlCondition {
  if (parts.length === 1 && parts[0]) return parts[0];
  return {
    sql: `(${parts.map((part) => part.sql).join(` ${junction} `)})`,
    canBeNull: parts.some((part) => part.canBeNull),
  };
}

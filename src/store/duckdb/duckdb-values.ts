/**
 * Conversions between the portable `SqlValue`s of the store interface and DuckDB's typed values. The node API
 * infers no type for a JS `Date` or an array, so every parameter is bound with an explicit type.
 */
import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  DuckDBTimestampValue,
  INTEGER,
  LIST,
  SQLNULL,
  TIMESTAMP,
  VARCHAR,
  listValue,
  type DuckDBAppender,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { SqlValue } from '../store.ts';

export function toTimestampValue(date: Date): DuckDBTimestampValue {
  return new DuckDBTimestampValue(BigInt(date.getTime()) * 1000n);
}

const LIST_SEPARATOR = '\u001f';

/**
 * Binding a LIST parameter costs ~2.5 µs per element in the node API (each element becomes a native value), which
 * dominated group commits. A list written in SQL as `$n::varchar[]` or `$n::double precision[]` is therefore sent
 * as one delimited string and split by DuckDB; a string list holding the separator is bound as a list as before.
 */
export function rewriteListParameters(
  sql: string,
  params: readonly SqlValue[],
): { sql: string; params: readonly SqlValue[] } {
  if (!params.some((param) => Array.isArray(param))) return { sql, params };
  const rewritten = [...params];
  const text = sql.replace(
    /\$(\d+)::(varchar|double precision)\[\]/g,
    (match, position: string, type: string) => {
      const index = Number(position) - 1;
      const value = params[index];
      if (!Array.isArray(value)) return match;
      // Empty lists keep the typed-list binding: a string would split into one empty element.
      if (value.length === 0) return match;
      if (type === 'varchar') {
        if (value.some((item) => String(item).includes(LIST_SEPARATOR))) return match;
        rewritten[index] = value.join(LIST_SEPARATOR);
        return `string_split($${position}, chr(31))`;
      }
      rewritten[index] = value.join(',');
      return `cast(string_split($${position}, ',') as double[])`;
    },
  );
  return { sql: text, params: rewritten };
}

export function bindParameters(params: readonly SqlValue[]): { values: DuckDBValue[]; types: DuckDBType[] } {
  const values: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  for (const param of params) {
    if (param === null) {
      values.push(null);
      types.push(SQLNULL);
    } else if (param instanceof Date) {
      values.push(toTimestampValue(param));
      types.push(TIMESTAMP);
    } else if (Array.isArray(param)) {
      const isNumeric = param.length > 0 && typeof param[0] === 'number';
      values.push(listValue([...param]));
      types.push(LIST(isNumeric ? DOUBLE : VARCHAR));
    } else if (typeof param === 'string') {
      values.push(param);
      types.push(VARCHAR);
    } else if (typeof param === 'number') {
      values.push(param);
      types.push(Number.isInteger(param) && Math.abs(param) < 2 ** 31 ? INTEGER : DOUBLE);
    } else if (typeof param === 'bigint') {
      values.push(param);
      types.push(BIGINT);
    } else if (typeof param === 'boolean') {
      values.push(param);
      types.push(BOOLEAN);
    } else {
      throw new TypeError(`Unsupported SQL parameter type: ${typeof param}`);
    }
  }
  return { values, types };
}

/** Appends one value to the current appender row, choosing the append call by JS type. */
export function appendValue(appender: DuckDBAppender, value: SqlValue): void {
  if (value === null) appender.appendNull();
  else if (value instanceof Date) appender.appendTimestamp(toTimestampValue(value));
  else if (typeof value === 'string') appender.appendVarchar(value);
  else if (typeof value === 'number') appender.appendDouble(value);
  else if (typeof value === 'bigint') appender.appendBigInt(value);
  else if (typeof value === 'boolean') appender.appendBoolean(value);
  else appender.appendValue(listValue([...value]), LIST(typeof value[0] === 'number' ? DOUBLE : VARCHAR));
}

/** Plain JS values for result rows: safe integers as numbers, JSON columns parsed. */
export function fromDuckDbValue(value: unknown, isJson: boolean): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  if (isJson && typeof value === 'string') return JSON.parse(value) as unknown;
  return value;
}

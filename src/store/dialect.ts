/**
 * The few places DuckDB and PostgreSQL SQL differ. Everything else in the code base is portable SQL.
 */
export interface Dialect {
  readonly name: 'duckdb' | 'postgres';
  /** SQL type used for JSON columns. */
  readonly jsonType: 'json' | 'jsonb';
  /** SQL type of the UTC timestamp columns (DuckDB's plain timestamp holds UTC; PostgreSQL's timestamptz). */
  readonly timestampType: 'timestamp' | 'timestamptz';
  /** A timestamp from epoch milliseconds (a number expression), for bulk updates passing times as numbers. */
  fromEpochMillis(expression: string): string;
  /** The text at `path` inside a JSON column: `props->>'amount'` (one key) or nested keys. */
  jsonText(column: string, path: readonly string[]): string;
  /** An interval of `daysParam` (a placeholder or number expression) days. */
  daysInterval(daysExpression: string): string;
  /** A JSON object built from SQL expressions: `jsonObject([['r', 's.r'], …])`. Keys are quoted literals. */
  jsonObject(entries: readonly (readonly [string, string])[]): string;
  /** `column` with `key` set to the JSON value `valueExpression` (other keys kept). */
  jsonWithKey(column: string, key: string, valueExpression: string): string;
  /** `column` without `key`. */
  jsonWithoutKey(column: string, key: string): string;
  /** Cast a text expression to double, null when it is not a number (no error). */
  tryCastDouble(expression: string): string;
  /** Cast a text expression to timestamp, null when it is not a date (no error). */
  tryCastTimestamp(expression: string): string;
}

function quoteJsonKey(key: string): string {
  // Keys are identifiers chosen by users: they are embedded as SQL string literals, so quotes are doubled.
  return `'${key.replaceAll("'", "''")}'`;
}

function jsonPathText(column: string, path: readonly string[]): string {
  if (path.length === 0) throw new Error('jsonText needs at least one key');
  const parents = path.slice(0, -1).map((key) => `->${quoteJsonKey(key)}`);
  const last = path[path.length - 1] as string;
  return `(${column}${parents.join('')}->>${quoteJsonKey(last)})`;
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  jsonType: 'json',
  timestampType: 'timestamp',
  fromEpochMillis: (expression) => `make_timestamp(cast(${expression} * 1000 as bigint))`,
  jsonText: jsonPathText,
  daysInterval: (days) => `to_days(cast(${days} as integer))`,
  jsonObject: (entries) =>
    `json_object(${entries.map(([key, value]) => `${quoteJsonKey(key)}, ${value}`).join(', ')})`,
  // RFC 7396 merge patch: the new value replaces the key (objects merge key by key; writers send whole objects).
  jsonWithKey: (column, key, value) =>
    `json_merge_patch(${column}, json_object(${quoteJsonKey(key)}, ${value}))`,
  jsonWithoutKey: (column, key) => `json_merge_patch(${column}, json_object(${quoteJsonKey(key)}, null))`,
  tryCastDouble: (expression) => `try_cast(${expression} as double)`,
  tryCastTimestamp: (expression) => `try_cast(${expression} as timestamp)`,
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  jsonType: 'jsonb',
  timestampType: 'timestamptz',
  fromEpochMillis: (expression) => `to_timestamp(${expression} / 1000.0)`,
  jsonText: jsonPathText,
  daysInterval: (days) => `make_interval(days => cast(${days} as integer))`,
  jsonObject: (entries) =>
    `jsonb_build_object(${entries.map(([key, value]) => `${quoteJsonKey(key)}, ${value}`).join(', ')})`,
  jsonWithKey: (column, key, value) => `(${column} || jsonb_build_object(${quoteJsonKey(key)}, ${value}))`,
  jsonWithoutKey: (column, key) => `(${column} - ${quoteJsonKey(key)})`,
  tryCastDouble: (expression) =>
    `(case when ${expression} ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' then cast(${expression} as double precision) end)`,
  tryCastTimestamp: (expression) => `segmint_try_timestamp(${expression})`,
};

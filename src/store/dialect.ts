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
  /** True when the JSON value at `path` is an array (false or null otherwise). */
  jsonIsArray(column: string, path: readonly string[]): string;
  /**
   * True when the JSON value at `path` is an array with an element whose text equals `textExpression`. Only
   * meaningful where `jsonIsArray` holds (PostgreSQL raises an error on other values): guard it with a `case`.
   */
  jsonArrayHasText(column: string, path: readonly string[], textExpression: string): string;
  /** Whether text values may contain U+0000 (PostgreSQL text cannot). */
  readonly textCanHoldNul: boolean;
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

function jsonPathValue(column: string, path: readonly string[]): string {
  return `(${column}${path.map((key) => `->${quoteJsonKey(key)}`).join('')})`;
}

/**
 * DuckDB reads a key string starting with `$` as a JSONPath and one starting with `/` as a JSON pointer (and a
 * quoted JSONPath key `"*"` still acts as a wildcard), so user keys are always written as one JSON pointer
 * (RFC 6901: `~` → `~0`, `/` → `~1`), which takes every key literally.
 */
function duckdbJsonPointer(path: readonly string[]): string {
  if (path.length === 0) throw new Error('a JSON path needs at least one key');
  return quoteJsonKey(path.map((key) => `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`).join(''));
}

export const duckdbDialect: Dialect = {
  name: 'duckdb',
  jsonType: 'json',
  timestampType: 'timestamp',
  fromEpochMillis: (expression) => `make_timestamp(cast(${expression} * 1000 as bigint))`,
  jsonText: (column, path) => `(${column}->>${duckdbJsonPointer(path)})`,
  daysInterval: (days) => `to_days(cast(${days} as integer))`,
  jsonObject: (entries) =>
    `json_object(${entries.map(([key, value]) => `${quoteJsonKey(key)}, ${value}`).join(', ')})`,
  // RFC 7396 merge patch: the new value replaces the key (objects merge key by key; writers send whole objects).
  jsonWithKey: (column, key, value) =>
    `json_merge_patch(${column}, json_object(${quoteJsonKey(key)}, ${value}))`,
  jsonWithoutKey: (column, key) => `json_merge_patch(${column}, json_object(${quoteJsonKey(key)}, null))`,
  tryCastDouble: (expression) => `try_cast(${expression} as double)`,
  // A zone offset in the text (`…+02:00`) is applied only by a cast through timestamptz (a cast to timestamp drops
  // it), which is 2–3× slower: it is taken only for text that ends in an offset.
  tryCastTimestamp: (expression) =>
    `(case when length(${expression}) > 16 and regexp_matches(${expression}, '[+-]\\d\\d(:?\\d\\d)?$') ` +
    `then (try_cast(${expression} as timestamptz) at time zone 'UTC') else try_cast(${expression} as timestamp) end)`,
  jsonIsArray: (column, path) => `(json_type(${column}, ${duckdbJsonPointer(path)}) = 'ARRAY')`,
  jsonArrayHasText: (column, path, text) =>
    `list_contains(json_extract_string(json_extract(${column}, ${duckdbJsonPointer(path)}), '$[*]'), ${text})`,
  textCanHoldNul: true,
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
  jsonIsArray: (column, path) => `(jsonb_typeof${jsonPathValue(column, path)} = 'array')`,
  jsonArrayHasText: (column, path, text) =>
    `exists (select 1 from jsonb_array_elements_text${jsonPathValue(column, path)} as element(text) where element.text = ${text})`,
  textCanHoldNul: false,
};

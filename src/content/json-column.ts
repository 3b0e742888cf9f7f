/** DuckDB returns JSON columns as text, PostgreSQL (jsonb) as parsed values: both become values here. */
export function parseJsonColumn(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

import { formatJsonValue } from '../format.ts';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Key/value pairs of a JSON object (traits, computed traits, event properties); nested objects as nested tables. */
export function PropertyTable({ values, empty }: { values: Record<string, unknown>; empty: string }) {
  const entries = Object.entries(values).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="properties">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>
              {isPlainObject(value) ? <PropertyTable values={value} empty="{}" /> : formatJsonValue(value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useId } from 'react';

export interface HeatCell {
  /** Shade 0–1. */
  intensity: number;
  text: string;
  /** Shown on hover and read by screen readers. */
  title: string;
}

/**
 * A grid as an HTML table (so it is readable by screen readers and keyboard users), coloured by intensity. Row
 * and column headers label the axes.
 */
export function HeatMap({
  caption,
  columnLabel,
  rowLabel,
  columns,
  rows,
}: {
  caption: string;
  columnLabel: string;
  rowLabel: string;
  columns: readonly string[];
  rows: readonly { label: string; cells: readonly (HeatCell | null)[] }[];
}) {
  const captionId = useId();
  return (
    <div className="heatmap-wrap">
      <table className="heatmap" aria-labelledby={captionId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              {rowLabel} \ {columnLabel}
            </th>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, index) =>
                cell ? (
                  <td
                    key={columns[index] ?? index}
                    title={cell.title}
                    style={{
                      background: `rgba(37, 99, 235, ${0.08 + 0.85 * cell.intensity})`,
                      color: cell.intensity > 0.5 ? 'white' : undefined,
                    }}
                  >
                    {cell.text}
                  </td>
                ) : (
                  <td key={columns[index] ?? index} className="empty" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { ReactNode } from 'react';

export interface DataColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** `number`: right-aligned figures; `wide-only`: hidden on narrow screens. */
  className?: 'number' | 'wide-only';
  /** The cell names its row (`<th scope="row">`), for tables read row by row. */
  isRowHeader?: boolean;
}

/**
 * The dashboard's list table: a scrolling wrapper, one header row and a row per item; `empty` stands in for a table
 * without rows when given.
 */
export function DataTable<Row>({
  rows,
  rowKey,
  columns,
  empty,
}: {
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: readonly DataColumn<Row>[];
  empty?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return <p className="muted">{empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.isRowHeader ? (
                  <th key={column.header} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import type { RfmGrid } from '../../../src/schema/dashboard.ts';
import { rfmSegmentOf } from '../../../src/analytics/rfm/rfm-segments.ts';
import { formatInteger, formatPercent } from '../format.ts';
import { HeatMap } from './HeatMap.tsx';

const SCORES = [1, 2, 3, 4, 5] as const;

/** The R×F grid with each cell's named segment, shaded by its share of scored customers. */
export function RfmHeatMap({ grid }: { grid: RfmGrid }) {
  if (grid.scored === 0) {
    return (
      <p className="muted">
        No RFM scores yet: run <code>segmint rfm</code> (or POST /api/analytics/rfm).
      </p>
    );
  }
  const countOf = (r: number, f: number) =>
    grid.cells.find((cell) => cell.r === r && cell.f === f)?.customers ?? 0;
  const max = Math.max(1, ...grid.cells.map((cell) => cell.customers));
  return (
    <HeatMap
      caption={`${formatInteger(grid.scored)} scored customers; rows are recency (5 = most recent), columns frequency`}
      rowLabel="R"
      columnLabel="F"
      columns={SCORES.map((f) => `F${f}`)}
      rows={[...SCORES].reverse().map((r) => ({
        label: `R${r}`,
        cells: SCORES.map((f) => {
          const customers = countOf(r, f);
          const segment = rfmSegmentOf(r, f);
          return {
            intensity: customers / max,
            text: `${segment} · ${formatInteger(customers)}`,
            title: `R${r} F${f}: ${segment}, ${formatInteger(customers)} customers (${formatPercent(customers / grid.scored)})`,
          };
        }),
      }))}
    />
  );
}

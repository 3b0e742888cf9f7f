import type { Cohort } from '../../../src/web-client/response-schemas.ts';
import { formatInteger, formatPercent } from '../format.ts';
import { HeatMap } from './HeatMap.tsx';

/** Retention by months since the first purchase, one row per monthly cohort. */
export function CohortHeatMap({ cohorts }: { cohorts: readonly Cohort[] }) {
  if (cohorts.length === 0) return <p className="muted">No purchases yet.</p>;
  const periods = Math.max(...cohorts.map((cohort) => cohort.retention.length));
  return (
    <HeatMap
      caption="Share of each cohort active in month 0, 1, 2 … after its first purchase"
      rowLabel="Cohort"
      columnLabel="Month"
      columns={Array.from({ length: periods }, (_, period) => `M${period}`)}
      rows={cohorts.map((cohort) => ({
        label: `${cohort.cohort} (${formatInteger(cohort.size)})`,
        cells: Array.from({ length: periods }, (_, period) => {
          const retention = cohort.retention[period];
          if (retention === undefined) return null;
          return {
            intensity: period === 0 ? 1 : Math.min(1, retention * 2),
            text: formatPercent(retention),
            title: `${cohort.cohort}, month ${period}: ${formatInteger(cohort.active[period] ?? 0)} of ${formatInteger(cohort.size)} active`,
          };
        }),
      }))}
    />
  );
}

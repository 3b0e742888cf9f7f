import { AsyncView } from '../components/AsyncView.tsx';
import { BarChart } from '../components/BarChart.tsx';
import { CohortHeatMap } from '../components/CohortHeatMap.tsx';
import { RfmHeatMap } from '../components/RfmHeatMap.tsx';
import { useApi } from '../api-context.tsx';
import { formatCompact, formatInteger, formatMoney, formatPercent } from '../format.ts';
import { useAsync } from '../use-async.ts';

export function AnalyticsPage() {
  const api = useApi();
  const rfm = useAsync(() => api.getRfmGrid(), [api]);
  const cohorts = useAsync(() => api.getCohorts({ maxPeriods: 12 }), [api]);
  const predictions = useAsync(() => api.getPredictions(20), [api]);
  return (
    <section aria-labelledby="analytics-title">
      <h1 id="analytics-title">Analytics</h1>
      <h2>RFM: recency × frequency</h2>
      <AsyncView state={rfm}>{(grid) => <RfmHeatMap grid={grid} />}</AsyncView>
      <h2>Cohort retention</h2>
      <AsyncView state={cohorts}>{(rows) => <CohortHeatMap cohorts={rows} />}</AsyncView>
      <AsyncView state={predictions}>
        {(data) => (
          <>
            <h2>Cluster personas</h2>
            {data.clusters.length === 0 ? (
              <p className="muted">
                No clusters yet: run <code>segmint cluster</code> (or POST /api/analytics/clusters).
              </p>
            ) : (
              <div className="columns">
                <BarChart
                  title="Profiles per cluster"
                  bars={data.clusters.map((cluster) => ({
                    label: `#${cluster.cluster}`,
                    value: cluster.profiles,
                  }))}
                />
                <ul className="personas">
                  {data.clusters.map((cluster) => (
                    <li key={cluster.cluster}>
                      <strong>Cluster #{cluster.cluster}</strong> · {formatInteger(cluster.profiles)} profiles
                      <p>{cluster.description ?? 'No description.'}</p>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <h2>Predictions</h2>
            <div className="chart-grid">
              <BarChart
                title="CLV distribution"
                note={
                  data.clv.mean === null
                    ? 'not predicted yet'
                    : `mean ${formatMoney(data.clv.mean)}, top bin holds the top 1%`
                }
                bars={data.clv.bins.map((bin) => ({ label: formatCompact(bin.from), value: bin.count }))}
              />
              <BarChart
                title="Churn-risk distribution"
                note={
                  data.churnRisk.mean === null
                    ? 'not scored yet'
                    : `mean ${formatPercent(data.churnRisk.mean)}`
                }
                bars={data.churnRisk.bins.map((bin) => ({
                  label: formatPercent(bin.from),
                  value: bin.count,
                }))}
              />
            </div>
          </>
        )}
      </AsyncView>
    </section>
  );
}

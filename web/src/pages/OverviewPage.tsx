import { AsyncView } from '../components/AsyncView.tsx';
import { KpiCard } from '../components/KpiCard.tsx';
import { LineChart } from '../components/LineChart.tsx';
import { RecentPerformance } from '../components/RecentPerformance.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime, formatInteger, formatMoney } from '../format.ts';
import { useAsync } from '../use-async.ts';

export function OverviewPage() {
  const api = useApi();
  const overview = useAsync(() => api.getOverview(), [api]);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <AsyncView state={overview}>
        {(data) => {
          const labels = data.months.map((month) => month.month);
          return (
            <>
              <dl className="kpis">
                <KpiCard label="Profiles" value={formatInteger(data.profiles)} />
                <KpiCard label="Customers" value={formatInteger(data.customers)} hint="with an order" />
                <KpiCard
                  label="Active (30 days)"
                  value={formatInteger(data.active30d)}
                  hint={data.asOf ? `to ${formatDateTime(data.asOf)}` : 'no events yet'}
                />
                <KpiCard label="Orders" value={formatInteger(data.orders)} />
                <KpiCard label="Revenue" value={formatMoney(data.revenue)} />
              </dl>
              <h2>KPIs by month</h2>
              <div className="chart-grid">
                <LineChart
                  title="Revenue"
                  labels={labels}
                  values={data.months.map((month) => month.revenue)}
                  format={formatMoney}
                />
                <LineChart title="Orders" labels={labels} values={data.months.map((month) => month.orders)} />
                <LineChart
                  title="Active profiles"
                  labels={labels}
                  values={data.months.map((month) => month.activeProfiles)}
                />
                <LineChart
                  title="New customers"
                  labels={labels}
                  values={data.months.map((month) => month.newCustomers)}
                />
              </div>
            </>
          );
        }}
      </AsyncView>
      <RecentPerformance />
    </section>
  );
}

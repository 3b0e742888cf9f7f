import type { CampaignReportView } from '../../../src/web-client/response-schemas.ts';
import { AsyncView } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { KpiCard } from '../components/KpiCard.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime, formatInteger, formatPercent } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

function AbResults({ abTest }: { abTest: NonNullable<CampaignReportView['abTest']> }) {
  switch (abTest.state) {
    case 'not_started':
      return <p className="muted">The A/B test has not started.</p>;
    case 'testing':
      return <p>Testing: the winner is picked at {formatDateTime(abTest.decideAt)}.</p>;
    case 'decided': {
      const { decision } = abTest;
      return (
        <>
          <p>
            Winner <strong>{decision.winner}</strong> by {decision.metric.replace('_', ' ')}, decided{' '}
            {formatDateTime(decision.decidedAt)}.
          </p>
          <DataTable
            rows={decision.variants}
            rowKey={(variant) => variant.name}
            columns={[
              { header: 'Variant', isRowHeader: true, cell: (variant) => variant.name },
              {
                header: 'Delivered',
                className: 'number',
                cell: (variant) => formatInteger(variant.delivered),
              },
              {
                header: 'Open rate',
                className: 'number',
                cell: (variant) => formatPercent(variant.openRate),
              },
              {
                header: 'Click rate',
                className: 'number',
                cell: (variant) => formatPercent(variant.clickRate),
              },
            ]}
          />
        </>
      );
    }
    default: {
      const unhandled: never = abTest;
      return unhandled;
    }
  }
}

/** One campaign: recipients by delivery status and variant, and its A/B results. */
export function CampaignPage({ id }: { id: string }) {
  const api = useApi();
  const report = useAsync(() => api.getCampaignReport(id), [api, id]);
  return (
    <section aria-labelledby="campaign-title">
      <p>
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <AsyncView state={report}>
        {(data) => (
          <>
            <h1 id="campaign-title">{data.campaign.name}</h1>
            <p>
              Status <strong>{data.campaign.status}</strong>
            </p>
            <dl className="kpis">
              <KpiCard label="Recipients" value={formatInteger(data.recipients)} />
              {Object.entries(data.byStatus).map(([status, count]) => (
                <KpiCard key={status} label={status} value={formatInteger(count)} />
              ))}
            </dl>
            {data.variants.some((variant) => variant.variant !== null) && (
              <ul className="plain" aria-label="Recipients per variant">
                {data.variants.map((variant) => (
                  <li key={variant.variant ?? ''}>
                    {variant.variant}: {formatInteger(variant.recipients)} recipients,{' '}
                    {formatInteger(variant.sent)} sent
                  </li>
                ))}
              </ul>
            )}
            <h2>A/B test</h2>
            {data.abTest ? <AbResults abTest={data.abTest} /> : <p className="muted">No A/B test.</p>}
          </>
        )}
      </AsyncView>
    </section>
  );
}

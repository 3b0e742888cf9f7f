import { AsyncView } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

export function CampaignsPage() {
  const api = useApi();
  const campaigns = useAsync(() => api.listCampaigns(), [api]);
  return (
    <section aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">Campaigns</h1>
      <p className="muted">
        Create and send campaigns with <code>segmint campaigns …</code> or POST /api/campaigns; results show
        here.
      </p>
      <AsyncView state={campaigns}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(campaign) => campaign.id}
            empty="No campaigns yet."
            columns={[
              {
                header: 'Name',
                cell: (campaign) => (
                  <Link to={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.name}</Link>
                ),
              },
              { header: 'Status', cell: (campaign) => campaign.status },
              {
                header: 'Sends at',
                cell: (campaign) => (campaign.fireAt ? formatDateTime(campaign.fireAt) : '—'),
              },
              {
                header: 'Completed',
                cell: (campaign) => (campaign.completedAt ? formatDateTime(campaign.completedAt) : '—'),
              },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

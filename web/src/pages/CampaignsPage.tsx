import { AsyncView } from '../components/AsyncView.tsx';
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
        {(data) =>
          data.length === 0 ? (
            <p className="muted">No campaigns yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                    <th scope="col">Sends at</th>
                    <th scope="col">Completed</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((campaign) => (
                    <tr key={campaign.id}>
                      <td>
                        <Link to={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.name}</Link>
                      </td>
                      <td>{campaign.status}</td>
                      <td>{campaign.fireAt ? formatDateTime(campaign.fireAt) : '—'}</td>
                      <td>{campaign.completedAt ? formatDateTime(campaign.completedAt) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </AsyncView>
    </section>
  );
}

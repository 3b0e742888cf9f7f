import { useApi } from '../api-context.tsx';
import { formatInteger, formatPercent } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';
import { AsyncView } from './AsyncView.tsx';

const SHOWN = 5;

/** The latest journeys (runs and conversion) and campaigns (status) on the overview. */
export function RecentPerformance() {
  const api = useApi();
  const journeys = useAsync(async () => {
    const latest = (await api.listJourneys())
      .filter((journey) => journey.status !== 'archived')
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, SHOWN);
    return Promise.all(latest.map((journey) => api.getJourneyReport(journey.name)));
  }, [api]);
  const campaigns = useAsync(async () => (await api.listCampaigns()).slice(-SHOWN).reverse(), [api]);
  return (
    <div className="columns">
      <section aria-labelledby="recent-journeys">
        <h2 id="recent-journeys">Journeys</h2>
        <AsyncView state={journeys}>
          {(reports) =>
            reports.length === 0 ? (
              <p className="muted">No journeys yet.</p>
            ) : (
              <ul className="plain">
                {reports.map(({ journey, runs }) => (
                  <li key={journey.id}>
                    <Link to={`/journeys/${encodeURIComponent(journey.name)}`}>{journey.name}</Link>{' '}
                    <span className="muted">
                      {journey.status} · {formatInteger(runs.total)} runs · {formatInteger(runs.live)} live ·{' '}
                      {runs.total === 0
                        ? 'no conversions yet'
                        : `${formatPercent(runs.converted / runs.total)} converted`}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </AsyncView>
      </section>
      <section aria-labelledby="recent-campaigns">
        <h2 id="recent-campaigns">Campaigns</h2>
        <AsyncView state={campaigns}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">No campaigns yet.</p>
            ) : (
              <ul className="plain">
                {list.map((campaign) => (
                  <li key={campaign.id}>
                    <Link to={`/campaigns/${encodeURIComponent(campaign.id)}`}>{campaign.name}</Link>{' '}
                    <span className="muted">{campaign.status}</span>
                  </li>
                ))}
              </ul>
            )
          }
        </AsyncView>
      </section>
    </div>
  );
}

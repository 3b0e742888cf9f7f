import { AsyncView } from '../components/AsyncView.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

export function JourneysPage() {
  const api = useApi();
  const journeys = useAsync(() => api.listJourneys(), [api]);
  return (
    <section aria-labelledby="journeys-title">
      <div className="title-row">
        <h1 id="journeys-title">Journeys</h1>
        <Link to="/journeys/new" className="button">
          New journey
        </Link>
      </div>
      <AsyncView state={journeys}>
        {(data) =>
          data.length === 0 ? (
            <p className="muted">No journeys yet. Create one from JSON or YAML.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="number">
                      Version
                    </th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((journey) => (
                    <tr key={journey.id}>
                      <td>
                        <Link to={`/journeys/${encodeURIComponent(journey.name)}`}>{journey.name}</Link>
                      </td>
                      <td>{journey.status}</td>
                      <td className="number">{journey.currentVersion}</td>
                      <td>{formatDateTime(journey.updatedAt)}</td>
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

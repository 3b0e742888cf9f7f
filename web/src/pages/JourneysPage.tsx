import { AsyncView } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
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
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(journey) => journey.id}
            empty="No journeys yet. Create one from JSON or YAML."
            columns={[
              {
                header: 'Name',
                cell: (journey) => (
                  <Link to={`/journeys/${encodeURIComponent(journey.name)}`}>{journey.name}</Link>
                ),
              },
              { header: 'Status', cell: (journey) => journey.status },
              { header: 'Version', className: 'number', cell: (journey) => journey.currentVersion },
              { header: 'Updated', cell: (journey) => formatDateTime(journey.updatedAt) },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

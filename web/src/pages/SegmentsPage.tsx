import { AsyncView } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
import { useApi } from '../api-context.tsx';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

export function SegmentsPage() {
  const api = useApi();
  const segments = useAsync(() => api.listSegments(), [api]);
  return (
    <section aria-labelledby="segments-title">
      <div className="title-row">
        <h1 id="segments-title">Segments</h1>
        <Link to="/segments/new" className="button">
          New segment
        </Link>
      </div>
      <AsyncView state={segments}>
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(segment) => segment.id}
            empty="No saved segments yet. Create one with the builder."
            columns={[
              {
                header: 'Name',
                cell: (segment) => (
                  <Link to={`/segments/${encodeURIComponent(segment.name)}`}>{segment.name}</Link>
                ),
              },
              { header: 'Members', className: 'number', cell: (segment) => formatInteger(segment.members) },
              { header: 'Condition', cell: (segment) => <code>{segment.text}</code> },
              { header: 'Updates', cell: (segment) => (segment.realtime ? 'real time' : 'scheduled') },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

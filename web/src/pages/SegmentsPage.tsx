import { AsyncView } from '../components/AsyncView.tsx';
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
        {(data) =>
          data.length === 0 ? (
            <p className="muted">No saved segments yet. Create one with the builder.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col" className="number">
                      Members
                    </th>
                    <th scope="col">Condition</th>
                    <th scope="col">Updates</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((segment) => (
                    <tr key={segment.id}>
                      <td>
                        <Link to={`/segments/${encodeURIComponent(segment.name)}`}>{segment.name}</Link>
                      </td>
                      <td className="number">{formatInteger(segment.members)}</td>
                      <td>
                        <code>{segment.text}</code>
                      </td>
                      <td>{segment.realtime ? 'real time' : 'scheduled'}</td>
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

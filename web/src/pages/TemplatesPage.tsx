import { AsyncView } from '../components/AsyncView.tsx';
import { useApi } from '../api-context.tsx';
import { formatDateTime } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

export function TemplatesPage() {
  const api = useApi();
  const templates = useAsync(() => api.listTemplates(), [api]);
  return (
    <section aria-labelledby="templates-title">
      <div className="title-row">
        <h1 id="templates-title">Templates</h1>
        <Link to="/templates/new" className="button">
          New template
        </Link>
      </div>
      <AsyncView state={templates}>
        {(data) =>
          data.length === 0 ? (
            <p className="muted">No templates yet.</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Channel</th>
                    <th scope="col" className="number">
                      Version
                    </th>
                    <th scope="col">Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {data.map((template) => (
                    <tr key={template.id}>
                      <td>
                        <Link to={`/templates/${encodeURIComponent(template.name)}`}>{template.name}</Link>
                      </td>
                      <td>{template.channel}</td>
                      <td className="number">{template.currentVersion}</td>
                      <td>{formatDateTime(template.updatedAt)}</td>
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

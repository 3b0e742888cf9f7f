import { AsyncView } from '../components/AsyncView.tsx';
import { DataTable } from '../components/DataTable.tsx';
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
        {(data) => (
          <DataTable
            rows={data}
            rowKey={(template) => template.id}
            empty="No templates yet."
            columns={[
              {
                header: 'Name',
                cell: (template) => (
                  <Link to={`/templates/${encodeURIComponent(template.name)}`}>{template.name}</Link>
                ),
              },
              { header: 'Channel', cell: (template) => template.channel },
              { header: 'Version', className: 'number', cell: (template) => template.currentVersion },
              { header: 'Updated', cell: (template) => formatDateTime(template.updatedAt) },
            ]}
          />
        )}
      </AsyncView>
    </section>
  );
}

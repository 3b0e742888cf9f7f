import type { SegmentDefinition } from '../../../src/schema/segment.ts';
import { useApi } from '../api-context.tsx';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';
import { ErrorMessage } from './AsyncView.tsx';

/** Live count and a sample of who the definition selects now (nothing is saved). */
export function SegmentPreviewPanel({ definition }: { definition: SegmentDefinition }) {
  const api = useApi();
  const key = JSON.stringify(definition);
  const preview = useAsync(
    (signal) => api.previewSegment({ definition }, { sampleSize: 10, signal }),
    [api, key],
  );
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div role="status" aria-live="polite">
        {preview.status === 'loading' && <p className="muted">Counting…</p>}
        {preview.status === 'done' && (
          <p>
            <strong data-testid="preview-count">{formatInteger(preview.data.count)}</strong>{' '}
            {preview.data.count === 1 ? 'profile matches' : 'profiles match'}
          </p>
        )}
      </div>
      {preview.status === 'failed' && <ErrorMessage error={preview.error} />}
      {preview.status === 'done' && preview.data.sample.length > 0 && (
        <ul className="sample" aria-label="Sample of matching profiles">
          {preview.data.sample.map((id) => (
            <li key={id}>
              <Link to={`/customers/${encodeURIComponent(id)}`}>{id}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

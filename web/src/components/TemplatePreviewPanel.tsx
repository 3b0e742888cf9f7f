import type { TemplateChannel, TemplateFormat } from '../../../src/schema/template.ts';
import { useApi } from '../api-context.tsx';
import { useAsync } from '../use-async.ts';
import { ErrorMessage } from './AsyncView.tsx';

export interface TemplateDraft {
  channel: TemplateChannel;
  format: TemplateFormat;
  subject: string;
  body: string;
}

/**
 * The draft rendered by the server for one profile (the same Liquid engine and data as a real send). HTML goes into
 * a sandboxed iframe with no scripts, so a template cannot run code in the dashboard.
 */
export function TemplatePreviewPanel({ draft, profileId }: { draft: TemplateDraft; profileId: string }) {
  const api = useApi();
  const key = JSON.stringify([draft, profileId]);
  const preview = useAsync(
    (signal) =>
      api.previewTemplateDraft(
        {
          channel: draft.channel,
          format: draft.format,
          body: draft.body,
          profileId,
          ...(draft.channel === 'email' ? { subject: draft.subject } : {}),
        },
        { signal },
      ),
    [api, key],
  );
  return (
    <section
      className="preview"
      aria-labelledby="template-preview-title"
      aria-busy={preview.status === 'loading'}
    >
      <h2 id="template-preview-title">Preview</h2>
      {preview.status === 'loading' && <p className="muted">Rendering…</p>}
      {preview.status === 'failed' && <ErrorMessage error={preview.error} />}
      {preview.status === 'done' && (
        <>
          {preview.data.subject !== undefined && (
            <p>
              <span className="muted">Subject: </span>
              <strong data-testid="preview-subject">{preview.data.subject}</strong>
            </p>
          )}
          {preview.data.html !== undefined ? (
            <iframe title="Email preview" className="email-frame" sandbox="" srcDoc={preview.data.html} />
          ) : (
            <pre className="code">
              {preview.data.body === undefined
                ? preview.data.text
                : JSON.stringify(preview.data.body, null, 2)}
            </pre>
          )}
          {preview.data.html !== undefined && (
            <details>
              <summary>Plain-text part</summary>
              <pre className="code">{preview.data.text}</pre>
            </details>
          )}
        </>
      )}
    </section>
  );
}

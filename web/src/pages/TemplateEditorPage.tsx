import { useState, type FormEvent } from 'react';
import {
  templateChannelSchema,
  templateFormatSchema,
  type TemplateChannel,
  type TemplateFormat,
} from '../../../src/schema/template.ts';
import type { TemplateWithContent } from '../../../src/web-client/response-schemas.ts';
import { AsyncView, ErrorMessage } from '../components/AsyncView.tsx';
import { TemplatePreviewPanel, type TemplateDraft } from '../components/TemplatePreviewPanel.tsx';
import { useApi } from '../api-context.tsx';
import { navigate } from '../router.tsx';
import { useAsync, useDebounced } from '../use-async.ts';

const NEW_DRAFT: TemplateDraft = {
  channel: 'email',
  format: 'html',
  subject: 'Hello {{ profile.first_name | default: "there" }}',
  body: '<h1>Hi {{ profile.first_name | default: "there" }}</h1>\n<p>Thanks for shopping with us.</p>',
};

/** `/templates/new` (name is null) or `/templates/:name`: load the saved template, then edit it. */
export function TemplateEditorPage({ name }: { name: string | null }) {
  const api = useApi();
  const template = useAsync(async () => (name === null ? null : api.getTemplate(name)), [api, name]);
  return (
    <AsyncView state={template}>{(saved) => <TemplateEditor key={name ?? ''} saved={saved} />}</AsyncView>
  );
}

function draftOf(saved: TemplateWithContent | null): TemplateDraft {
  if (!saved) return NEW_DRAFT;
  return {
    channel: saved.channel,
    format: saved.content.format,
    subject: saved.content.subject ?? '',
    body: saved.content.body,
  };
}

function TemplateEditor({ saved }: { saved: TemplateWithContent | null }) {
  const api = useApi();
  const [name, setName] = useState(saved?.name ?? '');
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [profileId, setProfileId] = useState('');
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const previewed = useDebounced(draft, 400);
  const previewProfile = useDebounced(profileId.trim(), 400);
  // The first profile is a sensible default to preview with; the user can type another id, user id or email.
  const firstProfile = useAsync(() => api.listProfiles({ limit: 1 }), [api]);
  const fallbackProfile = firstProfile.status === 'done' ? firstProfile.data.profiles[0]?.id : undefined;
  const shownProfile = previewProfile || fallbackProfile;
  const update = (patch: Partial<TemplateDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaveError(null);
    setSavedNote(null);
    const content = {
      body: draft.body,
      format: draft.format,
      ...(draft.channel === 'email' ? { subject: draft.subject } : {}),
    };
    try {
      const result = saved
        ? await api.updateTemplate(saved.name, content)
        : await api.createTemplate({ name: name.trim(), channel: draft.channel, ...content });
      setSavedNote(`Saved version ${result.content.version}.`);
      if (!saved) navigate(`/templates/${encodeURIComponent(result.name)}`);
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <section aria-labelledby="template-title">
      <h1 id="template-title">{saved ? `Template ${saved.name}` : 'New template'}</h1>
      <form onSubmit={save} className="template-editor">
        <div className="editor-fields">
          {!saved && (
            <div className="field">
              <label htmlFor="template-name">Template name</label>
              <input
                id="template-name"
                required
                value={name}
                onChange={(event) => setName(event.target.value)}
              />
            </div>
          )}
          <div className="field inline">
            <label htmlFor="template-channel">Channel</label>
            <select
              id="template-channel"
              value={draft.channel}
              disabled={saved !== null}
              onChange={(event) => {
                const channel = templateChannelSchema.safeParse(event.target.value);
                if (channel.success) update({ channel: channel.data satisfies TemplateChannel });
              }}
            >
              {templateChannelSchema.options.map((channel) => (
                <option key={channel}>{channel}</option>
              ))}
            </select>
            <label htmlFor="template-format">Format</label>
            <select
              id="template-format"
              value={draft.format}
              onChange={(event) => {
                const format = templateFormatSchema.safeParse(event.target.value);
                if (format.success) update({ format: format.data satisfies TemplateFormat });
              }}
            >
              {templateFormatSchema.options.map((format) => (
                <option key={format}>{format}</option>
              ))}
            </select>
          </div>
          {draft.channel === 'email' && (
            <div className="field">
              <label htmlFor="template-subject">Subject</label>
              <input
                id="template-subject"
                value={draft.subject}
                onChange={(event) => update({ subject: event.target.value })}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="template-body">Body (Liquid)</label>
            <textarea
              id="template-body"
              rows={16}
              spellCheck={false}
              value={draft.body}
              onChange={(event) => update({ body: event.target.value })}
            />
          </div>
          {saveError && <ErrorMessage error={saveError} />}
          {savedNote && <p role="status">{savedNote}</p>}
          <button type="submit" disabled={draft.body.trim() === '' || (!saved && name.trim() === '')}>
            {saved ? 'Save new version' : 'Save template'}
          </button>
        </div>
        <div className="editor-preview">
          <div className="field">
            <label htmlFor="preview-profile">Preview for profile (id, user id or email)</label>
            <input
              id="preview-profile"
              value={profileId}
              placeholder={fallbackProfile ?? 'profile id'}
              onChange={(event) => setProfileId(event.target.value)}
            />
          </div>
          {shownProfile ? (
            <TemplatePreviewPanel draft={previewed} profileId={shownProfile} />
          ) : (
            <p className="muted">Enter a profile to preview with.</p>
          )}
        </div>
      </form>
    </section>
  );
}

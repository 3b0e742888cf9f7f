import { useState, type FormEvent } from 'react';
import { readJourneyDraft } from '../../../src/web-client/journey-draft.ts';
import { ErrorMessage } from '../components/AsyncView.tsx';
import { JourneyDiagram } from '../components/JourneyDiagram.tsx';
import { useApi } from '../api-context.tsx';
import { navigate } from '../router.tsx';
import { useAsync, useDebounced } from '../use-async.ts';

const SAMPLE = `schemaVersion: 1
name: Welcome series
trigger: { type: event, event: Signed Up }
start: welcome
nodes:
  - { id: welcome, type: send, template: welcome, next: wait-3d }
  - { id: wait-3d, type: delay, duration: 3d, next: bought }
  - id: bought
    type: branch
    condition: count(purchase) >= 1
    then: done
    else: nudge
  - { id: nudge, type: send, template: welcome-nudge, next: done }
  - { id: done, type: exit }
`;

/**
 * A journey typed as JSON or YAML. The schema and graph are checked in the browser as you type (with the diagram
 * drawn from the valid draft); the server then checks what only it knows (templates and segments that exist).
 */
export function JourneyEditorPage() {
  const api = useApi();
  const [text, setText] = useState(SAMPLE);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const draft = readJourneyDraft(useDebounced(text, 250));
  const checkedText = useDebounced(text, 600);
  const serverCheck = useAsync(
    async (signal) => {
      const local = readJourneyDraft(checkedText);
      return local.ok ? api.validateJourney(local.definition, { signal }) : null;
    },
    [api, checkedText],
  );

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.ok) return;
    setSaveError(null);
    try {
      const saved = await api.saveJourney(draft.definition);
      navigate(`/journeys/${encodeURIComponent(saved.journey.name)}`);
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const problems = draft.ok
    ? serverCheck.status === 'done' && serverCheck.data && !serverCheck.data.ok
      ? serverCheck.data.problems
      : []
    : draft.errors;
  return (
    <section aria-labelledby="journey-editor-title">
      <h1 id="journey-editor-title">New journey</h1>
      <form onSubmit={save} className="template-editor">
        <div>
          <div className="field">
            <label htmlFor="journey-text">Definition (JSON or YAML)</label>
            <textarea
              id="journey-text"
              rows={24}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={problems.length > 0 ? true : undefined}
              aria-describedby="journey-problems"
            />
          </div>
          <div id="journey-problems" aria-live="polite">
            {problems.length > 0 && (
              <ul className="error problems" aria-label="Problems">
                {problems.map((problem) => (
                  <li key={`${problem.path}:${problem.message}`}>
                    <code>{problem.path}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {serverCheck.status === 'failed' && <ErrorMessage error={serverCheck.error} />}
          {saveError && <ErrorMessage error={saveError} />}
          <button type="submit" disabled={!draft.ok || problems.length > 0}>
            Save journey
          </button>
        </div>
        <div>
          {draft.ok ? (
            <JourneyDiagram definition={draft.definition} />
          ) : (
            <p className="muted">Fix the problems to see the diagram.</p>
          )}
        </div>
      </form>
    </section>
  );
}

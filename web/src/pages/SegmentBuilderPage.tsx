import { useState, type FormEvent } from 'react';
import type { SegmentDefinition } from '../../../src/schema/segment.ts';
import { printSegmentText } from '../../../src/segments/text/print-segment.ts';
import { parseSegmentText } from '../../../src/segments/text/parse-segment.ts';
import {
  definitionFromModel,
  modelFromDefinition,
  type BuilderModel,
} from '../../../src/web-client/segment-rows.ts';
import { ErrorMessage } from '../components/AsyncView.tsx';
import { ConditionRows } from '../components/ConditionRows.tsx';
import { SegmentPreviewPanel } from '../components/SegmentPreviewPanel.tsx';
import { useApi } from '../api-context.tsx';
import { navigate } from '../router.tsx';
import { useDebounced } from '../use-async.ts';

const INITIAL_MODEL: BuilderModel = {
  combinator: 'and',
  rows: [{ kind: 'count', event: 'purchase', op: 'gte', value: 1, days: 90 }],
};

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The segment builder: condition rows and the text form side by side. Editing rows reprints the text; editing the
 * text re-parses it into rows. The last valid definition is previewed (count and sample) once typing pauses.
 */
export function SegmentBuilderPage() {
  const api = useApi();
  const [name, setName] = useState('');
  const [model, setModel] = useState(INITIAL_MODEL);
  const [definition, setDefinition] = useState<SegmentDefinition | null>(() =>
    definitionFromModel(INITIAL_MODEL),
  );
  const [text, setText] = useState(() => (definition ? printSegmentText(definition) : ''));
  const [rowsError, setRowsError] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const previewed = useDebounced(definition, 400);

  const changeRows = (next: BuilderModel) => {
    setModel(next);
    try {
      const built = definitionFromModel(next);
      setDefinition(built);
      setText(printSegmentText(built));
      setRowsError(null);
      setTextError(null);
    } catch (error) {
      setRowsError(messageOf(error));
    }
  };

  const changeText = (next: string) => {
    setText(next);
    try {
      const parsed = parseSegmentText(next);
      setDefinition(parsed);
      setModel(modelFromDefinition(parsed));
      setTextError(null);
      setRowsError(null);
    } catch (error) {
      setTextError(messageOf(error));
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!definition) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api.createSegment({ name: name.trim(), definition });
      navigate(`/segments/${encodeURIComponent(saved.name)}`);
    } catch (error) {
      setSaveError(error instanceof Error ? error : new Error(String(error)));
      setSaving(false);
    }
  };

  const isValid = definition !== null && rowsError === null && textError === null;
  return (
    <section aria-labelledby="builder-title">
      <h1 id="builder-title">New segment</h1>
      <form onSubmit={save} className="builder">
        <div className="field">
          <label htmlFor="segment-name">Segment name</label>
          <input id="segment-name" value={name} required onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="builder-sides">
          <fieldset>
            <legend>Conditions</legend>
            <ConditionRows model={model} onChange={changeRows} />
            {rowsError && (
              <p role="alert" className="error">
                {rowsError}
              </p>
            )}
          </fieldset>
          <div className="field">
            <label htmlFor="segment-text">Text form</label>
            <textarea
              id="segment-text"
              rows={8}
              spellCheck={false}
              value={text}
              onChange={(event) => changeText(event.target.value)}
              aria-invalid={textError ? true : undefined}
              aria-describedby="segment-text-help"
            />
            <p id="segment-text-help" className="muted">
              The same language as <code>segmint segments create</code>, e.g.{' '}
              <code>country = "DE" and count(purchase, last 90 days) &gt;= 3</code>.
            </p>
            {textError && (
              <pre role="alert" className="error">
                {textError}
              </pre>
            )}
          </div>
        </div>
        {previewed && <SegmentPreviewPanel definition={previewed} />}
        {saveError && <ErrorMessage error={saveError} />}
        <button type="submit" disabled={!isValid || saving || name.trim() === ''}>
          {saving ? 'Saving…' : 'Save segment'}
        </button>
      </form>
    </section>
  );
}

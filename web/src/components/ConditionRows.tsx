import {
  NEW_ROWS,
  isRowKind,
  type BuilderModel,
  type ConditionRow,
} from '../../../src/web-client/segment-rows.ts';
import { ConditionRowFields } from './ConditionRowFields.tsx';

const KIND_LABELS: Readonly<Record<ConditionRow['kind'], string>> = {
  trait: 'Trait',
  count: 'Event count',
  segment: 'Segment membership',
  text: 'Other (text)',
};

/** The visual half of the builder: one row per condition, joined by and/or. */
export function ConditionRows({
  model,
  onChange,
}: {
  model: BuilderModel;
  onChange: (next: BuilderModel) => void;
}) {
  const replaceRow = (index: number, row: ConditionRow) =>
    onChange({ ...model, rows: model.rows.map((current, at) => (at === index ? row : current)) });
  return (
    <div className="rows">
      <div className="field inline">
        <label htmlFor="combinator">Profiles must match</label>
        <select
          id="combinator"
          value={model.combinator}
          onChange={(event) => onChange({ ...model, combinator: event.target.value === 'or' ? 'or' : 'and' })}
        >
          <option value="and">all conditions (and)</option>
          <option value="or">any condition (or)</option>
        </select>
      </div>
      <ol className="condition-rows">
        {model.rows.map((row, index) => (
          <li key={index} className="condition-row">
            <label>
              <span className="visually-hidden">Condition {index + 1} kind</span>
              <select
                value={row.kind}
                onChange={(event) => {
                  const kind = event.target.value;
                  if (isRowKind(kind)) replaceRow(index, NEW_ROWS[kind]);
                }}
              >
                {Object.entries(KIND_LABELS).map(([kind, label]) => (
                  <option key={kind} value={kind}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <ConditionRowFields index={index} row={row} onChange={(next) => replaceRow(index, next)} />
            <button
              type="button"
              className="secondary"
              aria-label={`Remove condition ${index + 1}`}
              onClick={() => onChange({ ...model, rows: model.rows.filter((_, at) => at !== index) })}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() => onChange({ ...model, rows: [...model.rows, NEW_ROWS.trait] })}
      >
        Add condition
      </button>
    </div>
  );
}

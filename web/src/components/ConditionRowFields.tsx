import type { ReactNode } from 'react';
import { COMPARISON_OPS, type ComparisonOp } from '../../../src/schema/segment.ts';
import { TRAIT_OPS, type ConditionRow, type TraitOp } from '../../../src/web-client/segment-rows.ts';

const OP_LABELS: Readonly<Record<ComparisonOp | TraitOp, string>> = {
  eq: '=',
  neq: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  contains: 'contains',
  exists: 'exists',
};

function isTraitOp(value: string): value is TraitOp {
  return TRAIT_OPS.some((op) => op === value);
}

function isComparisonOp(value: string): value is ComparisonOp {
  return COMPARISON_OPS.some((op) => op === value);
}

/** A labelled input; labels are visually hidden inside a row but read by screen readers. */
function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label>
      <span className="visually-hidden">{label}</span>
      {children}
    </label>
  );
}

/** The inputs of one condition row, by kind. */
export function ConditionRowFields({
  index,
  row,
  onChange,
}: {
  index: number;
  row: ConditionRow;
  onChange: (next: ConditionRow) => void;
}) {
  const n = index + 1;
  switch (row.kind) {
    case 'trait':
      return (
        <>
          <Labelled label={`Condition ${n} field`}>
            <input
              value={row.field}
              placeholder="plan or rfm.segment"
              onChange={(e) => onChange({ ...row, field: e.target.value })}
            />
          </Labelled>
          <Labelled label={`Condition ${n} operator`}>
            <select
              value={row.op}
              onChange={(e) => isTraitOp(e.target.value) && onChange({ ...row, op: e.target.value })}
            >
              {TRAIT_OPS.map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[op]}
                </option>
              ))}
            </select>
          </Labelled>
          {row.op !== 'exists' && (
            <Labelled label={`Condition ${n} value`}>
              <input
                value={row.value}
                placeholder="value"
                onChange={(e) => onChange({ ...row, value: e.target.value })}
              />
            </Labelled>
          )}
        </>
      );
    case 'count':
      return (
        <>
          <Labelled label={`Condition ${n} event`}>
            <input
              value={row.event}
              placeholder="event name"
              onChange={(e) => onChange({ ...row, event: e.target.value })}
            />
          </Labelled>
          <Labelled label={`Condition ${n} operator`}>
            <select
              value={row.op}
              onChange={(e) => isComparisonOp(e.target.value) && onChange({ ...row, op: e.target.value })}
            >
              {COMPARISON_OPS.map((op) => (
                <option key={op} value={op}>
                  {OP_LABELS[op]}
                </option>
              ))}
            </select>
          </Labelled>
          <Labelled label={`Condition ${n} times`}>
            <input
              type="number"
              min={0}
              value={row.value}
              className="narrow"
              onChange={(e) => onChange({ ...row, value: Number(e.target.value) })}
            />
          </Labelled>
          <span className="muted">times in the last</span>
          <Labelled label={`Condition ${n} days (empty: all time)`}>
            <input
              type="number"
              min={0}
              value={row.days ?? ''}
              className="narrow"
              placeholder="all"
              onChange={(e) =>
                onChange({ ...row, days: e.target.value === '' ? null : Number(e.target.value) })
              }
            />
          </Labelled>
          <span className="muted">days</span>
        </>
      );
    case 'segment':
      return (
        <>
          <Labelled label={`Condition ${n} in or not in`}>
            <select
              value={row.negated ? 'not' : 'in'}
              onChange={(e) => onChange({ ...row, negated: e.target.value === 'not' })}
            >
              <option value="in">in segment</option>
              <option value="not">not in segment</option>
            </select>
          </Labelled>
          <Labelled label={`Condition ${n} segment name`}>
            <input
              value={row.segment}
              placeholder="segment name"
              onChange={(e) => onChange({ ...row, segment: e.target.value })}
            />
          </Labelled>
        </>
      );
    case 'text':
      return (
        <Labelled label={`Condition ${n} text`}>
          <input
            className="wide"
            value={row.text}
            placeholder='e.g. country in ("DE", "AT")'
            spellCheck={false}
            onChange={(e) => onChange({ ...row, text: e.target.value })}
          />
        </Labelled>
      );
    default: {
      const unhandled: never = row;
      return unhandled;
    }
  }
}

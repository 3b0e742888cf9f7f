import { useId } from 'react';
import { formatCompact } from '../format.ts';

const WIDTH = 480;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

/** One series over labelled points (months), as an SVG area chart with its first and last labels on the axis. */
export function LineChart({
  title,
  labels,
  values,
  format = formatCompact,
}: {
  title: string;
  labels: readonly string[];
  values: readonly number[];
  format?: (value: number) => string;
}) {
  const titleId = useId();
  const max = Math.max(1, ...values);
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left + (values.length <= 1 ? innerWidth / 2 : (index / (values.length - 1)) * innerWidth);
  const y = (value: number) => PAD.top + innerHeight - (value / max) * innerHeight;
  const points = values.map((value, index) => `${x(index)},${y(value)}`).join(' ');
  const area = `${PAD.left},${PAD.top + innerHeight} ${points} ${x(values.length - 1)},${PAD.top + innerHeight}`;
  const last = values[values.length - 1];
  return (
    <figure className="chart">
      <figcaption id={titleId}>
        {title}
        {last !== undefined && <span className="muted"> · latest {format(last)}</span>}
      </figcaption>
      {values.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
          {[0, 0.5, 1].map((share) => (
            <g key={share}>
              <line
                className="grid"
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(max * share)}
                y2={y(max * share)}
              />
              <text className="axis" x={PAD.left - 6} y={y(max * share) + 4} textAnchor="end">
                {format(max * share)}
              </text>
            </g>
          ))}
          <polygon className="area" points={area} />
          <polyline className="line" points={points} />
          {values.map((value, index) => (
            <circle key={labels[index] ?? index} className="dot" cx={x(index)} cy={y(value)} r={2.5}>
              <title>{`${labels[index] ?? ''}: ${format(value)}`}</title>
            </circle>
          ))}
          <text className="axis" x={x(0)} y={HEIGHT - 8} textAnchor="start">
            {labels[0]}
          </text>
          <text className="axis" x={x(values.length - 1)} y={HEIGHT - 8} textAnchor="end">
            {labels[labels.length - 1]}
          </text>
        </svg>
      )}
    </figure>
  );
}

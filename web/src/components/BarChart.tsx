import { useId } from 'react';
import { formatCompact } from '../format.ts';

const WIDTH = 480;
const HEIGHT = 180;
const PAD = { top: 12, right: 12, bottom: 28, left: 44 };

export interface Bar {
  label: string;
  value: number;
}

/** Vertical bars (histograms, cluster sizes); each bar has a tooltip with its label and value. */
export function BarChart({ title, bars, note }: { title: string; bars: readonly Bar[]; note?: string }) {
  const titleId = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const innerWidth = WIDTH - PAD.left - PAD.right;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerWidth / Math.max(1, bars.length);
  const first = bars[0];
  const last = bars[bars.length - 1];
  return (
    <figure className="chart">
      <figcaption id={titleId}>
        {title}
        {note && <span className="muted"> · {note}</span>}
      </figcaption>
      {bars.length === 0 ? (
        <p className="muted">No data yet.</p>
      ) : (
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
          <line className="grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={PAD.top} y2={PAD.top} />
          <text className="axis" x={PAD.left - 6} y={PAD.top + 4} textAnchor="end">
            {formatCompact(max)}
          </text>
          {bars.map((bar, index) => {
            const height = (bar.value / max) * innerHeight;
            return (
              <rect
                key={`${bar.label}-${index}`}
                className="bar"
                x={PAD.left + index * slot + 1}
                y={PAD.top + innerHeight - height}
                width={Math.max(1, slot - 2)}
                height={height}
              >
                <title>{`${bar.label}: ${formatCompact(bar.value)}`}</title>
              </rect>
            );
          })}
          <text className="axis" x={PAD.left} y={HEIGHT - 8} textAnchor="start">
            {first?.label}
          </text>
          {bars.length > 1 && (
            <text className="axis" x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end">
              {last?.label}
            </text>
          )}
        </svg>
      )}
    </figure>
  );
}

import { AsyncView } from '../components/AsyncView.tsx';
import { BarChart } from '../components/BarChart.tsx';
import type { SegmentTransition } from '../../../src/web-client/response-schemas.ts';
import { useApi } from '../api-context.tsx';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

// The transitions endpoint pages at 10,000 (oldest first): the charts cover that many.
const TRANSITIONS_LIMIT = 10_000;

function countByDay(transitions: readonly SegmentTransition[], kind: SegmentTransition['kind']) {
  const counts = new Map<string, number>();
  for (const transition of transitions) {
    if (transition.kind !== kind) continue;
    const day = transition.occurredAt.toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, value]) => ({ label, value }));
}

export function SegmentPage({ name }: { name: string }) {
  const api = useApi();
  const segment = useAsync(async () => {
    const [segments, transitions] = await Promise.all([
      api.listSegments(),
      api.listSegmentTransitions(name, { limit: TRANSITIONS_LIMIT }),
    ]);
    return { segment: segments.find((candidate) => candidate.name === name), transitions };
  }, [api, name]);
  return (
    <section aria-labelledby="segment-title">
      <p>
        <Link to="/segments">← Segments</Link>
      </p>
      <h1 id="segment-title">{name}</h1>
      <AsyncView state={segment}>
        {({ segment: found, transitions }) => (
          <>
            {found && (
              <>
                <p>
                  <strong>{formatInteger(found.members)}</strong> members ·{' '}
                  {found.realtime ? 'updated in real time' : 'updated on schedule'}
                </p>
                <pre className="code">{found.text}</pre>
              </>
            )}
            <div className="chart-grid">
              <BarChart title="Entered per day" bars={countByDay(transitions, 'entered')} />
              <BarChart title="Exited per day" bars={countByDay(transitions, 'exited')} />
            </div>
          </>
        )}
      </AsyncView>
    </section>
  );
}

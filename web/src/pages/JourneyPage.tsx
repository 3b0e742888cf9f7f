import { useState } from 'react';
import { AsyncView, ErrorMessage } from '../components/AsyncView.tsx';
import { JourneyDiagram } from '../components/JourneyDiagram.tsx';
import { KpiCard } from '../components/KpiCard.tsx';
import { useApi } from '../api-context.tsx';
import { formatInteger } from '../format.ts';
import { Link } from '../router.tsx';
import { useAsync } from '../use-async.ts';

/** One journey: its runs, the flow diagram with counts per node, and pause / resume. */
export function JourneyPage({ name }: { name: string }) {
  const api = useApi();
  const [version, setVersion] = useState(0);
  const [actionError, setActionError] = useState<Error | null>(null);
  const report = useAsync(() => api.getJourneyReport(name), [api, name, version]);

  const change = async (action: 'pause' | 'resume') => {
    setActionError(null);
    try {
      await api.changeJourneyStatus(name, action);
      setVersion((current) => current + 1);
    } catch (error) {
      setActionError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return (
    <section aria-labelledby="journey-title">
      <p>
        <Link to="/journeys">← Journeys</Link>
      </p>
      <h1 id="journey-title">{name}</h1>
      <AsyncView state={report}>
        {(data) => (
          <>
            <div className="title-row">
              <p>
                Status <strong data-testid="journey-status">{data.journey.status}</strong> · version{' '}
                {data.journey.currentVersion}
              </p>
              {data.journey.status === 'active' && (
                <button type="button" className="secondary" onClick={() => void change('pause')}>
                  Pause
                </button>
              )}
              {data.journey.status === 'paused' && (
                <button type="button" onClick={() => void change('resume')}>
                  Resume
                </button>
              )}
            </div>
            {actionError && <ErrorMessage error={actionError} />}
            <dl className="kpis">
              <KpiCard label="Runs" value={formatInteger(data.runs.total)} />
              <KpiCard label="Live" value={formatInteger(data.runs.live)} />
              <KpiCard label="Completed" value={formatInteger(data.runs.completed)} />
              <KpiCard label="Converted" value={formatInteger(data.runs.converted)} />
              <KpiCard label="Held out" value={formatInteger(data.runs.holdout)} />
            </dl>
            <JourneyDiagram
              definition={data.definition}
              counts={new Map(data.nodes.map((node) => [node.nodeId, node]))}
            />
          </>
        )}
      </AsyncView>
    </section>
  );
}

import { formatDecimal, formatMoney, formatPercent } from '../format.ts';
import { KpiCard } from './KpiCard.tsx';

function numberAt(values: Record<string, unknown>, key: string): number | undefined {
  const value = values[key];
  return typeof value === 'number' ? value : undefined;
}

function objectAt(values: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = values[key];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
}

/** The analytics verdicts on one profile (RFM, cluster, CLV, churn), when they have been computed. */
export function ProfileScores({ computed }: { computed: Record<string, unknown> }) {
  const rfm = objectAt(computed, 'rfm');
  const cluster = numberAt(computed, 'cluster');
  const description = computed.cluster_description;
  const clv = numberAt(computed, 'clv');
  const pAlive = numberAt(computed, 'p_alive');
  const churnRisk = numberAt(computed, 'churn_risk');
  const rfmSegment = typeof rfm.segment === 'string' ? rfm.segment : undefined;
  return (
    <dl className="kpis" aria-label="Scores">
      <KpiCard
        label="RFM"
        value={rfmSegment ?? 'not scored'}
        {...(rfmSegment
          ? {
              hint: `R${formatDecimal(numberAt(rfm, 'r') ?? 0)} F${formatDecimal(numberAt(rfm, 'f') ?? 0)} M${formatDecimal(numberAt(rfm, 'm') ?? 0)}`,
            }
          : {})}
      />
      <KpiCard
        label="Cluster"
        value={cluster === undefined ? 'not clustered' : `#${cluster}`}
        {...(typeof description === 'string' ? { hint: description } : {})}
      />
      <KpiCard
        label="CLV"
        value={clv === undefined ? 'not predicted' : formatMoney(clv)}
        {...(pAlive === undefined ? {} : { hint: `P(alive) ${formatPercent(pAlive)}` })}
      />
      <KpiCard label="Churn risk" value={churnRisk === undefined ? 'not scored' : formatPercent(churnRisk)} />
    </dl>
  );
}

export function KpiCard({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="kpi">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value">{value}</span>
        {hint && <span className="muted kpi-hint">{hint}</span>}
      </dd>
    </div>
  );
}

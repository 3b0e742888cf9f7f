/**
 * Prometheus metrics (`GET /metrics`, text exposition format 0.0.4) for operating Segmint: HTTP requests by route
 * and status class (counted in memory since start), and gauges read from the store at scrape time — profiles,
 * events, the outbox by channel and status, journey runs by status, segment sizes — plus process memory and
 * uptime. Written by hand: the format is small and no client library is needed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/store.ts';

type Labels = Record<string, string>;

function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

function sample(name: string, labels: Labels, value: number): string {
  const entries = Object.entries(labels);
  const text =
    entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
  return `${name}${text} ${Number.isFinite(value) ? value : 0}`;
}

export class RequestMetrics {
  private readonly counts = new Map<string, { labels: Labels; count: number; seconds: number }>();
  private readonly startedAt = Date.now();

  /** An onResponse hook: one count per answered request, by route pattern (not raw URL: bounded cardinality). */
  readonly onResponse = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    const key = `${labels.method} ${labels.route} ${labels.status}`;
    const entry = this.counts.get(key) ?? { labels, count: 0, seconds: 0 };
    entry.count += 1;
    entry.seconds += reply.elapsedTime / 1000;
    this.counts.set(key, entry);
  };

  render(): string[] {
    const lines = [
      '# HELP segmint_http_requests_total HTTP requests answered, by route pattern and status class.',
      '# TYPE segmint_http_requests_total counter',
      ...[...this.counts.values()].map((entry) =>
        sample('segmint_http_requests_total', entry.labels, entry.count),
      ),
      '# HELP segmint_http_request_seconds_total Time spent answering, by route pattern and status class.',
      '# TYPE segmint_http_request_seconds_total counter',
      ...[...this.counts.values()].map((entry) =>
        sample('segmint_http_request_seconds_total', entry.labels, entry.seconds),
      ),
      '# HELP segmint_uptime_seconds Seconds since the server started.',
      '# TYPE segmint_uptime_seconds gauge',
      sample('segmint_uptime_seconds', {}, (Date.now() - this.startedAt) / 1000),
    ];
    const memory = process.memoryUsage();
    lines.push(
      '# HELP segmint_process_memory_bytes Resident set size and V8 heap in use.',
      '# TYPE segmint_process_memory_bytes gauge',
      sample('segmint_process_memory_bytes', { kind: 'rss' }, memory.rss),
      sample('segmint_process_memory_bytes', { kind: 'heap_used' }, memory.heapUsed),
    );
    return lines;
  }
}

async function storeGauges(store: Store): Promise<string[]> {
  const lines: string[] = [];
  const gauge = async (name: string, help: string, sql: string, labelColumns: string[]) => {
    const rows = await store.query<Record<string, unknown>>(sql);
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const row of rows) {
      const labels: Labels = {};
      for (const column of labelColumns) labels[column] = String(row[column] ?? '');
      lines.push(sample(name, labels, Number(row.value)));
    }
  };
  await gauge('segmint_profiles', 'Profiles in the store.', 'select count(*) as value from profiles', []);
  await gauge('segmint_events', 'Events in the store.', 'select count(*) as value from events', []);
  await gauge(
    'segmint_messages',
    'Outbox messages by channel and status (queued and deferred are waiting to be sent).',
    'select channel, status, count(*) as value from messages group by channel, status order by channel, status',
    ['channel', 'status'],
  );
  await gauge(
    'segmint_journey_runs',
    'Journey runs by status.',
    'select status, count(*) as value from journey_runs group by status order by status',
    ['status'],
  );
  await gauge(
    'segmint_segment_members',
    'Members of each saved segment.',
    `select s.name as segment, count(m.profile_id) as value from segments s
       left join segment_members m on m.segment_id = s.id group by s.name order by s.name`,
    ['segment'],
  );
  return lines;
}

/** GET /metrics; register it where the admin key is checked (Prometheus sends it as `bearer_token`). */
export function registerMetricsRoute(
  app: FastifyInstance,
  options: { store: Store; metrics: RequestMetrics },
): void {
  app.get('/metrics', async (_request, reply) => {
    const lines = [...options.metrics.render(), ...(await storeGauges(options.store))];
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(`${lines.join('\n')}\n`);
  });
}

/**
 * Reports API (the data `segmint report …` prints and the dashboard draws): `?format=csv` answers CSV, otherwise
 * JSON. Query: since, until, model, touch, windowDays, conversionEvents (comma-separated).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  campaignReport,
  costInputSchema,
  journeyReport,
  listCosts,
  overviewReport,
  readReportOptions,
  segmentReport,
  setCost,
  templateReport,
  type ReportOptions,
} from '../../reports/index.ts';
import {
  campaignTable,
  journeyTable,
  kpiColumns,
  overviewTable,
  segmentTable,
  toCsv,
  type TableRow,
} from '../../reports/report-tables.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';

const reportQuerySchema = z.object({
  since: z.string().optional(),
  until: z.string().optional(),
  model: z.string().optional(),
  touch: z.string().optional(),
  windowDays: z.coerce.number().optional(),
  conversionEvents: z.string().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const idParamsSchema = z.object({ id: z.string().min(1) });

function readQuery(query: unknown): { options: ReportOptions; format: 'json' | 'csv' } {
  const raw = parseOrThrow(reportQuerySchema, query ?? {}, 'query');
  const options = readReportOptions({ ...raw, conversionEvents: raw.conversionEvents?.split(',') }, 'query');
  return { options, format: raw.format };
}

function answer(reply: FastifyReply, format: 'json' | 'csv', report: unknown, table: () => TableRow[]) {
  if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(table()));
  return report;
}

export function registerReportRoutes(app: FastifyInstance, options: { store: Store }): void {
  const { store } = options;
  const idOf = (params: unknown) => parseOrThrow(idParamsSchema, params, 'params').id;

  app.get('/api/reports/overview', async (request, reply) => {
    const { options: reportOptions, format } = readQuery(request.query);
    const report = await overviewReport(store, reportOptions);
    return answer(reply, format, report, () => overviewTable(report));
  });
  app.get('/api/reports/campaigns/:id', async (request, reply) => {
    const { options: reportOptions, format } = readQuery(request.query);
    const report = await campaignReport(store, idOf(request.params), reportOptions);
    return answer(reply, format, report, () => campaignTable(report));
  });
  app.get('/api/reports/journeys/:id', async (request, reply) => {
    const { options: reportOptions, format } = readQuery(request.query);
    const report = await journeyReport(store, idOf(request.params), reportOptions);
    return answer(reply, format, report, () => journeyTable(report));
  });
  app.get('/api/reports/templates/:id', async (request, reply) => {
    const { options: reportOptions, format } = readQuery(request.query);
    const report = await templateReport(store, idOf(request.params), reportOptions);
    return answer(reply, format, report, () => [
      kpiColumns(`template ${report.template.name}`, report.kpis),
      ...report.byDay.map((row) => kpiColumns(String(row.key.day), row)),
    ]);
  });
  app.get('/api/reports/segments/:id', async (request, reply) => {
    const { options: reportOptions, format } = readQuery(request.query);
    const report = await segmentReport(store, idOf(request.params), reportOptions);
    return answer(reply, format, report, () => [
      kpiColumns('messages to members', report.kpis),
      ...segmentTable(report),
    ]);
  });
  app.get('/api/costs', async () => listCosts(store));
  app.put('/api/costs', async (request) => {
    const input = parseOrThrow(costInputSchema, request.body ?? {}, 'body');
    return store.transaction((tx) => setCost(tx, input));
  });
}

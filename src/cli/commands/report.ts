/** `segmint report campaign|journey|template|segment|overview` and `segmint costs set|list`. */
import type { Command } from 'commander';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
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
import { printJson, printTable, withStore } from '../context.ts';

interface ReportFlags {
  since?: string;
  until?: string;
  model?: string;
  touch?: string;
  windowDays?: string;
  conversionEvent?: string[];
  json?: boolean;
  csv?: boolean;
}

function readOptions(flags: ReportFlags): ReportOptions {
  return readReportOptions({ ...flags, conversionEvents: flags.conversionEvent }, 'options');
}

function withReportFlags(command: Command): Command {
  return command
    .option(
      '--since <date>',
      'messages and conversions from this date (default: all time; overview: last 30 days)',
    )
    .option('--until <date>', 'up to this date (default: now)')
    .option('--model <model>', 'attribution: last_touch (default), first_touch or linear')
    .option('--touch <touch>', 'what touches a conversion: click (default), open or send')
    .option('--window-days <n>', 'attribution window in days (default 7)')
    .option('--conversion-event <name...>', 'conversion events (default: "Order Completed" purchase)')
    .option('--json', 'print JSON')
    .option('--csv', 'print CSV');
}

function output(flags: ReportFlags, report: unknown, table: TableRow[], heading: string): void {
  if (flags.json) return printJson(report);
  if (flags.csv) {
    process.stdout.write(toCsv(table));
    return;
  }
  process.stdout.write(`${heading}\n\n`);
  const columns = [...new Set(table.flatMap((row) => Object.keys(row)))];
  printTable(table, columns);
}

export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('KPIs, attribution, A/B results and lift');

  withReportFlags(
    report.command('campaign <idOrName>').description('A campaign: KPIs, A/B variants, winner'),
  ).action(async (idOrName: string, flags: ReportFlags, command: Command) => {
    const result = await withStore(command, (store) => campaignReport(store, idOrName, readOptions(flags)));
    output(
      flags,
      result,
      campaignTable(result),
      `Campaign "${result.campaign.name}" (${result.campaign.status ?? 'unknown status'})`,
    );
  });

  withReportFlags(
    report.command('journey <idOrName>').description('A journey: KPIs per node, lift vs holdout'),
  ).action(async (idOrName: string, flags: ReportFlags, command: Command) => {
    const result = await withStore(command, (store) => journeyReport(store, idOrName, readOptions(flags)));
    const lift = result.holdout.comparison;
    const liftLine = lift
      ? `Lift vs holdout: ${(lift.absoluteLift * 100).toFixed(2)} points (95% CI ${(lift.confidenceInterval[0] * 100).toFixed(2)} to ${(lift.confidenceInterval[1] * 100).toFixed(2)}), p = ${lift.pValue.toFixed(4)}`
      : 'No holdout group: lift not measured.';
    output(flags, result, journeyTable(result), `Journey "${result.journey.name}". ${liftLine}`);
  });

  withReportFlags(report.command('template <idOrName>').description('A template: KPIs, by day')).action(
    async (idOrName: string, flags: ReportFlags, command: Command) => {
      const result = await withStore(command, (store) => templateReport(store, idOrName, readOptions(flags)));
      const table = [
        kpiColumns(`template ${result.template.name}`, result.kpis),
        ...result.byDay.map((row) => kpiColumns(String(row.key.day), row)),
      ];
      output(flags, result, table, `Template "${result.template.name}"`);
    },
  );

  withReportFlags(
    report.command('segment <idOrName>').description('A segment: size, entered/exited per day, KPIs'),
  ).action(async (idOrName: string, flags: ReportFlags, command: Command) => {
    const result = await withStore(command, (store) => segmentReport(store, idOrName, readOptions(flags)));
    output(
      flags,
      result,
      [kpiColumns('messages to members', result.kpis), ...segmentTable(result)],
      `Segment "${result.segment.name}": ${result.members} members`,
    );
  });

  withReportFlags(
    report.command('overview').description('Business KPIs and message KPIs for a period'),
  ).action(async (flags: ReportFlags, command: Command) => {
    const result = await withStore(command, (store) => overviewReport(store, readOptions(flags)));
    const b = result.business;
    const rate = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
    output(
      flags,
      result,
      overviewTable(result),
      `${b.period.since.toISOString().slice(0, 10)} – ${b.period.until.toISOString().slice(0, 10)}: ` +
        `${b.customers} customers (${b.newCustomers} new, ${b.activeCustomers} active), ${b.orders} orders, revenue ${b.revenue.toFixed(2)}, ` +
        `AOV ${b.averageOrderValue?.toFixed(2) ?? '–'}, repeat ${rate(b.repeatRate)}, churn ${rate(b.churnRate)}, CAC ${b.cac?.toFixed(2) ?? '–'}`,
    );
  });

  const costs = program
    .command('costs')
    .description('Costs for ROI (per message, fixed) and acquisition spend for CAC');
  costs
    .command('set <scope> <scopeId>')
    .description('scope: channel | campaign | journey | acquisition (scopeId YYYY-MM)')
    .option('--per-message <amount>', 'price of one message sent', '0')
    .option('--fixed <amount>', "fixed cost (acquisition: the month's spend)", '0')
    .action(
      async (
        scope: string,
        scopeId: string,
        flags: { perMessage: string; fixed: string },
        command: Command,
      ) => {
        const input = parseOrThrow(
          costInputSchema,
          { scope, scopeId, perMessage: Number(flags.perMessage), fixed: Number(flags.fixed) },
          'cost',
        );
        const cost = await withStore(command, (store) => store.transaction((tx) => setCost(tx, input)));
        process.stdout.write(
          `Cost for ${cost.scope} "${cost.scopeId}": ${cost.perMessage} per message, ${cost.fixed} fixed.\n`,
        );
      },
    );
  costs
    .command('list')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => listCosts(store));
      if (flags.json) return printJson(list);
      printTable(
        list.map((cost) => ({ ...cost })),
        ['scope', 'scopeId', 'perMessage', 'fixed'],
      );
    });
}

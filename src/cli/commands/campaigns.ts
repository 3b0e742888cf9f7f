/** `segmint campaigns …`: create, schedule, send, cancel, show and list broadcasts (with A/B tests). */
import type { Command } from 'commander';
import { z } from 'zod';
import {
  cancelCampaign,
  createCampaign,
  listCampaigns,
  processDueCampaigns,
  readDefinitionFile,
  reportCampaign,
  scheduleCampaign,
  sendCampaign,
  type Campaign,
  type CampaignProgress,
  type CampaignReport,
} from '../../campaigns/index.ts';
import { systemClock } from '../../clock.ts';
import { SegmintError } from '../../errors.ts';
import { campaignScheduleSchema, type CampaignSchedule } from '../../schema/campaign.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

interface ScheduleOptions {
  at?: string;
  localTime?: string;
  fallbackZone?: string;
}

/** `--at` / `--local-time` as a schedule; undefined when neither is given. */
function scheduleFromOptions(options: ScheduleOptions): CampaignSchedule | undefined {
  if (options.at !== undefined && options.localTime !== undefined) {
    throw new SegmintError('invalid_input', 'Give --at or --local-time, not both.');
  }
  const raw =
    options.at !== undefined
      ? { type: 'at', at: options.at }
      : options.localTime !== undefined
        ? { type: 'local_time', localTime: options.localTime, fallbackTimeZone: options.fallbackZone }
        : undefined;
  return raw === undefined ? undefined : parseOrThrow(campaignScheduleSchema, raw, 'schedule');
}

function describeSchedule(schedule: CampaignSchedule): string {
  switch (schedule.type) {
    case 'now':
      return 'now';
    case 'at':
      return schedule.at;
    case 'local_time':
      return `${schedule.localTime} in each profile's time zone (fallback ${schedule.fallbackTimeZone})`;
    default: {
      const unknown: never = schedule;
      return JSON.stringify(unknown);
    }
  }
}

function printCampaignLine(campaign: Campaign, verb: string): void {
  process.stdout.write(
    `${verb} campaign "${campaign.name}" (${campaign.id}): ${campaign.status}` +
      `${campaign.fireAt && campaign.status === 'scheduled' ? `, fires ${campaign.fireAt.toISOString()}` : ''}\n`,
  );
}

function printProgress(progress: CampaignProgress): void {
  process.stdout.write(
    `Campaign "${progress.campaign}": ${progress.enqueued} messages enqueued; now ${progress.status}.\n`,
  );
}

function printReport(report: CampaignReport): void {
  const { campaign } = report;
  const { definition } = campaign;
  const lines = [
    `Campaign "${campaign.name}" (${campaign.id})`,
    `  status      ${campaign.status}`,
    `  template    ${definition.template}`,
    `  segment     ${definition.segment}`,
    `  schedule    ${describeSchedule(definition.schedule)}`,
    `  fired       ${campaign.firedAt?.toISOString() ?? '-'}`,
    `  recipients  ${report.recipients}`,
    `  by status   ${
      Object.entries(report.byStatus)
        .map(([status, count]) => `${status} ${count}`)
        .join(', ') || '-'
    }`,
  ];
  const ab = report.abTest;
  if (ab && definition.abTest) {
    const test = definition.abTest;
    lines.push(
      `  A/B test    ${test.variants.map((variant) => variant.name).join(' / ')}, ${test.samplePercent}% sample, ` +
        `winner by ${test.metric} after ${test.decideAfterHours} h`,
    );
    if (ab.state === 'testing') lines.push(`  decides at  ${ab.decideAt.toISOString()}`);
    if (ab.state === 'decided')
      lines.push(`  winner      ${ab.decision.winner} (${ab.decision.decidedAt.toISOString()})`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (ab?.state === 'decided') {
    process.stdout.write('\n');
    printTable(
      ab.decision.variants.map((variant) => ({
        ...variant,
        openRate: variant.openRate.toFixed(4),
        clickRate: variant.clickRate.toFixed(4),
      })),
      ['name', 'delivered', 'uniqueOpens', 'uniqueClicks', 'openRate', 'clickRate'],
    );
  }
  if (report.variants.some((variant) => variant.variant !== null)) {
    process.stdout.write('\n');
    printTable(
      report.variants.map((variant) => ({ ...variant })),
      ['variant', 'recipients', 'sent'],
    );
  }
}

const asOfSchema = z.object({ asOf: z.coerce.date().optional() });

export function registerCampaignsCommands(program: Command): void {
  const campaigns = program
    .command('campaigns')
    .description('Broadcasts to a segment, with optional A/B tests');

  campaigns
    .command('create [file]')
    .description('Save a draft campaign from a JSON/YAML definition, or from options')
    .option('--name <name>', 'campaign name')
    .option('--template <name>', 'template name')
    .option('--segment <name>', 'saved segment (its members when the campaign fires)')
    .option('--subject <text>', "replace the template's subject")
    .option('--at <iso>', 'send at this instant, e.g. 2025-03-01T09:00:00Z')
    .option(
      '--local-time <time>',
      "send at this wall-clock time in each profile's zone, e.g. 2025-03-01T09:00",
    )
    .option('--fallback-zone <zone>', 'zone for profiles without a valid `timezone` trait (default UTC)')
    .option('--json', 'print JSON')
    .action(
      async (
        file: string | undefined,
        options: ScheduleOptions & {
          name?: string;
          template?: string;
          segment?: string;
          subject?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const schedule = scheduleFromOptions(options);
        const input =
          file !== undefined
            ? await readDefinitionFile(
                file,
                'a campaign: { "name": …, "template": …, "segment": …, "schedule": … }',
              )
            : {
                name: options.name,
                template: options.template,
                segment: options.segment,
                ...(options.subject === undefined ? {} : { subject: options.subject }),
                ...(schedule ? { schedule } : {}),
              };
        const campaign = await withStore(command, (store) => createCampaign(store, input, systemClock.now()));
        if (options.json) return printJson(campaign);
        printCampaignLine(campaign, 'Saved');
        process.stdout.write(
          `Schedule it with \`segmint campaigns schedule ${campaign.id}\` or send it now with \`segmint campaigns send ${campaign.id}\`.\n`,
        );
      },
    );

  campaigns
    .command('schedule <campaign>')
    .description('Schedule a draft (its own schedule, or --at / --local-time); `segmint serve` fires it')
    .option('--at <iso>', 'send at this instant')
    .option('--local-time <time>', "send at this wall-clock time in each profile's zone")
    .option('--fallback-zone <zone>', 'zone for profiles without a valid `timezone` trait (default UTC)')
    .option('--json', 'print JSON')
    .action(async (idOrName: string, options: ScheduleOptions & { json?: boolean }, command: Command) => {
      const schedule = scheduleFromOptions(options);
      const campaign = await withStore(command, (store) =>
        scheduleCampaign(store, idOrName, { now: systemClock.now(), schedule }),
      );
      if (options.json) return printJson(campaign);
      printCampaignLine(campaign, 'Scheduled');
    });

  campaigns
    .command('send <campaign>')
    .description('Enqueue the campaign now (the A/B sample when it has a test); resumes one that is sending')
    .option('--json', 'print JSON')
    .action(async (idOrName: string, options: { json?: boolean }, command: Command) => {
      const progress = await withStore(command, (store) => sendCampaign(store, idOrName, systemClock.now()));
      if (options.json) return printJson(progress);
      printProgress(progress);
    });

  campaigns
    .command('cancel <campaign>')
    .description('Cancel: nothing more is enqueued, and its queued messages are skipped')
    .action(async (idOrName: string, _options: unknown, command: Command) => {
      const { campaign, skippedMessages } = await withStore(command, (store) =>
        cancelCampaign(store, idOrName, systemClock.now()),
      );
      process.stdout.write(
        `Cancelled campaign "${campaign.name}"; ${skippedMessages} queued messages skipped.\n`,
      );
    });

  campaigns
    .command('show <campaign>')
    .description('A campaign: recipients by status and variant, A/B state and decision')
    .option('--json', 'print JSON')
    .action(async (idOrName: string, options: { json?: boolean }, command: Command) => {
      const report = await withStore(command, (store) => reportCampaign(store, idOrName));
      if (options.json) return printJson(report);
      printReport(report);
    });

  campaigns
    .command('list')
    .description('Campaigns, oldest first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => listCampaigns(store));
      if (options.json) return printJson(list);
      printTable(
        list.map((campaign) => ({
          ...campaign,
          template: campaign.definition.template,
          segment: campaign.definition.segment,
          abTest: campaign.definition.abTest ? 'yes' : 'no',
        })),
        ['id', 'name', 'status', 'template', 'segment', 'abTest', 'fireAt'],
      );
    });

  campaigns
    .command('process')
    .description('Fire due campaigns and take due A/B decisions once (what `segmint serve` does every 15 s)')
    .option('--as-of <date>', 'the time to act as of (default: now)')
    .option('--json', 'print JSON')
    .action(async (options: { asOf?: string; json?: boolean }, command: Command) => {
      const asOf = parseOrThrow(asOfSchema, { asOf: options.asOf }, 'options').asOf ?? systemClock.now();
      const progress = await withStore(command, (store) => processDueCampaigns(store, asOf));
      if (options.json) return printJson(progress);
      if (progress.length === 0) process.stdout.write('No campaign is due.\n');
      for (const entry of progress) printProgress(entry);
    });
}

/** `segmint send-rules …`: frequency caps, quiet hours and opt-in per channel, and what the policy decides. */
import type { Command } from 'commander';
import { resolveProfileId } from '../../consent/profile-consent.ts';
import { SegmintError } from '../../errors.ts';
import { checkSendPolicy } from '../../subscriptions/send-policy.ts';
import { listSendRules, setSendRule } from '../../subscriptions/send-rules.ts';
import { printJson, printTable, withStore } from '../context.ts';

/** '21:00-08:00' → ['21:00', '08:00']. */
function parseQuietHours(text: string): [string, string] {
  const match = /^(\d\d:\d\d)\s*-\s*(\d\d:\d\d)$/.exec(text.trim());
  if (!match?.[1] || !match[2]) {
    throw new SegmintError(
      'invalid_input',
      `--quiet '${text}' is not a window: write it as HH:MM-HH:MM, e.g. 21:00-08:00.`,
    );
  }
  return [match[1], match[2]];
}

export function registerSendRulesCommands(program: Command): void {
  const rules = program
    .command('send-rules')
    .description('Frequency caps, quiet hours and opt-in per channel');

  rules
    .command('set <channel>')
    .description('Set the rule of a channel (replaces it: options left out are cleared)')
    .option('--cap <count>', 'at most this many messages …', (value) => Number(value))
    .option('--per-hours <hours>', '… within this many hours (e.g. --cap 3 --per-hours 168)', (value) =>
      Number(value),
    )
    .option('--quiet <window>', "quiet hours in the profile's time zone, HH:MM-HH:MM (e.g. 21:00-08:00)")
    .option('--require-consent', 'send only to profiles with a recorded marketing grant (opt-in)')
    .option('--json', 'print JSON')
    .action(
      async (
        channel: string,
        options: {
          cap?: number;
          perHours?: number;
          quiet?: string;
          requireConsent?: boolean;
          json?: boolean;
        },
        command: Command,
      ) => {
        const quiet = options.quiet ? parseQuietHours(options.quiet) : undefined;
        const rule = await withStore(command, (store) =>
          setSendRule(store, {
            channel,
            maxMessages: options.cap ?? null,
            periodHours: options.perHours ?? null,
            quietStart: quiet?.[0] ?? null,
            quietEnd: quiet?.[1] ?? null,
            requireConsent: options.requireConsent ?? false,
          }),
        );
        if (options.json) return printJson(rule);
        process.stdout.write(`Send rule for ${rule.channel} saved.\n`);
      },
    );

  rules
    .command('show')
    .description('Show the send rules')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) => listSendRules(store));
      if (options.json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row })),
        ['channel', 'maxMessages', 'periodHours', 'quietStart', 'quietEnd', 'requireConsent'],
      );
    });

  rules
    .command('check')
    .description('What the dispatcher would decide for a message to a profile now (or --at)')
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .requiredOption('--channel <channel>', 'email | sms | push | webhook | …')
    .option('--topic <name>', 'the subscription topic of the message')
    .option('--at <time>', 'ISO time to decide at (default: now)')
    .action(
      async (
        options: { profile: string; channel: string; topic?: string; at?: string },
        command: Command,
      ) => {
        const now = options.at ? new Date(options.at) : new Date();
        if (Number.isNaN(now.getTime())) {
          throw new SegmintError(
            'invalid_input',
            `--at '${options.at ?? ''}' is not a time: use ISO 8601, e.g. 2026-01-06T12:00:00Z.`,
          );
        }
        const decision = await withStore(command, async (store) =>
          checkSendPolicy(store, {
            profileId: await resolveProfileId(store, options.profile),
            channel: options.channel,
            ...(options.topic ? { topic: options.topic } : {}),
            now,
          }),
        );
        printJson(decision);
      },
    );
}

/**
 * `segmint consent …` (records per purpose and channel); it also registers `segmint subscriptions …`
 * (subscriptions.ts) and `segmint send-rules …` (send-rules.ts). The same operations as /api/consent,
 * /api/subscriptions and /api/send-rules.
 */
import type { Command } from 'commander';
import { SegmintError } from '../../errors.ts';
import { resolveProfileId, setConsent, showProfileConsent } from '../../consent/profile-consent.ts';
import { preferenceCentrePath } from '../../subscriptions/subscription-token.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { registerSendRulesCommands } from './send-rules.ts';
import { registerSubscriptionsCommands } from './subscriptions.ts';

function registerConsentGroup(program: Command): void {
  const consent = program.command('consent').description('Consent records per purpose and channel');

  consent
    .command('show')
    .description("Show a profile's current consent, its subscriptions and the full record history")
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .option('--json', 'print JSON')
    .action(async (options: { profile: string; json?: boolean }, command: Command) => {
      const shown = await withStore(command, (store) => showProfileConsent(store, options.profile));
      if (options.json) return printJson(shown);
      process.stdout.write(`Profile ${shown.profileId}\n\nCurrent consent:\n`);
      printTable(
        shown.current.map((row) => ({ ...row })),
        ['purpose', 'channel', 'status', 'source', 'recordedAt'],
      );
      process.stdout.write('\nSubscriptions:\n');
      printTable(
        shown.subscriptions.map((row) => ({ ...row })),
        ['topicName', 'channel', 'status', 'source', 'updatedAt'],
      );
      process.stdout.write(
        `\n${shown.history.length} consent record(s) in the history (--json shows them).\n`,
      );
    });

  consent
    .command('set')
    .description('Record a consent answer (source: api) for a purpose on a channel')
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .requiredOption('--purpose <purpose>', 'marketing | analytics | personalization | sale_sharing')
    .requiredOption('--channel <channel>', 'email | sms | push | webhook | ads | all')
    .option('--granted', 'the person agreed')
    .option('--denied', 'the person refused or withdrew')
    .option('--note <text>', 'kept as evidence with the record')
    .option('--json', 'print JSON')
    .action(
      async (
        options: {
          profile: string;
          purpose: string;
          channel: string;
          granted?: boolean;
          denied?: boolean;
          note?: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        if (Boolean(options.granted) === Boolean(options.denied)) {
          throw new SegmintError('invalid_input', 'Give exactly one of --granted or --denied.');
        }
        const record = await withStore(command, (store) =>
          setConsent(
            store,
            {
              profileId: options.profile,
              purpose: options.purpose,
              channel: options.channel,
              status: options.granted ? 'granted' : 'denied',
              ...(options.note ? { evidence: { note: options.note } } : {}),
            },
            { source: 'api', now: new Date() },
          ),
        );
        if (options.json) return printJson(record);
        process.stdout.write(
          `Recorded: ${record.purpose} on ${record.channel} ${record.status} for ${record.profileId}.\n`,
        );
      },
    );

  consent
    .command('preferences-link')
    .description("Print the signed link to a profile's preference centre")
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .option(
      '--public-url <url>',
      "the server's public base URL",
      process.env.SEGMINT_PUBLIC_URL ?? 'http://localhost:8080',
    )
    .action(async (options: { profile: string; publicUrl: string }, command: Command) => {
      const path = await withStore(command, async (store) =>
        preferenceCentrePath(await resolveProfileId(store, options.profile), await loadTrackingSecret(store)),
      );
      process.stdout.write(`${options.publicUrl.replace(/\/$/, '')}${path}\n`);
    });
}

export function registerConsentCommands(program: Command): void {
  registerConsentGroup(program);
  registerSubscriptionsCommands(program);
  registerSendRulesCommands(program);
}

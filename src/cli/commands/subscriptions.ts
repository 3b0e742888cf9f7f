/** `segmint subscriptions …`: subscription topics, subscribing and unsubscribing profiles. */
import type { Command } from 'commander';
import { resolveProfileId } from '../../consent/profile-consent.ts';
import { consentChannelSchema } from '../../schema/consent.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { subscribe, unsubscribe } from '../../subscriptions/change-subscription.ts';
import { createTopic, listTopics } from '../../subscriptions/topics.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerSubscriptionsCommands(program: Command): void {
  const subscriptions = program
    .command('subscriptions')
    .description('Subscription topics and who is subscribed');
  const topics = subscriptions.command('topics').description('Subscription topics per channel');

  topics
    .command('create <name>')
    .description('Create a topic (its name is also the key in traits.subscriptions and segment conditions)')
    .requiredOption('--channel <channel>', 'email | sms | push | webhook')
    .option('--double-opt-in', 'subscriptions stay pending until the emailed confirmation link is followed')
    .option('--description <text>', 'shown in the preference centre')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { channel: string; doubleOptIn?: boolean; description?: string; json?: boolean },
        command: Command,
      ) => {
        const topic = await withStore(command, (store) =>
          createTopic(store, {
            name,
            channel: options.channel,
            doubleOptIn: options.doubleOptIn ?? false,
            ...(options.description ? { description: options.description } : {}),
          }),
        );
        if (options.json) return printJson(topic);
        process.stdout.write(`Created topic '${topic.name}' (${topic.id}) on ${topic.channel}.\n`);
      },
    );

  topics
    .command('list')
    .description('List topics')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) => listTopics(store));
      if (options.json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row })),
        ['name', 'channel', 'doubleOptIn', 'description', 'id'],
      );
    });

  subscriptions
    .command('subscribe')
    .description(
      'Subscribe a profile to a topic (double opt-in topics: pending, prints the confirmation path)',
    )
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .requiredOption('--topic <name>', 'topic name or id')
    .option('--json', 'print JSON')
    .action(async (options: { profile: string; topic: string; json?: boolean }, command: Command) => {
      const result = await withStore(command, async (store) => {
        const secret = await loadTrackingSecret(store);
        return store.transaction(async (tx) =>
          subscribe(tx, {
            profileId: await resolveProfileId(tx, options.profile),
            topic: options.topic,
            source: 'api',
            now: new Date(),
            secret,
          }),
        );
      });
      const confirmationPath = result.confirmationToken
        ? `/preferences/confirm/${result.confirmationToken}`
        : undefined;
      if (options.json)
        return printJson({ topic: result.topic.name, status: result.status, confirmationPath });
      process.stdout.write(
        `${result.status} to '${result.topic.name}'.${confirmationPath ? `\nConfirmation link path: ${confirmationPath}` : ''}\n`,
      );
    });

  subscriptions
    .command('unsubscribe')
    .description(
      'Unsubscribe a profile from a topic, or from everything on a channel (denies marketing there)',
    )
    .requiredOption('--profile <id>', 'profile id, user id, anonymous id or email')
    .option('--topic <name>', 'topic name or id (default: every topic of the channel)')
    .option('--channel <channel>', 'email | sms | push | webhook | ads | all', 'all')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { profile: string; topic?: string; channel: string; json?: boolean },
        command: Command,
      ) => {
        const channel = parseOrThrow(consentChannelSchema, options.channel, 'channel');
        const result = await withStore(command, (store) =>
          store.transaction(async (tx) =>
            unsubscribe(tx, {
              profileId: await resolveProfileId(tx, options.profile),
              channel,
              ...(options.topic ? { topic: options.topic } : {}),
              source: 'api',
              now: new Date(),
            }),
          ),
        );
        if (options.json) return printJson(result);
        process.stdout.write(
          `Unsubscribed from ${result.topics.length > 0 ? result.topics.join(', ') : 'no active topic'}` +
            `${result.consentDenied ? `; marketing on ${channel} denied` : ''}.\n`,
        );
      },
    );
}

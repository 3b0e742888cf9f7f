/**
 * The channels the dispatcher can send through, by name. Each channel module adds one factory here (email is
 * built in; webhook, social… add theirs); an outbox row whose channel has no factory stays queued.
 */
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Channel } from '../channel.ts';
import { createEmailChannel } from '../email/create-email-channel.ts';
import { createWebhookChannelFromEnvironment } from '../webhook/webhook-channel-from-environment.ts';

export interface ChannelFactoryContext {
  store: Store;
  clock: Clock;
  publicUrl: string;
  environment: NodeJS.ProcessEnv;
}

export type ChannelFactory = (context: ChannelFactoryContext) => Channel;

export const CHANNEL_FACTORIES: readonly ChannelFactory[] = [
  (context) =>
    createEmailChannel({ store: context.store, clock: context.clock, environment: context.environment }),
  (context) =>
    createWebhookChannelFromEnvironment({ environment: context.environment, clock: context.clock }),
];

export function openChannels(context: ChannelFactoryContext): Map<string, Channel> {
  return new Map(
    CHANNEL_FACTORIES.map((create) => create(context)).map((channel) => [channel.name, channel]),
  );
}

export async function closeChannels(channels: ReadonlyMap<string, Channel>): Promise<void> {
  await Promise.all([...channels.values()].map((channel) => channel.close()));
}

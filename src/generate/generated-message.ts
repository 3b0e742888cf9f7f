import type { MessageInput } from '../schema/messages.ts';

/** A Segment message as the generator emits it: always with a deterministic messageId and an ISO timestamp. */
export type GeneratedMessage = MessageInput & { messageId: string; timestamp: string };

/**
 * The identifiers that tie messages to one profile: a known user id, a device's anonymous id, and an email address
 * given in `identify` traits. `alias` adds its previousId, which may have been either of the first two.
 */
import type { NormalizedMessage } from '../schema/messages.ts';

export type IdentityKind = 'user_id' | 'anonymous_id' | 'email';

export interface IdentityKey {
  kind: IdentityKind;
  value: string;
}

export function identityKeyString(key: IdentityKey): string {
  return `${key.kind}:${key.value}`;
}

/** Emails identify people regardless of case and surrounding spaces. */
export function normalizeEmailIdentity(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

function emailOf(message: NormalizedMessage): string | null {
  if (message.type !== 'identify') return null;
  const contextTraits = message.context?.traits;
  const fromContext =
    contextTraits && typeof contextTraits === 'object' && !Array.isArray(contextTraits)
      ? (contextTraits as Record<string, unknown>).email
      : undefined;
  return normalizeEmailIdentity(message.traits?.email) ?? normalizeEmailIdentity(fromContext);
}

/** Keys in priority order: the user id decides the profile when present. */
export function identityKeysOf(message: NormalizedMessage): IdentityKey[] {
  const keys: IdentityKey[] = [];
  if (message.userId) keys.push({ kind: 'user_id', value: message.userId });
  if (message.anonymousId) keys.push({ kind: 'anonymous_id', value: message.anonymousId });
  const email = emailOf(message);
  if (email) keys.push({ kind: 'email', value: email });
  return keys;
}

/** For `alias`, the previous id may have been a user id or an anonymous id. */
export function aliasCandidateKeys(message: NormalizedMessage): IdentityKey[] {
  if (message.type !== 'alias' || !message.previousId) return [];
  return [
    { kind: 'user_id', value: message.previousId },
    { kind: 'anonymous_id', value: message.previousId },
  ];
}

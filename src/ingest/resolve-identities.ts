/**
 * Identity resolution for a group of messages, in memory, given what the store already knows. The result is a
 * plan the commit step writes: which profile each message belongs to, which profiles and identities are new, and
 * which existing profiles merge.
 *
 * Rules:
 * - A profile has at most one user id. Two profiles with different user ids never merge (a shared device keeps its
 *   anonymous id on the first profile; the message goes to its user's profile).
 * - A message that links identifiers of two compatible profiles merges them: `identify` after anonymous browsing,
 *   a track call carrying both ids, an email seen on two devices, `alias`.
 * - Between a profile that existed before this group and one created within it, the existing one survives, so no
 *   history moves needlessly; between two existing ones, the one with the user id survives, else the first seen.
 */
import type { NormalizedMessage } from '../schema/messages.ts';
import { aliasCandidateKeys, identityKeysOf, identityKeyString, type IdentityKey } from './identity-keys.ts';

export interface ProfileState {
  id: string;
  userId: string | null;
  isNew: boolean;
}

export interface PlannedMerge {
  from: string;
  into: string;
  messageId: string;
  reason: string;
}

export interface ResolutionPlan {
  /** The surviving profile of each message, by index into the input. */
  profileIdByMessage: string[];
  /** Every profile the group touched (survivors only), with its final user id. */
  profiles: Map<string, ProfileState>;
  newIdentities: (IdentityKey & { profileId: string })[];
  /** Merges of profiles that existed before this group, in the order they happened. */
  merges: PlannedMerge[];
}

export interface ResolutionInput {
  messages: readonly NormalizedMessage[];
  /** identityKeyString → profile id, for the group's keys that the store knows. */
  knownIdentities: ReadonlyMap<string, string>;
  /** The store's profiles that own those identities. */
  knownProfiles: ReadonlyMap<string, { userId: string | null }>;
  newProfileId: () => string;
}

export function resolveIdentities(input: ResolutionInput): ResolutionPlan {
  const states = new Map<string, ProfileState>();
  const redirect = new Map<string, string>();
  const owner = new Map<string, string>(input.knownIdentities);
  const newKeys = new Map<string, IdentityKey>();
  const merges: PlannedMerge[] = [];

  const find = (id: string): string => {
    let current = id;
    for (let next = redirect.get(current); next !== undefined; next = redirect.get(current)) current = next;
    return current;
  };
  const stateOf = (id: string): ProfileState => {
    let state = states.get(id);
    if (!state) {
      state = { id, userId: input.knownProfiles.get(id)?.userId ?? null, isNew: false };
      states.set(id, state);
    }
    return state;
  };
  const ownerOf = (key: IdentityKey): string | undefined => {
    const id = owner.get(identityKeyString(key));
    return id === undefined ? undefined : find(id);
  };
  const isCompatible = (a: ProfileState, b: ProfileState): boolean =>
    a.userId === null || b.userId === null || a.userId === b.userId;

  const merge = (a: ProfileState, b: ProfileState, message: NormalizedMessage): ProfileState => {
    let survivor = a;
    let loser = b;
    if (a.isNew && !b.isNew) [survivor, loser] = [b, a];
    else if (a.isNew === b.isNew && a.userId === null && b.userId !== null) [survivor, loser] = [b, a];
    survivor.userId = survivor.userId ?? loser.userId;
    redirect.set(loser.id, survivor.id);
    states.delete(loser.id);
    if (!loser.isNew) {
      merges.push({ from: loser.id, into: survivor.id, messageId: message.messageId, reason: message.type });
    }
    return survivor;
  };

  const profileIdByMessage = input.messages.map((message) => {
    const keys = identityKeysOf(message);
    const aliasKeys = aliasCandidateKeys(message);
    const userKey = keys.find((key) => key.kind === 'user_id');
    const userOwner = userKey ? ownerOf(userKey) : undefined;
    let target = userOwner === undefined ? undefined : stateOf(userOwner);

    const linkedOwners = [...keys, ...aliasKeys]
      .map(ownerOf)
      .filter((id): id is string => id !== undefined && id !== target?.id);
    for (const id of new Set(linkedOwners)) {
      const candidate = stateOf(find(id));
      if (candidate.id === target?.id) continue;
      if (target === undefined) {
        if (message.userId === null || candidate.userId === null || candidate.userId === message.userId) {
          target = candidate;
        }
      } else if (isCompatible(target, candidate)) {
        target = merge(target, candidate, message);
      }
    }
    if (target === undefined) {
      target = { id: input.newProfileId(), userId: null, isNew: true };
      states.set(target.id, target);
    }
    if (message.userId !== null && target.userId === null) target.userId = message.userId;

    const unowned = [
      ...keys,
      ...(aliasKeys.some((key) => ownerOf(key) !== undefined) ? [] : aliasKeys.slice(1)),
    ];
    for (const key of unowned) {
      if (ownerOf(key) !== undefined) continue;
      const text = identityKeyString(key);
      owner.set(text, target.id);
      newKeys.set(text, key);
    }
    return target.id;
  });

  return {
    profileIdByMessage: profileIdByMessage.map(find),
    profiles: new Map([...states.values()].map((state) => [state.id, state])),
    newIdentities: [...newKeys.entries()].map(([text, key]) => ({
      ...key,
      profileId: find(owner.get(text) ?? ''),
    })),
    merges,
  };
}

/**
 * Which triggers start a run: the entry rule (once, once per N days, every time) decides against the profile's
 * earlier runs of the journey and the candidates accepted before it in the same scan (oldest first).
 */
import type { EntryRule } from '../../schema/journey.ts';

export interface EntryCandidate {
  /** What triggered it (`transition:<id>`, `event:<messageId>`, `anniversary:<profile>:<date>`). */
  source: string;
  runId: string;
  profileId: string;
  /** When the trigger happened; the run's start time. */
  at: Date;
}

const DAY_MS = 86_400_000;

export function selectEntries(input: {
  candidates: readonly EntryCandidate[];
  rule: EntryRule;
  /** The latest start of each profile's earlier runs of this journey. */
  lastStartByProfile: ReadonlyMap<string, Date>;
  /** Runs that exist already (a trigger scanned twice). */
  existingRunIds: ReadonlySet<string>;
}): EntryCandidate[] {
  const lastStart = new Map(input.lastStartByProfile);
  const accepted: EntryCandidate[] = [];
  const ordered = [...input.candidates].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.source.localeCompare(b.source),
  );
  for (const candidate of ordered) {
    if (input.existingRunIds.has(candidate.runId)) continue;
    const previous = lastStart.get(candidate.profileId);
    if (!isAllowed(input.rule, previous, candidate.at)) continue;
    accepted.push(candidate);
    lastStart.set(candidate.profileId, candidate.at);
  }
  return accepted;
}

function isAllowed(rule: EntryRule, previousStart: Date | undefined, at: Date): boolean {
  switch (rule.type) {
    case 'every_time':
      return true;
    case 'once':
      return previousStart === undefined;
    case 'once_per':
      return previousStart === undefined || at.getTime() - previousStart.getTime() >= rule.days * DAY_MS;
    default: {
      const unknown: never = rule;
      throw new Error(`unknown entry rule ${JSON.stringify(unknown)}`);
    }
  }
}

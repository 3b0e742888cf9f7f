/**
 * The outcome of cleaning one value: the clean value, or why it was refused. `kind` names the problem without the
 * value (`invalid email`) so an import can count refusals per kind; `reason` is the full sentence shown to people
 * (`invalid email 'foo@'`).
 */
export type Cleaned<T> = { ok: true; value: T } | Refused;

export interface Refused {
  ok: false;
  kind: string;
  reason: string;
}

export function accept<T>(value: T): Cleaned<T> {
  return { ok: true, value };
}

/** Values longer than this are cut in reasons, so one broken field cannot flood a summary. */
const MAX_QUOTED_LENGTH = 60;

/** A refusal of `raw` for being a `kind`: `refuse('invalid email', 'foo@')` → "invalid email 'foo@'". */
export function refuse(kind: string, raw: string, hint?: string): Refused {
  const shown = raw.length > MAX_QUOTED_LENGTH ? `${raw.slice(0, MAX_QUOTED_LENGTH)}…` : raw;
  const reason = `${kind} '${shown}'${hint ? ` (${hint})` : ''}`;
  return { ok: false, kind, reason };
}

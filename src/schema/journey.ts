import { z } from 'zod';
import { jsonValueSchema } from './json.ts';
import { propertyFilterSchema, segmentDefinitionSchema } from './segment.ts';

/**
 * A journey as data: a trigger that starts runs for profiles, a graph of nodes joined by `next` edges, entry
 * rules, exit criteria and a holdout percentage. The engine (`src/journeys/`) interprets it; graph checks that need
 * more than one node (dangling edges, unreachable nodes, cycles without a wait, missing templates) live in
 * `src/journeys/validate-journey.ts`.
 */
export const JOURNEY_SCHEMA_VERSION = 1;

const DURATION_UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const MS_BY_UNIT: Readonly<Record<string, number>> = DURATION_UNITS_MS;
const SHORT_DURATION = /^([+-]?)(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;
const ISO_DURATION = /^([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of a duration written `3d`, `2h`, `30m`, `45s`, `1w` (optionally signed: `-1d`) or ISO-8601
 * (`P3D`, `PT2H30M`, `P1W`); undefined when the text is neither. Days are 24 hours (UTC).
 */
export function parseDurationMs(text: string): number | undefined {
  const short = SHORT_DURATION.exec(text.trim());
  if (short) {
    const [, sign, amount, unit] = short;
    const milliseconds = Number(amount) * (MS_BY_UNIT[unit ?? ''] ?? Number.NaN);
    return sign === '-' ? -milliseconds : milliseconds;
  }
  const iso = ISO_DURATION.exec(text.trim());
  if (!iso || text.trim().endsWith('P') || text.trim().endsWith('T')) return undefined;
  const [, sign, weeks, days, hours, minutes, seconds] = iso;
  const milliseconds =
    Number(weeks ?? 0) * DURATION_UNITS_MS.w +
    Number(days ?? 0) * DURATION_UNITS_MS.d +
    Number(hours ?? 0) * DURATION_UNITS_MS.h +
    Number(minutes ?? 0) * DURATION_UNITS_MS.m +
    Number(seconds ?? 0) * DURATION_UNITS_MS.s;
  return sign === '-' ? -milliseconds : milliseconds;
}

const DURATION_HINT = 'must be a duration like "3d", "2h", "30m", "1w" or ISO-8601 "P3D", "PT2H"';

/** A positive duration (delays, timeouts). */
const durationSchema = z.string().refine((text) => (parseDurationMs(text) ?? 0) > 0, DURATION_HINT);
/** A signed offset (`-1d`: the day before a date trait). */
const offsetSchema = z.string().refine((text) => parseDurationMs(text) !== undefined, DURATION_HINT);

export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "-" or "."');
/** The node a run moves to; absent or null: the run is complete after this node. */
const nextSchema = nodeIdSchema.nullable().optional();
const nameSchema = z.string().trim().min(1).max(200);
/** A trait name or dotted path (`birthday`, `address.city`). */
const traitPathSchema = z.string().trim().min(1).max(200);

export const journeyTriggerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('segment_entered'), segment: nameSchema }),
  z.object({ type: z.literal('segment_exited'), segment: nameSchema }),
  z.object({ type: z.literal('event'), event: nameSchema, where: z.array(propertyFilterSchema).default([]) }),
  // Once a year on the month and day of a date trait (UTC), optionally `daysBefore` it.
  z.object({
    type: z.literal('date_anniversary'),
    trait: traitPathSchema,
    daysBefore: z.number().int().min(0).max(365).default(0),
  }),
]);
export type JourneyTrigger = z.infer<typeof journeyTriggerSchema>;

export const entryRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('once') }),
  z.object({ type: z.literal('once_per'), days: z.number().int().min(1).max(36_500) }),
  z.object({ type: z.literal('every_time') }),
]);
export type EntryRule = z.infer<typeof entryRuleSchema>;

const eventMatchSchema = z.object({ event: nameSchema, where: z.array(propertyFilterSchema).default([]) });

export const exitCriteriaSchema = z.object({
  /** A run ends (status `exited`) when its profile leaves the trigger segment (segment triggers only). */
  leavesTriggerSegment: z.boolean().default(false),
  /** A run ends (status `converted`) when its profile performs this event after entering. */
  conversion: eventMatchSchema.optional(),
});

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day "HH:MM"');

const waitUntilSchema = z.discriminatedUnion('type', [
  // The next time the profile's local clock (trait `timezone`, else `defaultTimezone`) shows `time`.
  z.object({
    type: z.literal('time_of_day'),
    time: timeOfDaySchema,
    defaultTimezone: z.string().min(1).default('UTC'),
  }),
  // The instant in a date trait plus `offset` (e.g. "-1d"); a missing or past date passes at once.
  z.object({ type: z.literal('date_trait'), trait: traitPathSchema, offset: offsetSchema.default('0s') }),
]);

/** A branch condition: segment text (`country = "DE" and in segment "vip"`) or a segment definition. */
const branchConditionSchema = z.union([z.string().min(1).max(10_000), segmentDefinitionSchema]);

const nodeBase = { id: nodeIdSchema, label: z.string().max(200).optional() };

export const journeyNodeSchema = z.discriminatedUnion('type', [
  z.object({ ...nodeBase, type: z.literal('delay'), duration: durationSchema, next: nextSchema }),
  z.object({ ...nodeBase, type: z.literal('wait_until'), until: waitUntilSchema, next: nextSchema }),
  z.object({
    ...nodeBase,
    type: z.literal('wait_for_event'),
    ...eventMatchSchema.shape,
    timeout: durationSchema,
    next: nextSchema,
    timeoutNext: nextSchema,
  }),
  z.object({
    ...nodeBase,
    type: z.literal('branch'),
    condition: branchConditionSchema,
    then: nextSchema,
    else: nextSchema,
  }),
  z.object({
    ...nodeBase,
    type: z.literal('split'),
    variants: z
      .array(z.object({ name: nameSchema, weight: z.number().positive(), next: nextSchema }))
      .min(2)
      .max(26),
  }),
  z.object({
    ...nodeBase,
    type: z.literal('send'),
    channel: z.enum(['email', 'webhook', 'social']).default('email'),
    template: nameSchema,
    next: nextSchema,
  }),
  z.object({
    ...nodeBase,
    type: z.literal('update_trait'),
    trait: z.string().trim().min(1).max(200),
    value: jsonValueSchema,
    next: nextSchema,
  }),
  z.object({
    ...nodeBase,
    type: z.literal('webhook'),
    url: z.url({ protocol: /^https?$/ }),
    body: jsonValueSchema.optional(),
    next: nextSchema,
  }),
  z.object({ ...nodeBase, type: z.literal('exit') }),
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeType = JourneyNode['type'];

export const journeyDefinitionSchema = z.object({
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION),
  name: nameSchema,
  description: z.string().max(2000).optional(),
  trigger: journeyTriggerSchema,
  entry: entryRuleSchema.default({ type: 'once' }),
  exit: exitCriteriaSchema.default({ leavesTriggerSegment: false }),
  /** Percent of entering profiles (by a hash of journey and profile id) held out: recorded, sent nothing. */
  holdoutPercent: z.number().min(0).max(100).default(0),
  start: nodeIdSchema,
  nodes: z.array(journeyNodeSchema).min(1).max(500),
});
export type JourneyDefinition = z.infer<typeof journeyDefinitionSchema>;
export type JourneyDefinitionInput = z.input<typeof journeyDefinitionSchema>;

/** The nodes a node can move to, with the edge's name (for validation messages and diagrams). */
export function nodeEdges(node: JourneyNode): { edge: string; target: string }[] {
  const edges: { edge: string; target: string | null | undefined }[] = [];
  switch (node.type) {
    case 'delay':
    case 'wait_until':
    case 'send':
    case 'update_trait':
    case 'webhook':
      edges.push({ edge: 'next', target: node.next });
      break;
    case 'wait_for_event':
      edges.push({ edge: 'next', target: node.next }, { edge: 'timeoutNext', target: node.timeoutNext });
      break;
    case 'branch':
      edges.push({ edge: 'then', target: node.then }, { edge: 'else', target: node.else });
      break;
    case 'split':
      node.variants.forEach((variant, index) =>
        edges.push({ edge: `variants[${index}].next`, target: variant.next }),
      );
      break;
    case 'exit':
      break;
    default: {
      const unknown: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknown)}`);
    }
  }
  return edges.flatMap(({ edge, target }) => (target ? [{ edge, target }] : []));
}

/** Node types where a run waits for time or an event (a cycle through one of these is allowed). */
export const WAITING_NODE_TYPES: ReadonlySet<JourneyNodeType> = new Set([
  'delay',
  'wait_until',
  'wait_for_event',
]);

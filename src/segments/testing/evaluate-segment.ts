/**
 * The reference evaluator (tests only): evaluates a definition over in-memory profiles and events with the
 * semantics of ../README.md, independently of the SQL compiler. The differential tests require DuckDB,
 * PostgreSQL and this evaluator to name the same members.
 */
import type { JsonObject } from '../../schema/json.ts';
import type { Condition, EventScope, EventWindow, SegmentDefinition } from '../../schema/segment.ts';
import { compareNumbers } from '../compile/compile-events.ts';
import {
  CONSENT_ROOTS,
  EARTH_RADIUS_KM,
  flushTinyDegrees,
  GEO_TRAIT_PATHS,
  GRANTED_VALUES,
  LATITUDE_PATHS,
  LONGITUDE_PATHS,
} from '../compile/compile-profile-facts.ts';
import { boundAfter, boundThrough, daysBefore, startOf } from '../time-bounds.ts';
import { holdsFor } from './reference-predicate.ts';
import { numberOf, textOf, valueAt } from './reference-values.ts';

export interface ReferenceProfile {
  id: string;
  traits: JsonObject;
  computed: JsonObject;
}

export interface ReferenceEvent {
  profileId: string;
  type: 'track' | 'page' | 'screen' | 'identify';
  event: string | null;
  name: string | null;
  occurredAt: Date;
  properties: JsonObject;
}

export interface ReferenceData {
  profiles: readonly ReferenceProfile[];
  events: readonly ReferenceEvent[];
  /** Members of other segments by segment id. */
  segmentMembers?: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The ids of the member profiles, sorted. */
export function evaluateSegment(
  definition: SegmentDefinition,
  data: ReferenceData,
  options: { now: Date; resolveSegmentId?: (nameOrId: string) => string | undefined },
): string[] {
  const eventsByProfile = new Map<string, ReferenceEvent[]>();
  for (const event of data.events) {
    eventsByProfile.set(event.profileId, [...(eventsByProfile.get(event.profileId) ?? []), event]);
  }
  const evaluator = new ProfileEvaluator(
    options.now,
    data,
    options.resolveSegmentId ?? ((reference) => reference),
  );
  return data.profiles
    .filter((profile) =>
      evaluator.holds(definition.condition, profile, eventsByProfile.get(profile.id) ?? []),
    )
    .map((profile) => profile.id)
    .sort();
}

class ProfileEvaluator {
  constructor(
    private readonly now: Date,
    private readonly data: ReferenceData,
    private readonly resolveSegmentId: (nameOrId: string) => string | undefined,
  ) {}

  holds(condition: Condition, profile: ReferenceProfile, events: readonly ReferenceEvent[]): boolean {
    switch (condition.type) {
      case 'and':
        return condition.conditions.every((child) => this.holds(child, profile, events));
      case 'or':
        return condition.conditions.some((child) => this.holds(child, profile, events));
      case 'not':
        return !this.holds(condition.condition, profile, events);
      case 'trait': {
        const root = condition.field.source === 'computed' ? profile.computed : profile.traits;
        return holdsFor(valueAt(root, condition.field.path), condition.predicate, this.now);
      }
      case 'performed': {
        const count = this.matching(events, condition, condition.window).length;
        const op = { at_least: 'gte', at_most: 'lte', exactly: 'eq' } as const;
        return compareNumbers(count, op[condition.times.op], condition.times.count);
      }
      case 'aggregate': {
        const matching = this.matching(events, condition, condition.window);
        const texts = matching.map((event) => textOf(valueAt(event.properties, condition.property ?? [])));
        const numbers = texts.map(numberOf).filter((value) => value !== undefined);
        const aggregates = {
          count: matching.length,
          count_distinct: new Set(texts.filter((text) => text !== undefined)).size,
          sum: numbers.reduce((total, value) => total + value, 0),
          avg: numbers.length
            ? numbers.reduce((total, value) => total + value, 0) / numbers.length
            : undefined,
          min: numbers.length ? Math.min(...numbers) : undefined,
          max: numbers.length ? Math.max(...numbers) : undefined,
        };
        const value = aggregates[condition.fn];
        return value !== undefined && compareNumbers(value, condition.op, condition.value);
      }
      case 'occurrence': {
        const times = this.matching(events, condition, null).map((event) => event.occurredAt.getTime());
        if (times.length === 0) return false;
        const time = condition.which === 'first' ? Math.min(...times) : Math.max(...times);
        if (condition.at.type === 'days_ago') {
          const instant = daysBefore(this.now, condition.at.days).getTime();
          return condition.op === 'before' ? time < instant : time > instant;
        }
        if (condition.op === 'before') return time < startOf(condition.at.date).getTime();
        const bound = boundAfter(condition.at.date);
        return bound.inclusive ? time >= bound.at.getTime() : time > bound.at.getTime();
      }
      case 'geo': {
        const texts = GEO_TRAIT_PATHS[condition.level].map((path) => textOf(valueAt(profile.traits, path)));
        const place = texts.find((text) => text !== undefined)?.toLowerCase();
        return place !== undefined && condition.values.some((value) => value.toLowerCase() === place);
      }
      case 'near':
        return this.isNear(profile, condition);
      case 'segment': {
        const id = this.resolveSegmentId(condition.segment);
        return id !== undefined && (this.data.segmentMembers?.get(id)?.has(profile.id) ?? false);
      }
      case 'consent': {
        const text = textOf(valueAt(profile.traits, [CONSENT_ROOTS[condition.kind], condition.topic]));
        return text !== undefined && GRANTED_VALUES.includes(text.toLowerCase());
      }
      default: {
        const unknown: never = condition;
        throw new Error(`unknown condition ${JSON.stringify(unknown)}`);
      }
    }
  }

  private matching(events: readonly ReferenceEvent[], scope: EventScope, window: EventWindow | null) {
    return events.filter((event) => {
      if (event.type !== scope.event.type) return false;
      if (scope.event.type === 'track' && event.event !== scope.event.event) return false;
      if (scope.event.type !== 'track' && scope.event.name !== null && event.name !== scope.event.name)
        return false;
      const time = event.occurredAt.getTime();
      if (window?.type === 'last_days') {
        if (time < daysBefore(this.now, window.days).getTime() || time > this.now.getTime()) return false;
      } else if (window?.type === 'between') {
        const through = boundThrough(window.to);
        if (time < startOf(window.from).getTime()) return false;
        if (through.inclusive ? time > through.at.getTime() : time >= through.at.getTime()) return false;
      }
      return scope.where.every((filter) =>
        holdsFor(valueAt(event.properties, filter.property), filter.predicate, this.now),
      );
    });
  }

  private isNear(
    profile: ReferenceProfile,
    center: { latitude: number; longitude: number; radiusKm: number },
  ) {
    const firstNumber = (paths: readonly (readonly string[])[]) =>
      paths
        .map((path) => numberOf(textOf(valueAt(profile.traits, path))))
        .find((value) => value !== undefined);
    const latitude = firstNumber(LATITUDE_PATHS);
    const longitude = firstNumber(LONGITUDE_PATHS);
    if (latitude === undefined || longitude === undefined) return false;
    const radians = (degrees: number) => (degrees * Math.PI) / 180;
    const centerLatitude = flushTinyDegrees(center.latitude);
    const centerLongitude = flushTinyDegrees(center.longitude);
    const haversine =
      Math.sin(radians(flushTinyDegrees(latitude - centerLatitude)) / 2) ** 2 +
      Math.cos(radians(centerLatitude)) *
        Math.cos(radians(flushTinyDegrees(latitude))) *
        Math.sin(radians(flushTinyDegrees(longitude - centerLongitude)) / 2) ** 2;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(haversine))) <= center.radiusKm;
  }
}

/**
 * Conditions on where a profile is and what it agreed to, read from its traits by fixed conventions:
 * - country / region / city: `traits.country`, else `traits.address.country` (region: `traits.region`, else
 *   `traits.address.state`, else `traits.address.region`; city: `traits.city`, else `traits.address.city`),
 *   compared ignoring case;
 * - position: `traits.latitude` / `traits.longitude`, else `traits.address.lat` / `traits.address.lon`;
 * - consent: `traits.consent.<topic>`, subscriptions: `traits.subscriptions.<topic>`, granted when the value is
 *   true or one of the strings "true", "yes", "granted", "opted_in", "subscribed" (any case) — the fallback when
 *   no consent is stored for the profile (see compileConsent).
 */
import type { Condition, GeoLevel } from '../../schema/segment.ts';
import { consentKeyOf } from '../../consent/consent-traits.ts';
import type { CompileContext } from './compile-context.ts';
import { nullable, type SqlCondition } from './sql-condition.ts';

export const GEO_TRAIT_PATHS: Record<GeoLevel, readonly (readonly string[])[]> = {
  country: [['country'], ['address', 'country']],
  region: [['region'], ['address', 'state'], ['address', 'region']],
  city: [['city'], ['address', 'city']],
};
export const LATITUDE_PATHS: readonly (readonly string[])[] = [['latitude'], ['address', 'lat']];
export const LONGITUDE_PATHS: readonly (readonly string[])[] = [['longitude'], ['address', 'lon']];
export const CONSENT_ROOTS = { consent: 'consent', subscription: 'subscriptions' } as const;
export const GRANTED_VALUES: readonly string[] = ['true', 'yes', 'granted', 'opted_in', 'subscribed'];
/** Mean Earth radius (IUGG), the radius of the haversine distance. */
export const EARTH_RADIUS_KM = 6371.0088;

type GeoCondition = Extract<Condition, { type: 'geo' }>;
type NearCondition = Extract<Condition, { type: 'near' }>;
type ConsentCondition = Extract<Condition, { type: 'consent' }>;

export function compileGeo(context: CompileContext, condition: GeoCondition, where: string): SqlCondition {
  const texts = GEO_TRAIT_PATHS[condition.level].map((path) => context.dialect.jsonText('p.traits', path));
  const values = condition.values.map((value, index) =>
    context.params.add(value.toLowerCase(), `${where}.values[${index}]`),
  );
  return nullable(`lower(coalesce(${texts.join(', ')})) in (${values.join(', ')})`);
}

function firstNumber(context: CompileContext, paths: readonly (readonly string[])[]): string {
  const numbers = paths.map((path) =>
    context.dialect.tryCastDouble(context.dialect.jsonText('p.traits', path)),
  );
  return `coalesce(${numbers.join(', ')})`;
}

/**
 * Angles closer to 0 than this many degrees (≈ 0.1 mm on the ground) are taken as 0 before any trigonometry:
 * PostgreSQL raises an error on floating-point underflow, which squaring the sine of a tiny angle would cause. The
 * reference evaluator applies the same rule, so every engine agrees.
 */
export const TINY_DEGREES = 1e-9;

export function flushTinyDegrees(degrees: number): number {
  return Math.abs(degrees) < TINY_DEGREES ? 0 : degrees;
}

function flushTinySql(expression: string): string {
  return `(case when abs(${expression}) < ${TINY_DEGREES} then 0.0 else ${expression} end)`;
}

/** Haversine distance; `least(1, …)` keeps rounding from pushing asin out of its domain. */
export function compileNear(context: CompileContext, condition: NearCondition, where: string): SqlCondition {
  const latitude = firstNumber(context, LATITUDE_PATHS);
  const longitude = firstNumber(context, LONGITUDE_PATHS);
  const centerLatitude = context.params.add(flushTinyDegrees(condition.latitude), `${where}.latitude`);
  const centerLongitude = context.params.add(flushTinyDegrees(condition.longitude), `${where}.longitude`);
  const radius = context.params.add(condition.radiusKm, `${where}.radiusKm`);
  const haversine =
    `power(sin(radians(${flushTinySql(`${latitude} - ${centerLatitude}`)}) / 2), 2)` +
    ` + cos(radians(${centerLatitude})) * cos(radians(${flushTinySql(latitude)}))` +
    ` * power(sin(radians(${flushTinySql(`${longitude} - ${centerLongitude}`)}) / 2), 2)`;
  const distance = `2 * ${EARTH_RADIUS_KM} * asin(least(1.0, sqrt(${haversine}))) <= ${radius}`;
  // A bounding box first: cheap comparisons reject most profiles before the trigonometry runs. It always
  // contains the circle, so the result is the same as the distance test alone.
  const box = boundingBox(condition);
  // The SQL text is the same for every circle (only parameters differ): an unbounded side gets ±1e308.
  const longitudeRange = box.longitude ?? { min: -1e308, max: 1e308 };
  const tests = [
    `${latitude} between ${context.params.add(box.minLatitude, `${where}.latitude`)} and ${context.params.add(box.maxLatitude, `${where}.latitude`)}`,
    `${longitude} between ${context.params.add(longitudeRange.min, `${where}.longitude`)} and ${context.params.add(longitudeRange.max, `${where}.longitude`)}`,
  ];
  return nullable(`(${[...tests, distance].join(' and ')})`);
}

/**
 * The latitude/longitude box around a circle on the sphere (with a small margin against rounding); no longitude
 * bound when the circle reaches a pole or crosses the antimeridian.
 */
export function boundingBox(condition: NearCondition): {
  minLatitude: number;
  maxLatitude: number;
  longitude: { min: number; max: number } | null;
} {
  const margin = 1.001;
  const angle = condition.radiusKm / EARTH_RADIUS_KM;
  const degrees = (radians: number) => (radians * 180) / Math.PI;
  const latitudeDelta = degrees(angle) * margin;
  const centre = (condition.latitude * Math.PI) / 180;
  let longitude: { min: number; max: number } | null = null;
  if (Math.abs(centre) + angle * margin < Math.PI / 2) {
    const longitudeDelta = degrees(Math.asin(Math.min(1, Math.sin(angle) / Math.cos(centre)))) * margin;
    const min = condition.longitude - longitudeDelta;
    const max = condition.longitude + longitudeDelta;
    if (min >= -180 && max <= 180) longitude = { min, max };
  }
  return {
    minLatitude: condition.latitude - latitudeDelta,
    maxLatitude: condition.latitude + latitudeDelta,
    longitude,
  };
}

/**
 * Stored consent decides where there is any (src/consent/: the latest record of the key's purpose on its channel or
 * on 'all'; the latest subscription row of the topic, by name or id); the trait convention above is the fallback
 * for profiles without stored answers (data from before consent records existed, keys that name no purpose or
 * channel). Identify traits are recorded as consent as they are committed, so both agree for ingested data.
 */
export function compileConsent(context: CompileContext, condition: ConsentCondition): SqlCondition {
  const text = context.dialect.jsonText('p.traits', [CONSENT_ROOTS[condition.kind], condition.topic]);
  const granted = GRANTED_VALUES.map((value) => `'${value}'`).join(', ');
  const fromTraits = `lower(${text}) in (${granted})`;
  if (condition.kind === 'subscription') {
    const topic = context.params.add(condition.topic, 'condition.topic');
    const stored =
      `(select s.status = 'subscribed' from subscriptions s join subscription_topics t on t.id = s.topic_id` +
      ` where s.profile_id = p.id and (t.name = ${topic} or t.id = ${topic})` +
      ` order by s.updated_at desc limit 1)`;
    return nullable(`coalesce(${stored}, ${fromTraits})`);
  }
  const key = consentKeyOf(condition.topic);
  if (!key) return nullable(fromTraits);
  const purpose = context.params.add(key.purpose, 'condition.topic');
  const channel = context.params.add(key.channel, 'condition.topic');
  const stored =
    `(select c.status = 'granted' from consent_records c` +
    ` where c.profile_id = p.id and c.purpose = ${purpose} and c.channel in (${channel}, 'all')` +
    ` order by c.recorded_at desc, c.id desc limit 1)`;
  return nullable(`coalesce(${stored}, ${fromTraits})`);
}

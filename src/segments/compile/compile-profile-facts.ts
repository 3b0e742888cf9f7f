/**
 * Conditions on where a profile is and what it agreed to, read from its traits by fixed conventions:
 * - country / region / city: `traits.country`, else `traits.address.country` (region: `traits.region`, else
 *   `traits.address.state`, else `traits.address.region`; city: `traits.city`, else `traits.address.city`),
 *   compared ignoring case;
 * - position: `traits.latitude` / `traits.longitude`, else `traits.address.lat` / `traits.address.lon`;
 * - consent: `traits.consent.<topic>`, subscriptions: `traits.subscriptions.<topic>`, granted when the value is
 *   true or one of the strings "true", "yes", "granted", "opted_in", "subscribed" (any case). Until the privacy
 *   module keeps consent in its own table, this is where it lives.
 */
import type { Condition, GeoLevel } from '../../schema/segment.ts';
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

/** Haversine distance; `least(1, …)` keeps rounding from pushing asin out of its domain. */
export function compileNear(context: CompileContext, condition: NearCondition, where: string): SqlCondition {
  const latitude = firstNumber(context, LATITUDE_PATHS);
  const longitude = firstNumber(context, LONGITUDE_PATHS);
  const centerLatitude = context.params.add(condition.latitude, `${where}.latitude`);
  const centerLongitude = context.params.add(condition.longitude, `${where}.longitude`);
  const radius = context.params.add(condition.radiusKm, `${where}.radiusKm`);
  const haversine =
    `power(sin(radians(${latitude} - ${centerLatitude}) / 2), 2)` +
    ` + cos(radians(${centerLatitude})) * cos(radians(${latitude}))` +
    ` * power(sin(radians(${longitude} - ${centerLongitude}) / 2), 2)`;
  return nullable(`2 * ${EARTH_RADIUS_KM} * asin(least(1.0, sqrt(${haversine}))) <= ${radius}`);
}

export function compileConsent(context: CompileContext, condition: ConsentCondition): SqlCondition {
  const text = context.dialect.jsonText('p.traits', [CONSENT_ROOTS[condition.kind], condition.topic]);
  const granted = GRANTED_VALUES.map((value) => `'${value}'`).join(', ');
  return nullable(`lower(${text}) in (${granted})`);
}

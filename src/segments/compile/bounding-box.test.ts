import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_RADIUS_KM, boundingBox } from './compile-profile-facts.ts';

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

/** The point `distanceKm` from the start along `bearing` on the sphere (the standard destination formula). */
function destination(latitude: number, longitude: number, bearing: number, distanceKm: number) {
  const angle = distanceKm / EARTH_RADIUS_KM;
  const lat1 = toRadians(latitude);
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing),
  );
  const lon2 =
    toRadians(longitude) +
    Math.atan2(
      Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1),
      Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2),
    );
  return { latitude: toDegrees(lat2), longitude: toDegrees(lon2) };
}

describe('the bounding box of a near condition', () => {
  it('contains every point of the circle, so the pre-filter never drops a member', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89, max: 89, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: 0.1, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (latitude, longitude, radiusKm, bearing, fraction) => {
          const box = boundingBox({ type: 'near', latitude, longitude, radiusKm });
          const point = destination(latitude, longitude, bearing, radiusKm * fraction);
          expect(point.latitude).toBeGreaterThanOrEqual(box.minLatitude);
          expect(point.latitude).toBeLessThanOrEqual(box.maxLatitude);
          if (box.longitude) {
            expect(point.longitude).toBeGreaterThanOrEqual(box.longitude.min);
            expect(point.longitude).toBeLessThanOrEqual(box.longitude.max);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('drops the longitude bound where the circle reaches a pole or crosses the antimeridian', () => {
    expect(boundingBox({ type: 'near', latitude: 89.9, longitude: 0, radiusKm: 50 }).longitude).toBeNull();
    expect(boundingBox({ type: 'near', latitude: 0, longitude: 179.9, radiusKm: 50 }).longitude).toBeNull();
    expect(
      boundingBox({ type: 'near', latitude: 52.52, longitude: 13.405, radiusKm: 50 }).longitude,
    ).not.toBeNull();
  });
});

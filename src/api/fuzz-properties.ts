/**
 * The API fuzz properties, shared by the tests (a few hundred cases) and `npm run soak` (100,000): each one pairs
 * an arbitrary with its oracle and counts the answers by status, so a run can show what it exercised.
 */
import fc from 'fast-check';
import { fuzzedMessage, validMessage } from './fuzz-inputs.ts';
import {
  checkProfileLookup,
  checkProfileSearch,
  profileQueryWithHits,
  type SeededProfiles,
} from './fuzz-profiles-oracle.ts';
import { checkJourneyDefinition, fuzzedJourney } from './fuzz-journeys.ts';
import { checkPublicRequest, fuzzedPublicRequest } from './fuzz-public.ts';
import { fuzzRequest } from './fuzz-requests.ts';
import {
  checkComputedTraitText,
  checkSegmentText,
  fuzzedSegmentText,
  fuzzedTraitText,
} from './fuzz-segments.ts';
import { checkValidMessageRoundTrip } from './fuzz-round-trip.ts';
import { checkTrackingRequest, type FuzzTarget } from './fuzz-target.ts';

export interface FuzzProperty {
  name: string;
  /** Statuses that any run of a hundred cases or more meets (a check that the cases reach where they should). */
  commonStatuses: number[];
  /** Answers seen so far, by HTTP status. */
  statuses: Map<number, number>;
  /**
   * Checks `numRuns` cases (fc.assert): throws with the shrunk counterexample when one breaks the oracle. With a
   * time limit it stops early without failing; `statuses` then tells how many cases ran.
   */
  run(options: { numRuns: number; seed?: number; timeLimitMs?: number }): Promise<void>;
}

function fuzzProperty<T>(
  name: string,
  commonStatuses: number[],
  arbitrary: fc.Arbitrary<T>,
  check: (value: T) => Promise<number>,
): FuzzProperty {
  const statuses = new Map<number, number>();
  const property = fc.asyncProperty(arbitrary, async (value) => {
    const status = await check(value);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  return {
    name,
    commonStatuses,
    statuses,
    run: ({ numRuns, seed, timeLimitMs }) =>
      fc.assert(property, {
        numRuns,
        seed,
        ...(timeLimitMs === undefined
          ? {}
          : { interruptAfterTimeLimit: timeLimitMs, markInterruptAsFailure: false }),
      }),
  };
}

/** `target` is asked for when the cases run, so tests can declare the properties before their app exists. */
export function trackingFuzzProperties(target: () => FuzzTarget): FuzzProperty[] {
  return [
    fuzzProperty('any request to a tracking endpoint', [400, 401, 415], fuzzRequest, (request) =>
      checkTrackingRequest(target(), request),
    ),
    fuzzProperty('any message sent alone to its endpoint', [200, 400], fuzzedMessage, (message) =>
      checkTrackingRequest(target(), {
        path: `/v1/${typeof message.type === 'string' ? message.type : 'track'}`,
        contentType: 'application/json',
        credentials: 'valid',
        garbageAuthorization: '',
        body: { kind: 'json', value: message },
      }),
    ),
    fuzzProperty(
      'a valid message with hostile text, stored verbatim',
      [200],
      validMessage,
      async (message) => {
        await checkValidMessageRoundTrip(target(), message);
        return 200;
      },
    ),
  ];
}

export function profileFuzzProperties(
  target: () => { target: FuzzTarget; seeded: SeededProfiles },
): FuzzProperty[] {
  return [
    fuzzProperty('GET /api/profiles/:id with any text', [200, 404], profileQueryWithHits, (query) =>
      checkProfileLookup(target().target, target().seeded, query),
    ),
    fuzzProperty('GET /api/profiles?search= with any text', [200], profileQueryWithHits, (query) =>
      checkProfileSearch(target().target, target().seeded, query),
    ),
  ];
}

export function segmentTextFuzzProperties(target: () => FuzzTarget): FuzzProperty[] {
  return [
    fuzzProperty('any segment text to preview and create', [201, 400], fuzzedSegmentText, (text) =>
      checkSegmentText(target(), text),
    ),
    fuzzProperty('any computed-trait expression to preview', [200, 400], fuzzedTraitText, (text) =>
      checkComputedTraitText(target(), text),
    ),
  ];
}

export function journeyFuzzProperties(target: () => FuzzTarget): FuzzProperty[] {
  return [
    fuzzProperty(
      'any journey definition to validate and save',
      [200, 201, 400],
      fuzzedJourney,
      (definition) => checkJourneyDefinition(target(), definition),
    ),
  ];
}

export function publicEndpointFuzzProperties(target: () => FuzzTarget): FuzzProperty[] {
  return [
    fuzzProperty(
      'any request to tracking links, preferences, content and feeds',
      // 404 (unsigned tokens, unknown slots and feeds) in any run; 401 (content without a write key) is rarer.
      [404],
      fuzzedPublicRequest,
      (request) => checkPublicRequest(target(), request),
    ),
  ];
}

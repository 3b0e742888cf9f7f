import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signTrackingToken, verifyTrackingToken } from './tracking-token.ts';

const secret = 'test-secret';

describe('tracking tokens', () => {
  it('verifies a token it signed and gives back its payload', () => {
    const payload = {
      v: 1,
      k: 'click',
      m: 'campaign:c1:p1',
      u: 'https://shop.example/sale?x=1&y=2',
    } as const;
    const token = signTrackingToken(payload, secret);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyTrackingToken(token, secret)).toEqual(payload);
  });

  it('rejects a token signed with another secret', () => {
    const token = signTrackingToken({ v: 1, k: 'open', m: 'm1' }, 'other-secret');
    expect(verifyTrackingToken(token, secret)).toBeNull();
  });

  it('rejects a click token whose target URL was swapped (no open redirect)', () => {
    const token = signTrackingToken({ v: 1, k: 'click', m: 'm1', u: 'https://shop.example/' }, secret);
    const [, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ v: 1, k: 'click', m: 'm1', u: 'https://evil.example/' }),
    ).toString('base64url');
    expect(verifyTrackingToken(`${forgedPayload}.${signature}`, secret)).toBeNull();
  });

  it('rejects every single-character alteration of a token', () => {
    const token = signTrackingToken({ v: 1, k: 'unsubscribe', m: 'journey:r1:s2' }, secret);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: token.length - 1 }),
        fc.constantFrom(...alphabet),
        (index, replacement) => {
          fc.pre(token[index] !== replacement);
          const altered = token.slice(0, index) + replacement + token.slice(index + 1);
          expect(verifyTrackingToken(altered, secret)).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects malformed tokens without throwing', () => {
    for (const token of ['', '.', 'abc', 'a.b.c', '%%%.***', `${'x'.repeat(10)}.`])
      expect(verifyTrackingToken(token, secret)).toBeNull();
  });

  it('rejects a correctly signed payload that is not a tracking payload', () => {
    const token = signTrackingToken({ v: 1, k: 'click', m: 'm1', u: 'javascript:alert(1)' }, secret);
    expect(verifyTrackingToken(token, secret)).toBeNull();
  });
});

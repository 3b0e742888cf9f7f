import { describe, expect, it } from 'vitest';
import { canonicalJson, deriveMessageId } from './message-id.ts';

describe('deriveMessageId of canonical JSON', () => {
  it('gives the same id to the same content whatever the key order', () => {
    const a = {
      type: 'track',
      event: 'purchase',
      properties: { price: 2.55, quantity: 6, tags: [{ b: 1, a: 2 }] },
    };
    const b = {
      properties: { tags: [{ a: 2, b: 1 }], quantity: 6, price: 2.55 },
      event: 'purchase',
      type: 'track',
    };
    expect(deriveMessageId(canonicalJson(a))).toBe(deriveMessageId(canonicalJson(b)));
    expect(deriveMessageId(canonicalJson(a))).toMatch(/^import-[0-9a-f]{40}$/);
  });

  it('gives different content different ids', () => {
    const id = (value: Parameters<typeof canonicalJson>[0]) => deriveMessageId(canonicalJson(value));
    expect(id({ userId: '1', amount: 1 })).not.toBe(id({ userId: '1', amount: 2 }));
    expect(id({ a: ['x', 'y'] })).not.toBe(id({ a: ['y', 'x'] }));
  });
});

describe('canonicalJson', () => {
  it('keeps a key named __proto__ as data', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: { d: 1, c: [3, { f: null, e: 'x' }] }, a: true })).toBe(
      '{"a":true,"b":{"c":[3,{"e":"x","f":null}],"d":1}}',
    );
  });
});

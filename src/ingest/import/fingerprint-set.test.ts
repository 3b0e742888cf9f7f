import { describe, expect, it } from 'vitest';
import { FingerprintSet } from './fingerprint-set.ts';
import { deriveMessageId } from './message-id.ts';

describe('FingerprintSet', () => {
  it('says whether an id is new, across growth of its table', () => {
    const set = new FingerprintSet();
    const ids = Array.from({ length: 20_000 }, (_, index) =>
      index % 2 === 0 ? `order-${index}` : deriveMessageId(String(index)),
    );
    expect(ids.every((id) => set.add(id))).toBe(true);
    expect(ids.some((id) => set.add(id))).toBe(false);
    expect(set.size).toBe(20_000);
  });

  it('tells apart ids that differ in one character', () => {
    const set = new FingerprintSet();
    expect(set.add('import-0000000000000000000000000000000000000000')).toBe(true);
    expect(set.add('import-0000000000000000000000000000000000000001')).toBe(true);
    expect(set.add('a')).toBe(true);
    expect(set.add('b')).toBe(true);
    expect(set.add('a')).toBe(false);
  });
});

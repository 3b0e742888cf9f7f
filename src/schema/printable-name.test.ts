import { describe, expect, it } from 'vitest';
import { printableNameSchema } from './printable-name.ts';

describe('printable names', () => {
  const name = printableNameSchema(5);
  const problems = (value: unknown) =>
    name.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

  it('trims, and keeps any printable text up to the limit', () => {
    expect(name.parse('  vip ')).toBe('vip');
    expect(name.parse('Öß €')).toBe('Öß €');
  });

  it('refuses empty, too long and control characters, saying which', () => {
    expect(problems('   ')).toEqual(['must not be empty']);
    expect(problems('abcdef')).toEqual(['must be at most 5 characters']);
    expect(problems('a\tb')).toEqual(['must not contain control characters']);
    expect(problems('a\u007fb')).toEqual(['must not contain control characters']);
  });
});

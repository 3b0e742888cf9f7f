import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSegmentText } from './text/parse-segment.ts';
import { printSegmentText } from './text/print-segment.ts';

/** The text-form examples of README.md: every line of the code blocks under "### Examples", comments removed. */
function readmeExamples(): string[] {
  const readme = readFileSync(join(import.meta.dirname, 'README.md'), 'utf8');
  const section = readme.split('### Examples')[1]?.split('\n## ')[0] ?? '';
  const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.length > 0);
}

describe('README examples', () => {
  const examples = readmeExamples();

  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it.each(examples)('%s parses and prints back to an equal definition', (text) => {
    const definition = parseSegmentText(text);
    expect(parseSegmentText(printSegmentText(definition))).toEqual(definition);
  });
});

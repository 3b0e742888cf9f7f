import { segmentSyntaxError } from './syntax-error.ts';

/**
 * The lexer of the segment text form. Tokens keep their source offsets so the parser can point at mistakes.
 * - `word`: a bare identifier or keyword (`country`, `and`); `name`: a backtick-quoted identifier (`` `first name` ``)
 * - `string`: "double" or 'single' quoted, with backslash escapes; `number`: `-12.5e3`; `date`: `2024-05-01[T…Z]`
 * - `symbol`: ( ) , . = != <> < <= > >=
 */
export type TokenKind = 'word' | 'name' | 'string' | 'number' | 'date' | 'symbol' | 'end';

export interface Token {
  kind: TokenKind;
  /** Decoded text: the word, the unescaped string, the number or date as written, the symbol. */
  value: string;
  offset: number;
}

export const WORD_PATTERN = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const WORD_AT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER_AT = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const DATE_AT = /\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?/y;
const SYMBOL_AT = /!=|<>|<=|>=|[(),.=<>]/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '`': '`',
};

function matchAt(pattern: RegExp, source: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(source)?.[0];
}

/** Reads a quoted string or name starting at `offset` (the opening quote); returns its value and end offset. */
function readQuoted(source: string, offset: number): { value: string; end: number } {
  const quote = source[offset];
  let value = '';
  let index = offset + 1;
  while (index < source.length) {
    const char = source[index] as string;
    if (char === quote) return { value, end: index + 1 };
    if (char !== '\\') {
      value += char;
      index++;
      continue;
    }
    const escape = source[index + 1];
    const simple = escape === undefined ? undefined : SIMPLE_ESCAPES[escape];
    if (simple !== undefined) {
      value += simple;
      index += 2;
      continue;
    }
    const unicode =
      escape === 'u' ? /^u(?:\{([0-9a-fA-F]{1,6})\}|([0-9a-fA-F]{4}))/.exec(source.slice(index + 1)) : null;
    const codePoint = unicode ? parseInt(unicode[1] ?? unicode[2] ?? '', 16) : NaN;
    if (!unicode || codePoint > 0x10ffff) {
      throw segmentSyntaxError(
        source,
        index,
        'unknown escape: use \\" \\\' \\` \\\\ \\n \\r \\t, \\uXXXX or \\u{X…} inside quotes',
      );
    }
    value += String.fromCodePoint(codePoint);
    index += 1 + unicode[0].length;
  }
  const what = quote === '`' ? 'name' : 'string';
  throw segmentSyntaxError(source, offset, `this ${what} is never closed: add the closing ${quote}`);
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < source.length) {
    const char = source[offset] as string;
    if (/\s/.test(char)) {
      offset++;
      continue;
    }
    if (char === '"' || char === "'" || char === '`') {
      const { value, end } = readQuoted(source, offset);
      tokens.push({ kind: char === '`' ? 'name' : 'string', value, offset });
      offset = end;
      continue;
    }
    const date = matchAt(DATE_AT, source, offset);
    const number = date ? undefined : matchAt(NUMBER_AT, source, offset);
    const word = matchAt(WORD_AT, source, offset);
    const symbol = matchAt(SYMBOL_AT, source, offset);
    const [kind, text] = date
      ? (['date', date] as const)
      : number
        ? (['number', number] as const)
        : word
          ? (['word', word] as const)
          : symbol
            ? (['symbol', symbol] as const)
            : [undefined, undefined];
    if (kind === undefined) {
      throw segmentSyntaxError(
        source,
        offset,
        `unexpected character '${String.fromCodePoint(source.codePointAt(offset) ?? 0)}'`,
      );
    }
    tokens.push({ kind, value: text, offset });
    offset += text.length;
  }
  tokens.push({ kind: 'end', value: '', offset: source.length });
  return tokens;
}

import type { SegmintError } from '../../errors.ts';
import { segmentSyntaxError } from './syntax-error.ts';
import { tokenize, type Token } from './tokenize.ts';

function describe(token: Token): string {
  const shown = token.value.length > 30 ? `${token.value.slice(0, 30)}…` : token.value;
  switch (token.kind) {
    case 'end':
      return 'the end of the text';
    case 'string':
      return `the string ${JSON.stringify(shown)}`;
    case 'name':
      return `the name \`${shown}\``;
    case 'number':
      return `the number ${shown}`;
    case 'date':
      return `the date ${shown}`;
    case 'word':
      return `'${shown}'`;
    case 'symbol':
      return `'${shown}'`;
    default: {
      const unknownKind: never = token.kind;
      return String(unknownKind);
    }
  }
}

/** A cursor over the tokens with the small vocabulary a recursive-descent parser needs. Keywords ignore case. */
export class TokenStream {
  private readonly tokens: Token[];
  private readonly end: Token;
  private position = 0;

  constructor(readonly source: string) {
    this.tokens = tokenize(source);
    this.end = { kind: 'end', value: '', offset: source.length };
  }

  /** The token `ahead` positions on; past the last token, the end. */
  peek(ahead = 0): Token {
    return this.tokens[this.position + ahead] ?? this.end;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.position++;
    return token;
  }

  isWord(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.value.toLowerCase() === word;
  }

  isSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'symbol' && token.value === symbol;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.position++;
    return true;
  }

  acceptSymbol(symbol: string): boolean {
    if (!this.isSymbol(symbol)) return false;
    this.position++;
    return true;
  }

  expectWord(word: string, expected = `'${word}'`): Token {
    if (!this.isWord(word)) throw this.unexpected(expected);
    return this.next();
  }

  expectSymbol(symbol: string, expected = `'${symbol}'`): Token {
    if (!this.isSymbol(symbol)) throw this.unexpected(expected);
    return this.next();
  }

  /** "expected X but found Y", pointing at the current token. */
  unexpected(expected: string, token: Token = this.peek()): SegmintError {
    return segmentSyntaxError(this.source, token.offset, `expected ${expected} but found ${describe(token)}`);
  }

  /** A problem with a token that was read correctly (a number out of range, an impossible date). */
  invalid(token: Token, problem: string): SegmintError {
    return segmentSyntaxError(this.source, token.offset, problem);
  }
}

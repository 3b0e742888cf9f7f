import { SegmintError } from '../../errors.ts';

/** Where a mistake is, counted the way an editor counts: lines and columns from 1, columns in characters. */
export function locate(source: string, offset: number): { line: number; column: number; lineText: string } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', offset);
  const line = before.split('\n').length;
  const column = [...source.slice(lineStart, offset)].length + 1;
  return { line, column, lineText: source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd) };
}

/**
 * A parse error: `SegmintError('invalid_input')` whose detail path is `col 37` (or `line 2, col 5` in multi-line
 * text) and whose message shows the line with a caret under the mistake.
 */
export function segmentSyntaxError(source: string, offset: number, problem: string): SegmintError {
  const { line, column, lineText } = locate(source, offset);
  const isMultiLine = source.includes('\n');
  const path = isMultiLine ? `line ${line}, col ${column}` : `col ${column}`;
  const caret = `${' '.repeat(column - 1)}^`;
  const message = `Invalid segment text at ${path}: ${problem}\n  ${lineText}\n  ${caret}`;
  return new SegmintError('invalid_input', message, [{ path, message: problem }]);
}

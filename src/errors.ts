/**
 * Expected failures are typed: each code maps to one HTTP status and one CLI exit code, and the message says what
 * was wrong and what to do about it.
 */
export const ERROR_CODES = {
  invalid_input: { httpStatus: 400, exitCode: 2 },
  payload_too_large: { httpStatus: 400, exitCode: 2 },
  unauthorized: { httpStatus: 401, exitCode: 3 },
  forbidden: { httpStatus: 403, exitCode: 3 },
  not_found: { httpStatus: 404, exitCode: 4 },
  conflict: { httpStatus: 409, exitCode: 5 },
  unsupported: { httpStatus: 422, exitCode: 2 },
  rate_limited: { httpStatus: 429, exitCode: 6 },
  store_unavailable: { httpStatus: 503, exitCode: 7 },
  port_in_use: { httpStatus: 503, exitCode: 8 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** Where the problem is: a JSON path (`batch[3].userId`), a CSV row (`row 17`), a column (`col 12`). */
  path: string;
  message: string;
}

export class SegmintError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly ErrorDetail[];

  constructor(code: ErrorCode, message: string, details: readonly ErrorDetail[] = []) {
    super(message);
    this.name = 'SegmintError';
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].httpStatus;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exitCode;
  }

  toJSON(): { error: ErrorCode; message: string; details: readonly ErrorDetail[] } {
    return { error: this.code, message: this.message, details: this.details };
  }
}

export function isSegmintError(error: unknown): error is SegmintError {
  return error instanceof SegmintError;
}

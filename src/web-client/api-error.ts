/** A failed API call: the server's error code, its message (which says what to do) and the fields it names. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: readonly { path: string; message: string }[];

  constructor(options: {
    status: number;
    code: string;
    message: string;
    details?: readonly { path: string; message: string }[];
  }) {
    super(options.message);
    this.name = 'ApiError';
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
  }

  get isUnauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

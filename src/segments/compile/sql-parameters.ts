import { SegmintError } from '../../errors.ts';
import type { Dialect } from '../../store/dialect.ts';
import type { SqlValue } from '../../store/store.ts';

/**
 * The only way a value reaches compiled SQL: each call appends a parameter and returns its placeholder (`$3`).
 * A value the dialect cannot hold is refused here, at compile (save) time.
 */
export class SqlParameters {
  readonly values: SqlValue[] = [];

  constructor(
    private readonly dialect: Dialect,
    private readonly offset = 0,
  ) {}

  /** `where` names the place in the definition (`condition.conditions[1].predicate.value`) for error messages. */
  add(value: SqlValue, where: string): string {
    if (!this.dialect.textCanHoldNul && holdsNul(value)) {
      throw new SegmintError(
        'unsupported',
        `${where} contains the NUL character (U+0000), which ${this.dialect.name} text cannot hold. Remove it.`,
        [{ path: where, message: 'contains U+0000' }],
      );
    }
    this.values.push(value);
    return `$${this.offset + this.values.length}`;
  }
}

function holdsNul(value: SqlValue): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' && item.includes('\u0000'));
  return false;
}

/**
 * Decides, once per file, what each column is for. Role columns feed the message itself (user id, timestamp, …);
 * every other column becomes a trait (profiles) or a property (events). Email, phone, country, price, quantity and
 * amount columns stay traits/properties but are cleaned strictly and get the standard names `email`, `phone`,
 * `country`, `price`, `quantity`, `amount` (Segment's spec names), unless `--columns` renames them.
 */
import { SegmintError } from '../../errors.ts';
import type { ImportEventsOptions, ImportProfilesOptions } from './import-options.ts';

/** Columns consumed by the message: they do not appear among traits or properties. */
export type MessageRole = 'userId' | 'anonymousId' | 'messageId' | 'timestamp' | 'event';
/** Columns kept as traits/properties under a standard name, with a strict cleaner. */
export type FieldRole = 'email' | 'phone' | 'country' | 'price' | 'quantity' | 'amount';

export interface ColumnPlan {
  roles: ReadonlyMap<string, MessageRole | FieldRole>;
  columnOf: Partial<Record<MessageRole | FieldRole, string>>;
  /** The trait/property key of a non-message column. */
  fieldName(column: string): string;
  event?: string | undefined;
}

export type PlanOptions = ImportProfilesOptions & Partial<Pick<ImportEventsOptions, EventOnlyOption>>;
type EventOnlyOption =
  'event' | 'eventColumn' | 'anonymousIdColumn' | 'amountColumn' | 'priceColumn' | 'quantityColumn';

/** Header names (normalised: lower case, letters and digits only) recognised when no column is given. */
const DETECTED: Record<'email' | 'phone' | 'country', readonly string[]> = {
  email: ['email', 'mail', 'emailaddress', 'emailaddr'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'telephone',
    'tel',
  ],
  country: ['country', 'countrycode', 'countryname'],
};

/**
 * Builds the plan from the columns of the file (the CSV header, or the keys of the first JSONL object).
 * `requireColumns`: every named column must be among them (CSV); JSONL objects may leave keys out.
 */
export function planColumns(
  kind: 'profiles' | 'events',
  columns: readonly string[],
  options: PlanOptions,
  requireColumns: boolean,
): ColumnPlan {
  checkRequiredOptions(kind, options);
  const named: [MessageRole | FieldRole, string | undefined][] = [
    ['userId', options.idColumn],
    ['anonymousId', options.anonymousIdColumn],
    ['messageId', options.messageIdColumn],
    ['timestamp', options.timestampColumn],
    ['event', options.eventColumn],
    ['email', options.emailColumn],
    ['phone', options.phoneColumn],
    ['country', options.countryColumn],
    ['price', options.priceColumn],
    ['quantity', options.quantityColumn],
    ['amount', options.amountColumn],
  ];
  const roles = new Map<string, MessageRole | FieldRole>();
  for (const [role, column] of named) {
    if (column === undefined) continue;
    if (requireColumns && !columns.includes(column)) {
      throw new SegmintError(
        'invalid_input',
        `column '${column}' is not in the file; its columns are: ${columns.join(', ')}`,
      );
    }
    const taken = roles.get(column);
    if (taken !== undefined)
      throw new SegmintError('invalid_input', `column '${column}' is given as both ${taken} and ${role}`);
    roles.set(column, role);
  }
  for (const column of options.columns.keys()) {
    if (requireColumns && !columns.includes(column)) {
      throw new SegmintError(
        'invalid_input',
        `--columns renames '${column}', which is not in the file; its columns are: ${columns.join(', ')}`,
      );
    }
  }
  for (const role of ['email', 'phone', 'country'] as const) {
    if ([...roles.values()].includes(role)) continue;
    const candidates = columns.filter(
      (column) => !roles.has(column) && DETECTED[role].includes(normalise(column)),
    );
    const [only] = candidates;
    if (only !== undefined && candidates.length === 1) roles.set(only, role);
  }
  const columnOf: ColumnPlan['columnOf'] = {};
  for (const [column, role] of roles) columnOf[role] = column;
  const fieldName = (column: string): string => {
    const role = roles.get(column);
    return options.columns.get(column) ?? (role !== undefined && isFieldRole(role) ? role : column);
  };
  checkFieldNames(columns, roles, fieldName, columnOf);
  return { roles, columnOf, fieldName, event: options.event };
}

/** What every flat-row import needs, checked before reading a CSV so a forgotten flag fails at once. */
export function checkRequiredOptions(kind: 'profiles' | 'events', options: PlanOptions): void {
  if (options.idColumn === undefined && (kind === 'profiles' || options.anonymousIdColumn === undefined)) {
    const flags = kind === 'profiles' ? '--id-column' : '--id-column (or --anonymous-id-column)';
    throw new SegmintError('invalid_input', `import ${kind} needs ${flags} to know whose rows these are`);
  }
  if (kind === 'events' && options.event === undefined && options.eventColumn === undefined) {
    throw new SegmintError('invalid_input', 'import events needs --event NAME or --event-column COLUMN');
  }
}

function checkFieldNames(
  columns: readonly string[],
  roles: ReadonlyMap<string, MessageRole | FieldRole>,
  fieldName: (column: string) => string,
  columnOf: ColumnPlan['columnOf'],
): void {
  const owners = new Map<string, string>();
  // price × quantity produces an `amount` property of its own.
  if (columnOf.price !== undefined) owners.set('amount', `${columnOf.price} × ${columnOf.quantity ?? ''}`);
  for (const column of columns) {
    const role = roles.get(column);
    if (role !== undefined && !isFieldRole(role)) continue;
    const name = fieldName(column);
    const owner = owners.get(name);
    if (owner !== undefined) {
      throw new SegmintError(
        'invalid_input',
        `columns '${owner}' and '${column}' would both be stored as '${name}'; rename one with --columns '${column}:new_name'`,
      );
    }
    owners.set(name, column);
  }
}

export function isFieldRole(role: MessageRole | FieldRole): role is FieldRole {
  return ['email', 'phone', 'country', 'price', 'quantity', 'amount'].includes(role);
}

function normalise(column: string): string {
  return column.toLowerCase().replace(/[^a-z0-9]/g, '');
}

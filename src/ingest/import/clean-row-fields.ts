/**
 * Turns the non-message columns of a row into traits or properties. Strictly cleaned values decide whether the row
 * is kept: an invalid email (it would become an identity) or a non-numeric price/quantity/amount (it would
 * corrupt revenue) rejects the row. Phone numbers and countries are descriptive: one that cannot be normalised
 * is kept as written and reported as a warning, so a purchase is never lost over a "Channel Islands" country.
 */
import { cleanCountry } from '../cleanse/clean-country.ts';
import { cleanEmail } from '../cleanse/clean-email.ts';
import { cleanFieldValue } from '../cleanse/clean-field-value.ts';
import { cleanNumber } from '../cleanse/clean-number.ts';
import { cleanPhone } from '../cleanse/clean-phone.ts';
import type { JsonObject } from '../../schema/json.ts';
import { isFieldRole, type ColumnPlan } from './column-plan.ts';
import { cellOf, columnIssue } from './row-values.ts';
import type { RowIssue } from './source-row.ts';

export type FieldsOutcome =
  { ok: true; fields: JsonObject; warnings: RowIssue[] } | { ok: false; issue: RowIssue };

/** Number() of a product of two decimals carries float noise (6 × 2.55 = 15.299999999999999): 15 significant
 * digits is what a double holds exactly, so the amount is rounded to that. */
const SIGNIFICANT_DIGITS = 15;

export function cleanRowFields(
  row: JsonObject,
  plan: ColumnPlan,
  defaultCountry: string | undefined,
): FieldsOutcome {
  const fields: JsonObject = {};
  const warnings: RowIssue[] = [];
  const country = phoneRegionOf(row, plan);
  // Sorted, so that the fields' key order — and with it the derived message id — does not depend on the order of
  // the columns in the file.
  for (const column of Object.keys(row).sort()) {
    const raw = row[column];
    const role = plan.roles.get(column);
    if (role !== undefined && !isFieldRole(role)) continue;
    const cell = cellOf(raw);
    if (cell === undefined) continue;
    const name = plan.fieldName(column);
    const text = String(cell);
    switch (role) {
      case undefined: {
        const value = cleanFieldValue(raw);
        if (value !== undefined) fields[name] = value;
        break;
      }
      case 'email': {
        const email = cleanEmail(text);
        if (!email.ok) return { ok: false, issue: columnIssue(email, column) };
        fields[name] = email.value;
        break;
      }
      case 'price':
      case 'quantity':
      case 'amount': {
        const number = cleanNumber(cell);
        if (!number.ok) return { ok: false, issue: columnIssue(number, column) };
        fields[name] = number.value;
        break;
      }
      case 'phone': {
        const phone = cleanPhone(text, { defaultRegion: country ?? defaultCountry });
        if (!phone.ok) warnings.push(columnIssue(phone, column));
        fields[name] = phone.ok ? phone.value : text;
        break;
      }
      case 'country': {
        const code = cleanCountry(text);
        if (!code.ok) warnings.push(columnIssue(code, column));
        const value = code.ok ? code.value : text;
        if (value !== undefined) fields[name] = value;
        break;
      }
      default: {
        const unreachable: never = role;
        return unreachable;
      }
    }
  }
  const amount = amountOf(fields, plan);
  if (amount !== undefined) fields.amount = amount;
  return { ok: true, fields, warnings };
}

/** The row's country as an ISO code, the region for its phone number. */
function phoneRegionOf(row: JsonObject, plan: ColumnPlan): string | undefined {
  const column = plan.columnOf.country;
  // Only phone numbers need the row's country before its column is reached.
  const cell = column === undefined || plan.columnOf.phone === undefined ? undefined : cellOf(row[column]);
  if (cell === undefined) return undefined;
  const code = cleanCountry(String(cell));
  return code.ok ? code.value : undefined;
}

/** price × quantity, when both columns are given and both cells hold numbers. */
function amountOf(fields: JsonObject, plan: ColumnPlan): number | undefined {
  const { price, quantity } = plan.columnOf;
  if (price === undefined || quantity === undefined) return undefined;
  const priceValue = fields[plan.fieldName(price)];
  const quantityValue = fields[plan.fieldName(quantity)];
  if (typeof priceValue !== 'number' || typeof quantityValue !== 'number') return undefined;
  return Number((priceValue * quantityValue).toPrecision(SIGNIFICANT_DIGITS));
}

import { accept, refuse, type Cleaned } from './cleaned.ts';

/**
 * A pragmatic address check, not full RFC 5322: a dot-atom local part and a domain of letter/digit/hyphen labels
 * ending in an alphabetic top-level domain (or an IDNA `xn--` one). Quoted local parts, IP-literal domains and
 * display names ("Ann <ann@x.org>") are refused: they are almost always export mistakes in marketing data, and
 * an address that cannot be mailed must not become an identity.
 */
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const MAX_ADDRESS_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/** Trims and lower-cases an email address and checks that it can be mailed. */
export function cleanEmail(raw: string): Cleaned<string> {
  const email = raw.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  const localPart = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  const topLevel = labels[labels.length - 1] ?? '';
  const isValid =
    at > 0 &&
    email.length <= MAX_ADDRESS_LENGTH &&
    localPart.length <= MAX_LOCAL_PART_LENGTH &&
    LOCAL_PART.test(localPart) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(topLevel);
  return isValid ? accept(email) : refuse('invalid email', raw.trim());
}

// Field-aware equality: two values that differ only in formatting are the same value, so a
// side that stores a value its own way never looks like a person's edit (docs/matching.md,
// "Echo suppression"). Each comparison goes through a canonical key; phones add one rule
// for an international prefix that the other side left out.
import { norm } from '../contact/keys';
import type { SyncField } from '../contact/model';
import { splitEmails } from '../contact/model';
import { countryCode, regionCode } from './threeway-places';

export type FieldFamily = 'name' | 'email' | 'phone' | 'lines' | 'city' | 'region' | 'postalCode' | 'country';

export function familyOf(field: SyncField): FieldFamily {
  if (field === 'email') return 'email';
  if (field.startsWith('phone')) return 'phone';
  if (field.endsWith('Lines')) return 'lines';
  if (field.endsWith('City')) return 'city';
  if (field.endsWith('Region')) return 'region';
  if (field.endsWith('PostalCode')) return 'postalCode';
  if (field.endsWith('Country')) return 'country';
  return 'name';
}

/** norm() with the punctuation that carries no meaning in an address dropped. */
function addressKey(s: string): string {
  return norm(s.replace(/[.,;]/g, ' '));
}

/** Every digit, in order ("+1 (555) 123-4567" → "15551234567"). */
export function phoneDigits(s: string): string {
  return s.replace(/\D/g, '');
}

/** The canonical form a value is compared by. Blank (or only formatting) → ''. */
export function fieldKey(field: SyncField, value: string): string {
  switch (familyOf(field)) {
    case 'email':
      return [...new Set(splitEmails(value).map((e) => e.replace(/\s/g, '').toLowerCase()))].sort().join(',');
    case 'phone':
      // A phone with no digits ("ask reception") is still something a person typed.
      return phoneDigits(value) || norm(value);
    case 'lines':
      return value.split(/\r?\n/).map(addressKey).filter(Boolean).join(' ');
    case 'city':
      return addressKey(value);
    case 'region': {
      const code = regionCode(value);
      return code ? code.toLowerCase() : addressKey(value);
    }
    case 'postalCode':
      return value.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
    case 'country': {
      const code = countryCode(value);
      return code ? code.toLowerCase() : addressKey(value);
    }
    case 'name':
      return norm(value);
  }
}

function hasInternationalPrefix(s: string): boolean {
  return /^\s*(\+|00)/.test(s);
}

/**
 * "+44 20 7946 0958" and "020 7946 0958" are one number: the one written with an
 * international prefix ends with the other's digits once the trunk 0 is dropped, and the
 * country code accounts for at most three extra digits.
 */
function samePhone(a: string, b: string): boolean {
  const da = phoneDigits(a);
  const db = phoneDigits(b);
  if (!da || !db) return fieldKey('phoneWork', a) === fieldKey('phoneWork', b);
  if (da === db) return true;
  for (const [intl, local, dIntl, dLocal] of [
    [a, b, da, db],
    [b, a, db, da],
  ] as const) {
    if (!hasInternationalPrefix(intl) || hasInternationalPrefix(local)) continue;
    const national = dLocal.replace(/^0/, '');
    const full = dIntl.replace(/^00/, '');
    const extra = full.length - national.length;
    if (national.length >= 6 && extra >= 1 && extra <= 3 && full.endsWith(national)) return true;
  }
  return false;
}

/** True when the two values are the same value for this field, formatting aside. */
export function sameValue(field: SyncField, a: string, b: string): boolean {
  if (familyOf(field) === 'phone') return samePhone(a, b);
  return fieldKey(field, a) === fieldKey(field, b);
}

/** Blank for this field: nothing a person would call a value. */
export function isBlank(field: SyncField, value: string): boolean {
  return fieldKey(field, value) === '';
}

// What each side can hold. A value the target cannot hold is reported and left unwritten,
// never cut (shared/spec/product.md, "Fields that sync"). Limits: QuickBooks Customer
// (shared/spec/qbo-api.md, qbo-notes.md §3.1–3.3); Karbon business card
// (shared/spec/karbon-api.md, "Two shapes of a person").
import type { ContactKind, SyncField } from '../contact/model';
import { splitEmails } from '../contact/model';
import { invalidKarbonEmails } from '../karbon/limits';
import type { Side } from './conflicts';
import { familyOf } from './threeway-equal';
import { countryCode } from './threeway-places';

const QB_FORBIDDEN_IN_NAMES = /[:\t\r\n]/;

function tooLong(value: string, max: number, what: string): string | null {
  return value.length > max ? `${what} holds at most ${max} characters (this one has ${value.length})` : null;
}

function quickBooksProblem(field: SyncField, value: string): string | null {
  switch (familyOf(field)) {
    case 'name':
      if (field === 'organizationName') return tooLong(value, 100, 'QuickBooks CompanyName');
      if (QB_FORBIDDEN_IN_NAMES.test(value))
        return 'QuickBooks name fields cannot contain ":", tab or line breaks';
      return tooLong(value, 100, 'A QuickBooks name field');
    case 'email': {
      const bad = splitEmails(value).find((e) => !e.includes('@') || !e.includes('.'));
      if (bad) return `QuickBooks accepts only addresses with "@" and "." ("${bad}")`;
      return tooLong(value, 100, 'The QuickBooks email field (every address together)');
    }
    case 'phone':
      return tooLong(value, 30, 'A QuickBooks phone');
    case 'lines': {
      const lines = value.split(/\r?\n/);
      if (lines.length > 5) return `QuickBooks addresses hold at most 5 lines (this one has ${lines.length})`;
      const long = lines.find((l) => l.length > 500);
      return long === undefined ? null : tooLong(long, 500, 'A QuickBooks address line');
    }
    case 'postalCode':
      return tooLong(value, 30, 'The QuickBooks postal code');
    case 'city':
    case 'region':
    case 'country':
      return tooLong(value, 255, 'This QuickBooks address field');
  }
}

/** Karbon keeps the country code apart from the number; only the rest counts against Number ≤ 20. */
function karbonPhoneNumberPart(value: string): string {
  return value.trim().replace(/^(\+|00)\d{1,3}[\s.-]+/, '');
}

function karbonProblem(field: SyncField, value: string, kind: ContactKind): string | null {
  const blank = value.trim() === '';
  switch (familyOf(field)) {
    case 'name':
      if (blank && kind === 'person' && (field === 'firstName' || field === 'lastName'))
        return 'Karbon requires a first and a last name';
      if (blank && kind === 'organization' && field === 'organizationName')
        return 'Karbon requires an organization name';
      return null;
    case 'email': {
      const bad = invalidKarbonEmails(value)[0];
      return bad === undefined ? null : `Karbon accepts only one address in each entry ("${bad}")`;
    }
    case 'phone':
      return tooLong(karbonPhoneNumberPart(value), 20, 'A Karbon phone number');
    case 'lines':
      return tooLong(value, 200, 'Karbon address lines');
    case 'city':
      return tooLong(value, 100, 'The Karbon city');
    case 'region':
      return tooLong(value, 100, 'The Karbon state/province/county');
    case 'postalCode':
      return tooLong(value, 20, 'The Karbon zip/postal code');
    case 'country':
      if (blank || countryCode(value)) return null;
      return `Karbon stores a country as an ISO code and "${value}" is not a country it knows`;
  }
}

/** Why `side` cannot hold `value` in `field`, or null when it can. */
export function cannotHold(side: Side, field: SyncField, value: string, kind: ContactKind): string | null {
  return side === 'quickbooks' ? quickBooksProblem(field, value) : karbonProblem(field, value, kind);
}

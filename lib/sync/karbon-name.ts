// The name a QuickBooks customer gets as a new Karbon person. Karbon refuses a person without a
// FirstName and a LastName (karbon-api.md, "Create"), so a customer whose name cannot give both
// ("Cher", or a GivenName alone) is not created blindly: it waits in Resolve duplicates with the
// reason `name-incomplete` until QuickBooks holds a full name (docs/engine.md).
import { type Contact, makeContact } from '../contact/model';
import type { KarbonKind, QuickBooksCustomer } from './ports';

export interface KarbonPersonName {
  first: string;
  last: string;
}

/** The name parts, or, when QuickBooks has only a DisplayName, the parts read from it ("Last, First" understood). */
export function karbonPersonName(c: QuickBooksCustomer): KarbonPersonName {
  const f = c.contact.fields;
  let first = f.firstName.trim();
  let last = f.lastName.trim();
  if (first && last) return { first: f.firstName, last: f.lastName };
  const name = c.displayName.replace(/ \(deleted\)$/u, '').trim();
  const comma = name.indexOf(',');
  const words = name.split(/\s+/u).filter(Boolean);
  if (comma > 0) {
    last ||= name.slice(0, comma).trim();
    first ||= name.slice(comma + 1).trim();
  } else if (words.length >= 2) {
    last ||= words[words.length - 1] ?? '';
    first ||= words.slice(0, -1).join(' ');
  }
  return { first, last };
}

/** True when Karbon can hold this customer as a person (both names present). */
export function hasKarbonPersonName(c: QuickBooksCustomer): boolean {
  const { first, last } = karbonPersonName(c);
  return first !== '' && last !== '';
}

/**
 * The customer as a new Karbon record. Karbon needs a FirstName and a LastName for a person:
 * when QuickBooks holds only a DisplayName they are taken from it (above).
 */
export function contactForKarbon(c: QuickBooksCustomer, kind: KarbonKind, contactType: string): Contact {
  const f = c.contact.fields;
  if (kind === 'organization') {
    return makeContact(
      'organization',
      { ...f, organizationName: f.organizationName || c.displayName },
      contactType,
    );
  }
  const { first, last } = karbonPersonName(c);
  return makeContact('person', { ...f, firstName: first, lastName: last }, contactType);
}

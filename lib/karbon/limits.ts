// What Karbon's business card can hold (KarbonAPI.json BusinessCard: Number ≤ 20, AddressLines
// ≤ 200, City ≤ 100, StateProvinceCounty ≤ 100, ZipCode ≤ 20, CountryCode ISO alpha-2).
// Values over a limit are reported, never cut; so is a person missing a first or last name.
import type { Contact } from '../contact';
import { type ContactFields, SYNC_FIELDS, type SyncField, splitEmails } from '../contact/model';
import { FIELD_LABELS, type FieldProblem } from '../quickbooks/limits';
import type { KarbonKind } from '../sync/ports';
import { toCountryCode } from './country';
import { splitPhone } from './mapper';

const MAX_LENGTH: Partial<Record<SyncField, number>> = {
  phoneWork: 20,
  phoneMobile: 20,
  phoneOther: 20,
  phoneFax: 20,
  physicalLines: 200,
  physicalCity: 100,
  physicalRegion: 100,
  physicalPostalCode: 20,
  mailingLines: 200,
  mailingCity: 100,
  mailingRegion: 100,
  mailingPostalCode: 20,
};

/**
 * Each of a card's EmailAddresses must be one address (docs/sandbox-karbon.md: "each email a single
 * address"; 400 otherwise). QuickBooks keeps its email field as typed, so "a@x.com (billing)" or
 * "a@x.com b@y.com" can come from there. Same rule as the sandbox's Karbon.
 */
const KARBON_EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/u;
const MAX_EMAIL = 254;

/** The addresses of an email field (comma or semicolon separated) Karbon would refuse. */
export function invalidKarbonEmails(value: string): string[] {
  return splitEmails(value).filter((a) => a.length > MAX_EMAIL || !KARBON_EMAIL.test(a));
}

const KARBON_LABELS: Partial<Record<SyncField, string>> = {
  organizationName: 'Organization name',
  physicalRegion: 'Physical address state/province/county',
  mailingRegion: 'Mailing address state/province/county',
};

export function karbonProblems(fields: Partial<ContactFields>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of SYNC_FIELDS) {
    const max = MAX_LENGTH[field];
    if (max === undefined) continue;
    const raw = (fields[field] ?? '').trim();
    // The dialling prefix goes to the phone's CountryCode; only the rest counts against Number.
    const value = field.startsWith('phone') ? splitPhone(raw).number : raw;
    if ([...value].length > max) {
      const label = KARBON_LABELS[field] ?? FIELD_LABELS[field];
      problems.push({
        field,
        problem: 'too-long',
        message: `${label}: ${[...value].length} characters; Karbon holds ${max}`,
      });
    }
  }
  for (const address of invalidKarbonEmails(fields.email ?? '')) {
    problems.push({
      field: 'email',
      problem: 'not-allowed',
      message: `Email: "${address}" is not an address Karbon accepts (one address, such as name@example.com)`,
    });
  }
  for (const field of ['physicalCountry', 'mailingCountry'] as const) {
    const value = fields[field];
    if (value && toCountryCode(value) === null) {
      problems.push({
        field,
        problem: 'not-convertible',
        message: `${FIELD_LABELS[field]}: "${value}" is not a country Karbon knows (it stores ISO codes such as AU, US)`,
      });
    }
  }
  return problems;
}

/** Karbon refuses a person without both names (a company has one name, its FullName). */
export function personNameProblems(contact: Contact, kind: KarbonKind): FieldProblem[] {
  if (kind !== 'contact' || (contact.fields.firstName && contact.fields.lastName)) return [];
  return [
    {
      field: contact.fields.firstName ? 'lastName' : 'firstName',
      problem: 'not-allowed',
      message: 'Karbon needs both a first and a last name for a person',
    },
  ];
}

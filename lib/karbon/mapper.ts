// Karbon full record (primary business card) ⇄ canonical Contact (product.md "Fields that
// sync"). Pure. Reading picks, per slot, the first phone or address with a matching label;
// writing changes exactly those entries and keeps every other card, phone, address and key.
import {
  type Contact,
  type ContactFields,
  emptyFields,
  joinEmails,
  SYNC_FIELDS,
  splitEmails,
} from '../contact';
import type { KarbonKind, KarbonRecord, KarbonSummary } from '../sync/ports';
import { toCountryCode } from './country';
import type { Address, BusinessCard, ContactRecord, OrganizationRecord, PhoneNumber } from './schema';

export type PhoneSlot = 'phoneWork' | 'phoneMobile' | 'phoneOther' | 'phoneFax';
export type AddressSlot = 'physical' | 'mailing';

/** Labels read into each slot, and the label a new entry gets. */
export const PHONE_LABELS: Record<PhoneSlot, { read: string[]; write: string }> = {
  phoneWork: { read: ['work', 'office'], write: 'Work' },
  phoneMobile: { read: ['mobile'], write: 'Mobile' },
  phoneOther: { read: ['home', 'other'], write: 'Other' },
  phoneFax: { read: ['fax'], write: 'Fax' },
};
export const ADDRESS_LABELS: Record<AddressSlot, string> = { physical: 'Physical', mailing: 'Mailing' };
const ADDRESS_PARTS = ['Lines', 'City', 'Region', 'PostalCode', 'Country'] as const;
type AddressPart = (typeof ADDRESS_PARTS)[number];

const field = (slot: AddressSlot, part: AddressPart): keyof ContactFields => `${slot}${part}`;

/**
 * Karbon keeps a phone's country apart from its Number (≤ 20): "+61 2 5550 0001" is written as
 * CountryCode "+61" and Number "2 5550 0001", and read back joined, so it round-trips.
 */
export function splitPhone(value: string): { countryCode: string | null; number: string } {
  const m = /^(?:\+|00)(\d{1,3})[\s.-]+(.+)$/.exec(value.trim());
  return m
    ? { countryCode: `+${m[1]}`, number: (m[2] ?? '').trim() }
    : { countryCode: null, number: value.trim() };
}

export function readPhone(p: PhoneNumber | undefined): string {
  const number = (p?.Number ?? '').trim();
  const code = p?.CountryCode ?? '';
  return /^\+\d{1,4}$/.test(code) && number && !number.startsWith('+') ? `${code} ${number}` : number;
}

function writePhone(current: PhoneNumber | undefined, value: string, label: string): PhoneNumber {
  const { countryCode, number } = splitPhone(value);
  const next: PhoneNumber = current ? { ...current, Number: number } : { Number: number, Label: label };
  if (countryCode) next.CountryCode = countryCode;
  // A dialling prefix left from before would be read back in front of the new number.
  else if (/^\+/.test(next.CountryCode ?? '')) delete next.CountryCode;
  return next;
}

export function primaryCard(cards: readonly BusinessCard[] | undefined): BusinessCard | undefined {
  return cards?.find((c) => c.IsPrimaryCard === true) ?? cards?.[0];
}

function phoneIndex(card: BusinessCard | undefined, slot: PhoneSlot): number {
  const labels = PHONE_LABELS[slot].read;
  return (card?.PhoneNumbers ?? []).findIndex((p) => labels.includes((p.Label ?? '').toLowerCase()));
}

function addressIndex(card: BusinessCard | undefined, slot: AddressSlot): number {
  const label = ADDRESS_LABELS[slot].toLowerCase();
  return (card?.Addresses ?? []).findIndex((a) => (a.Label ?? '').toLowerCase() === label);
}

/** A full record with its kind: a person (Contact) or an Organization. */
export type KarbonFullRecord =
  | { kind: 'contact'; record: ContactRecord }
  | { kind: 'organization'; record: OrganizationRecord };

export function recordToContact(full: KarbonFullRecord): Contact {
  const f = emptyFields();
  const { record } = full;
  if (full.kind === 'contact') {
    f.firstName = full.record.FirstName ?? '';
    f.middleName = full.record.MiddleName ?? '';
    f.lastName = full.record.LastName ?? '';
  } else {
    f.organizationName = full.record.FullName ?? '';
  }
  const card = primaryCard(record.BusinessCards);
  f.email = joinEmails(card?.EmailAddresses ?? []);
  for (const slot of Object.keys(PHONE_LABELS) as PhoneSlot[]) {
    f[slot] = readPhone(card?.PhoneNumbers?.[phoneIndex(card, slot)]);
  }
  for (const slot of ['physical', 'mailing'] as const) {
    const a = card?.Addresses?.[addressIndex(card, slot)];
    f[field(slot, 'Lines')] = a?.AddressLines ?? '';
    f[field(slot, 'City')] = a?.City ?? '';
    f[field(slot, 'Region')] = a?.StateProvinceCounty ?? '';
    f[field(slot, 'PostalCode')] = a?.ZipCode ?? '';
    f[field(slot, 'Country')] = a?.CountryCode ?? '';
  }
  for (const k of SYNC_FIELDS) f[k] = f[k].trim();
  return {
    kind: full.kind === 'organization' ? 'organization' : 'person',
    fields: f,
    contactType: record.ContactType ?? '',
  };
}

export function recordKey(full: KarbonFullRecord): string {
  return full.kind === 'contact' ? full.record.ContactKey : full.record.OrganizationKey;
}

export function toKarbonRecord(full: KarbonFullRecord): KarbonRecord {
  const { record } = full;
  return {
    kind: full.kind,
    key: recordKey(full),
    userDefinedIdentifier: record.UserDefinedIdentifier ?? '',
    lastModified: record.LastModifiedDateTime ?? '',
    contact: recordToContact(full),
    // Karbon's API exposes no archived flag on contacts; a server that sends one is believed.
    archived: record.IsArchived === true || record.Archived === true,
  };
}

export function summaryToKarbonSummary(
  kind: KarbonKind,
  row: {
    ContactKey?: string;
    OrganizationKey?: string;
    FullName: string;
    EmailAddress?: string | null;
    PhoneNumber?: string | null;
    ContactType?: string | null;
    UserDefinedIdentifier?: string | null;
    LastModifiedDateTime: string;
  },
): KarbonSummary {
  return {
    kind,
    key: (kind === 'contact' ? row.ContactKey : row.OrganizationKey) ?? '',
    fullName: row.FullName,
    email: row.EmailAddress ?? '',
    phone: row.PhoneNumber ?? '',
    contactType: row.ContactType ?? '',
    userDefinedIdentifier: row.UserDefinedIdentifier ?? '',
    lastModified: row.LastModifiedDateTime,
  };
}

// ---------- canonical → wire ----------

export type RecordChanges = Partial<ContactFields> & { contactType?: string };

/** A new primary card holding the contact's values (create: no keys). */
export function newCard(fields: ContactFields): BusinessCard {
  return applyToCard({ IsPrimaryCard: true, EmailAddresses: [], PhoneNumbers: [], Addresses: [] }, fields);
}

/** Sets the changed slots on a card: updates the entry the reader used, adds or removes one. */
export function applyToCard(card: BusinessCard, changes: Partial<ContactFields>): BusinessCard {
  const out: BusinessCard = {
    ...card,
    PhoneNumbers: [...(card.PhoneNumbers ?? [])],
    Addresses: [...(card.Addresses ?? [])],
  };
  if (changes.email !== undefined) out.EmailAddresses = splitEmails(changes.email);
  for (const slot of Object.keys(PHONE_LABELS) as PhoneSlot[]) {
    const value = changes[slot];
    if (value === undefined) continue;
    const phones: PhoneNumber[] = out.PhoneNumbers ?? [];
    const i = phoneIndex(out, slot);
    const current = phones[i];
    if (!value) {
      if (current) phones.splice(i, 1);
    } else if (current) phones[i] = writePhone(current, value, PHONE_LABELS[slot].write);
    else phones.push(writePhone(undefined, value, PHONE_LABELS[slot].write));
  }
  for (const slot of ['physical', 'mailing'] as const) {
    if (!ADDRESS_PARTS.some((p) => changes[field(slot, p)] !== undefined)) continue;
    const addresses: Address[] = out.Addresses ?? [];
    const i = addressIndex(out, slot);
    const next: Address = { ...(addresses[i] ?? { Label: ADDRESS_LABELS[slot] }) };
    const set = (part: AddressPart, key: keyof Address, convert: (v: string) => string = (v) => v) => {
      const v = changes[field(slot, part)];
      if (v === undefined) return;
      if (v) next[key] = convert(v);
      else delete next[key];
    };
    set('Lines', 'AddressLines');
    set('City', 'City');
    set('Region', 'StateProvinceCounty');
    set('PostalCode', 'ZipCode');
    // limits.ts reports a country that does not convert before anything is written.
    set('Country', 'CountryCode', (v) => toCountryCode(v) ?? v);
    const empty =
      !next.AddressLines && !next.City && !next.StateProvinceCounty && !next.ZipCode && !next.CountryCode;
    if (i >= 0 && empty) addresses.splice(i, 1);
    else if (i >= 0) addresses[i] = next;
    else if (!empty) addresses.push(next);
  }
  return out;
}

/** Only the changed values: what a card must change to hold them. */
export function cardChanges(changes: RecordChanges): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  for (const k of SYNC_FIELDS) {
    if (k === 'firstName' || k === 'middleName' || k === 'lastName' || k === 'organizationName') continue;
    const v = changes[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

// QuickBooks Customer ⇄ canonical Contact (product.md "Fields that sync"). Pure.
// PrimaryPhone = work, Mobile, AlternatePhone = other, Fax; ShipAddr = physical, BillAddr = mailing.
import {
  type Contact,
  type ContactFields,
  emptyFields,
  joinEmails,
  norm,
  SYNC_FIELDS,
  type SyncField,
  splitEmails,
} from '../contact';
import { countryNameForQuickBooks } from '../karbon/country';
import type { QuickBooksCustomer } from '../sync/ports';
import { addressLines } from './limits';
import type { Customer, PhysicalAddress } from './schema';

const DELETED_SUFFIX = /\s*\(deleted\)\s*$/iu;

/** An organization has a CompanyName and no person's name, or a DisplayName equal to it. */
export function isOrganization(c: Customer): boolean {
  const company = norm(c.CompanyName);
  if (!company) return false;
  const personName = norm(c.GivenName) || norm(c.FamilyName);
  return !personName || norm(stripDeleted(c.DisplayName ?? '')) === company;
}

function stripDeleted(name: string): string {
  return name.replace(DELETED_SUFFIX, '');
}

/**
 * A person with only a DisplayName ("Jane Doe", "Doe, Jane"): split it the way Karbon's list
 * rows are read (first word, last word, the rest as middle), so Karbon can hold the name.
 */
function splitDisplayName(displayName: string): { first: string; middle: string; last: string } {
  const name = stripDeleted(displayName).trim();
  const comma = /^([^,]+),\s*(.+)$/u.exec(name);
  if (comma) return splitDisplayName(`${comma[2]} ${comma[1]}`);
  const words = name.split(/\s+/u).filter(Boolean);
  if (words.length <= 1) return { first: words[0] ?? '', middle: '', last: '' };
  return { first: words[0] ?? '', middle: words.slice(1, -1).join(' '), last: words.at(-1) ?? '' };
}

function readAddress(a: PhysicalAddress | null | undefined) {
  const lines = [a?.Line1, a?.Line2, a?.Line3, a?.Line4, a?.Line5]
    .map((l) => (l ?? '').trim())
    .filter(Boolean);
  return {
    lines: lines.join('\n'),
    city: a?.City ?? '',
    region: a?.CountrySubDivisionCode ?? '',
    postalCode: a?.PostalCode ?? '',
    country: a?.Country ?? '',
  };
}

export function customerToContact(c: Customer): Contact {
  const f: ContactFields = emptyFields();
  const organization = isOrganization(c);
  if (organization) {
    f.organizationName = c.CompanyName ?? '';
  } else {
    f.organizationName = c.CompanyName ?? '';
    if (norm(c.GivenName) || norm(c.FamilyName)) {
      f.firstName = c.GivenName ?? '';
      f.middleName = c.MiddleName ?? '';
      f.lastName = c.FamilyName ?? '';
    } else {
      const split = splitDisplayName(c.DisplayName ?? '');
      f.firstName = split.first;
      f.middleName = c.MiddleName || split.middle;
      f.lastName = split.last;
    }
  }
  f.email = joinEmails(splitEmails(c.PrimaryEmailAddr?.Address ?? ''));
  f.phoneWork = c.PrimaryPhone?.FreeFormNumber ?? '';
  f.phoneMobile = c.Mobile?.FreeFormNumber ?? '';
  f.phoneOther = c.AlternatePhone?.FreeFormNumber ?? '';
  f.phoneFax = c.Fax?.FreeFormNumber ?? '';
  const ship = readAddress(c.ShipAddr);
  f.physicalLines = ship.lines;
  f.physicalCity = ship.city;
  f.physicalRegion = ship.region;
  f.physicalPostalCode = ship.postalCode;
  f.physicalCountry = ship.country;
  const bill = readAddress(c.BillAddr);
  f.mailingLines = bill.lines;
  f.mailingCity = bill.city;
  f.mailingRegion = bill.region;
  f.mailingPostalCode = bill.postalCode;
  f.mailingCountry = bill.country;
  for (const k of SYNC_FIELDS) f[k] = f[k].trim();
  return { kind: organization ? 'organization' : 'person', fields: f, contactType: '' };
}

export function toQuickBooksCustomer(c: Customer): QuickBooksCustomer {
  return {
    id: c.Id,
    syncToken: c.SyncToken ?? '',
    active: c.Active !== false,
    isJob: c.Job === true || Boolean(c.ParentRef?.value),
    parentId: c.ParentRef?.value ?? null,
    lastUpdated: c.MetaData?.LastUpdatedTime ?? '',
    displayName: c.DisplayName ?? '',
    givenName: c.GivenName ?? '',
    familyName: c.FamilyName ?? '',
    companyName: c.CompanyName ?? '',
    deleted: c.status === 'Deleted',
    contact: customerToContact(c),
  };
}

// ---------- canonical → wire ----------

export interface WireAddress {
  Id?: string;
  Line1?: string;
  Line2?: string;
  Line3?: string;
  Line4?: string;
  Line5?: string;
  City?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Country?: string;
}

/** What the sync writes on a Customer; a field set to '' clears it in a sparse update. */
export interface CustomerWrite {
  DisplayName?: string;
  GivenName?: string;
  MiddleName?: string;
  FamilyName?: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  Mobile?: { FreeFormNumber: string };
  AlternatePhone?: { FreeFormNumber: string };
  Fax?: { FreeFormNumber: string };
  ShipAddr?: WireAddress;
  BillAddr?: WireAddress;
  Active?: boolean;
}

export type AddressSlot = 'physical' | 'mailing';
export const ADDRESS_PARTS = ['Lines', 'City', 'Region', 'PostalCode', 'Country'] as const;
type AddressPart = (typeof ADDRESS_PARTS)[number];
export type AddressValues = Record<AddressPart, string>;

function addressField(slot: AddressSlot, part: AddressPart): SyncField {
  return `${slot}${part}`;
}

/** Canonical address values → a QuickBooks address (lines must already fit: see limits). */
function writeAddress(v: AddressValues, id?: string | null): WireAddress {
  const lines = addressLines(v.Lines);
  const out: WireAddress = {};
  if (id) out.Id = id;
  const keys = ['Line1', 'Line2', 'Line3', 'Line4', 'Line5'] as const;
  keys.forEach((k, i) => {
    const line = lines[i];
    if (line) out[k] = line;
  });
  if (v.City) out.City = v.City;
  if (v.Region) out.CountrySubDivisionCode = v.Region;
  if (v.PostalCode) out.PostalCode = v.PostalCode;
  if (v.Country) out.Country = countryNameForQuickBooks(v.Country);
  return out;
}

function addressValues(fields: ContactFields, slot: AddressSlot): AddressValues {
  return {
    Lines: fields[addressField(slot, 'Lines')],
    City: fields[addressField(slot, 'City')],
    Region: fields[addressField(slot, 'Region')],
    PostalCode: fields[addressField(slot, 'PostalCode')],
    Country: fields[addressField(slot, 'Country')],
  };
}

const isBlank = (v: AddressValues) => ADDRESS_PARTS.every((p) => !v[p]);

/** The body of a create: only fields with a value. */
export function contactToCustomer(contact: Contact, displayName: string): CustomerWrite {
  const f = contact.fields;
  const out: CustomerWrite = { DisplayName: displayName };
  if (contact.kind === 'person') {
    if (f.firstName) out.GivenName = f.firstName;
    if (f.middleName) out.MiddleName = f.middleName;
    if (f.lastName) out.FamilyName = f.lastName;
  }
  if (f.organizationName) out.CompanyName = f.organizationName;
  if (f.email) out.PrimaryEmailAddr = { Address: joinEmails(splitEmails(f.email)) };
  if (f.phoneWork) out.PrimaryPhone = { FreeFormNumber: f.phoneWork };
  if (f.phoneMobile) out.Mobile = { FreeFormNumber: f.phoneMobile };
  if (f.phoneOther) out.AlternatePhone = { FreeFormNumber: f.phoneOther };
  if (f.phoneFax) out.Fax = { FreeFormNumber: f.phoneFax };
  const ship = addressValues(f, 'physical');
  if (!isBlank(ship)) out.ShipAddr = writeAddress(ship);
  const bill = addressValues(f, 'mailing');
  if (!isBlank(bill)) out.BillAddr = writeAddress(bill);
  return out;
}

export type CustomerChanges = Partial<ContactFields> & { displayName?: string; active?: boolean };

/** Which addresses a change touches: a sparse update must send those whole. */
export function touchedAddresses(changes: CustomerChanges): AddressSlot[] {
  return (['physical', 'mailing'] as const).filter((slot) =>
    ADDRESS_PARTS.some((p) => changes[addressField(slot, p)] !== undefined),
  );
}

/**
 * The fields of a sparse update. Name parts go to GivenName/MiddleName/FamilyName for a person
 * only; CompanyName takes organizationName for both kinds (an organization's name, a person's
 * employer). Touched addresses are rebuilt from `current` (the customer as read) plus the changes.
 */
export function changesToSparse(
  changes: CustomerChanges,
  kind: Contact['kind'],
  current?: Customer,
): CustomerWrite {
  const out: CustomerWrite = {};
  if (changes.displayName !== undefined) out.DisplayName = changes.displayName;
  if (changes.active !== undefined) out.Active = changes.active;
  if (kind === 'person') {
    if (changes.firstName !== undefined) out.GivenName = changes.firstName;
    if (changes.middleName !== undefined) out.MiddleName = changes.middleName;
    if (changes.lastName !== undefined) out.FamilyName = changes.lastName;
  }
  if (changes.organizationName !== undefined) out.CompanyName = changes.organizationName;
  if (changes.email !== undefined) out.PrimaryEmailAddr = { Address: joinEmails(splitEmails(changes.email)) };
  if (changes.phoneWork !== undefined) out.PrimaryPhone = { FreeFormNumber: changes.phoneWork };
  if (changes.phoneMobile !== undefined) out.Mobile = { FreeFormNumber: changes.phoneMobile };
  if (changes.phoneOther !== undefined) out.AlternatePhone = { FreeFormNumber: changes.phoneOther };
  if (changes.phoneFax !== undefined) out.Fax = { FreeFormNumber: changes.phoneFax };
  const read = current ? customerToContact(current).fields : emptyFields();
  for (const slot of touchedAddresses(changes)) {
    const merged = addressValues({ ...read, ...definedOnly(changes) }, slot);
    const id = (slot === 'physical' ? current?.ShipAddr : current?.BillAddr)?.Id;
    const wire = writeAddress(merged, id);
    if (slot === 'physical') out.ShipAddr = wire;
    else out.BillAddr = wire;
  }
  return out;
}

function definedOnly(changes: CustomerChanges): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  for (const k of SYNC_FIELDS) {
    const v = changes[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

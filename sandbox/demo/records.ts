// Story specs → each API's own JSON (QuickBooks Customer as qbo-notes §3.6 shows it; Karbon
// ContactDTO / OrganizationDTO with BusinessCards). Keys and dates come from the caller's
// seeded generator, so the same story always gives byte-identical records.
import type { KeyMaker } from '../karbon/keys';
import type { KarbonBusinessCard, KarbonContact, KarbonOrganization } from '../karbon/state';
import type { QboCustomer, QboPhysicalAddress } from '../qbo/state';
import type { Factory } from './factory';
import type { KarbonRecordSpec, PostalAddress, QboCustomerSpec } from './story-types';

/** A QuickBooks time with the company's Pacific offset (qbo-notes §3.6: no fractional seconds). */
function qboTime(ms: number): string {
  const d = new Date(ms);
  const month = d.getUTCMonth() + 1;
  const offset = month >= 4 && month <= 10 ? 7 : 8;
  const local = new Date(ms - offset * 3_600_000);
  return `${local.toISOString().slice(0, 19)}-0${offset}:00`;
}

/** Karbon's 7-digit fractional seconds. */
export function karbonTime(ms: number, f: Factory): string {
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(f.int(10_000_000)).padStart(7, '0')}Z`;
}

export function between(f: Factory, from: string, to: string): number {
  const a = Date.parse(from);
  return a + Math.floor(f.random() * (Date.parse(to) - a));
}

function qboAddress(a: PostalAddress, f: Factory): QboPhysicalAddress {
  const lines = Object.fromEntries(a.lines.map((l, i) => [`Line${i + 1}`, l]));
  const country =
    a.place.iso === 'US' ? f.pick(['USA', 'USA', 'USA', 'US', 'United States']) : a.place.qboCountry;
  return { ...lines, City: a.city, CountrySubDivisionCode: a.region, PostalCode: a.postal, Country: country };
}

export function qboCustomer(
  q: QboCustomerSpec,
  id: string,
  parent: { id: string; display: string } | undefined,
  f: Factory,
): QboCustomer {
  const created = between(f, '2019-02-01T00:00:00Z', '2025-09-30T00:00:00Z');
  const updated = created + Math.floor(f.random() * (Date.parse('2026-01-31T00:00:00Z') - created));
  const c: QboCustomer = { Id: id, DisplayName: q.display };
  if (q.title) c.Title = q.title;
  if (q.given) c.GivenName = q.given;
  if (q.middle) c.MiddleName = q.middle;
  if (q.family) c.FamilyName = q.family;
  if (q.suffix) c.Suffix = q.suffix;
  if (q.company) c.CompanyName = q.company;
  if (q.email) c.PrimaryEmailAddr = { Address: q.email };
  if (q.phone) c.PrimaryPhone = { FreeFormNumber: q.phone };
  if (q.mobile) c.Mobile = { FreeFormNumber: q.mobile };
  if (q.fax) c.Fax = { FreeFormNumber: q.fax };
  if (q.bill) c.BillAddr = qboAddress(q.bill, f);
  if (q.ship) c.ShipAddr = qboAddress(q.ship, f);
  if (q.notes) c.Notes = q.notes;
  c.Active = q.active ?? true;
  if (parent) {
    c.Job = true;
    c.ParentRef = { value: parent.id, name: parent.display };
    c.BillWithParent = true;
  }
  c.MetaData = { CreateTime: qboTime(created), LastUpdatedTime: qboTime(updated) };
  return c;
}

export interface KarbonContext {
  keys: KeyMaker;
  f: Factory;
  key: string;
  externalKey?: string;
  organizationKey: string | null;
  staff: readonly string[];
}

function card(
  k: KarbonRecordSpec,
  c: KarbonContext,
  entityType: 'Contact' | 'Organization',
): KarbonBusinessCard {
  return {
    BusinessCardKey: c.keys.permaKey(),
    EntityType: entityType,
    EntityKey: c.key,
    IsPrimaryCard: true,
    WebSites: k.websites ?? [],
    EmailAddresses: k.emails,
    OrganizationKey: c.organizationKey,
    RoleOrTitle: k.role ?? null,
    Addresses: k.addresses.map(({ address, label }) => ({
      AddressKey: c.keys.guid(),
      AddressLines: address.lines.join('\n'),
      City: address.city,
      StateProvinceCounty: address.region,
      ZipCode: address.postal,
      CountryCode: address.place.iso,
      Label: label,
    })),
    PhoneNumbers: k.phones.map((p) => ({
      PhoneNumberKey: c.keys.guid(),
      Number: p.number,
      CountryCode: p.country,
      Label: p.label,
    })),
  };
}

export function karbonRecord(k: KarbonRecordSpec, c: KarbonContext): KarbonContact | KarbonOrganization {
  const team = c.f.chance(0.85) ? { ClientOwner: `${c.f.pick(c.staff)}@harbourpine.com` } : {};
  const common = {
    ...(k.type ? { ContactType: k.type } : {}),
    ...(k.udi ? { UserDefinedIdentifier: k.udi } : {}),
    RestrictionLevel: 'Public' as const,
    ...team,
    LastModifiedDateTime: karbonTime(between(c.f, '2024-01-05T00:00:00Z', '2026-01-31T00:00:00Z'), c.f),
    ...(c.externalKey ? { ExternalKey: c.externalKey } : {}),
  };
  if (k.kind === 'organization') {
    return {
      OrganizationKey: c.key,
      FullName: k.name ?? '',
      ...common,
      BusinessCards: [card(k, c, 'Organization')],
    };
  }
  return {
    ContactKey: c.key,
    FirstName: k.first ?? '',
    ...(k.middle ? { MiddleName: k.middle } : {}),
    LastName: k.last ?? '',
    ...(k.preferred ? { PreferredName: k.preferred } : {}),
    ...(k.salutation ? { Salutation: k.salutation } : {}),
    ...common,
    BusinessCards: [card(k, c, 'Contact')],
  };
}

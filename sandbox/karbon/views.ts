// What the API returns for a record: the flat summary rows of the lists (no name parts, no
// cards; email, phone and address from the primary card), and the full DTO with BusinessCards,
// ClientTeam, ClientAccess or Contacts only when expanded. Fields the OpenAPI file types as plain
// strings are omitted when unset; those it types as nullable are given as null.
import { accountingDetailView } from './accounting';
import { dropUndefined, primaryCard } from './cards';
import type { KarbonBusinessCard, KarbonContact, KarbonOrganization } from './state';
import { type AnyRecord, fullNameOf } from './tenant';

type View = Record<string, unknown>;

function addressLine(card: KarbonBusinessCard | undefined): string | null {
  const a = card?.Addresses[0];
  if (!a) return null;
  const region = [a.StateProvinceCounty, a.ZipCode].filter(Boolean).join(' ');
  const parts = [a.AddressLines?.replace(/\r?\n/g, ', '), a.City, region, a.CountryCode].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}

/** The summary-row values `$filter` compares (KarbonService.*SummaryDTO), plus ExternalKey. */
export function summaryValue(rec: AnyRecord, property: string): string | null {
  const card = primaryCard(rec.BusinessCards);
  switch (property) {
    case 'FullName':
      return fullNameOf(rec);
    case 'EmailAddress':
      return card?.EmailAddresses[0] ?? null;
    case 'PhoneNumber':
      return card?.PhoneNumbers[0]?.Number ?? null;
    case 'ContactType':
      return rec.ContactType ?? null;
    case 'ExternalKey':
      return rec.ExternalKey ?? null;
    default:
      return null;
  }
}

export function contactSummary(c: KarbonContact): View {
  const card = primaryCard(c.BusinessCards);
  return dropUndefined({
    '@odata.type': '#KarbonService.ContactSummaryDTO',
    ContactKey: c.ContactKey,
    FullName: fullNameOf(c),
    PreferredName: c.PreferredName,
    Salutation: c.Salutation,
    ClientOwner: c.ClientOwner,
    ClientManager: c.ClientManager,
    Address: addressLine(card),
    EmailAddress: card?.EmailAddresses[0],
    PhoneNumber: card?.PhoneNumbers[0]?.Number ?? null,
    RoleOrTitle: card?.RoleOrTitle ?? undefined,
    ContactType: c.ContactType,
    UserDefinedIdentifier: c.UserDefinedIdentifier,
    LastModifiedDateTime: c.LastModifiedDateTime,
  });
}

export function organizationSummary(o: KarbonOrganization): View {
  const card = primaryCard(o.BusinessCards);
  return dropUndefined({
    '@odata.type': '#KarbonService.OrganizationSummaryDTO',
    OrganizationKey: o.OrganizationKey,
    FullName: o.FullName,
    PhoneNumber: card?.PhoneNumbers[0]?.Number ?? null,
    EmailAddress: card?.EmailAddresses[0],
    Website: card?.WebSites[0],
    ContactType: o.ContactType,
    LastModifiedDateTime: o.LastModifiedDateTime,
    UserDefinedIdentifier: o.UserDefinedIdentifier ?? null,
  });
}

/** A person as `$expand=Contacts` on an Organization lists them (KarbonAPI.json ContactsCardOrganization). */
function contactOfOrganization(c: KarbonContact, organizationKey: string): View {
  const card =
    c.BusinessCards.find((b) => b.OrganizationKey === organizationKey) ?? primaryCard(c.BusinessCards);
  return dropUndefined({
    ContactKey: c.ContactKey,
    FullName: fullNameOf(c),
    PreferredName: c.PreferredName,
    Salutation: c.Salutation,
    ClientOwner: c.ClientOwner ?? null,
    ClientManager: c.ClientManager ?? null,
    Address: addressLine(card),
    EmailAddress: card?.EmailAddresses[0],
    PhoneNumber: card?.PhoneNumbers[0]?.Number ?? null,
    RoleOrTitle: card?.RoleOrTitle ?? undefined,
    UserDefinedIdentifier: c.UserDefinedIdentifier,
    LastModifiedDateTime: c.LastModifiedDateTime,
  });
}

export interface FullViewOptions {
  base: string;
  expand: ReadonlySet<string>;
  /** PATCH answers without cards and with `AccountingDetail: null` (KarbonAPI.json PATCH 200). */
  patched?: boolean;
  /** People linked to this organization, for `$expand=Contacts`. */
  members?: () => KarbonContact[];
}

export function contactView(c: KarbonContact, o: FullViewOptions): View {
  return dropUndefined({
    '@odata.context': `${o.base}/$metadata#Contacts/KarbonService.ContactDTO/$entity`,
    '@odata.type': '#KarbonService.ContactDTO',
    ContactKey: c.ContactKey,
    FirstName: c.FirstName,
    MiddleName: c.MiddleName,
    LastName: c.LastName,
    PreferredName: c.PreferredName,
    Salutation: c.Salutation,
    Suffix: c.Suffix,
    ClientOwner: c.ClientOwner,
    ClientManager: c.ClientManager,
    ContactType: c.ContactType,
    // Required by the file's ContactDTO, typed as a string: "" when the record has none.
    UserDefinedIdentifier: c.UserDefinedIdentifier ?? '',
    RestrictionLevel: c.RestrictionLevel,
    AvatarUrl: c.AvatarUrl,
    LastModifiedDateTime: c.LastModifiedDateTime,
    EntityDescription: c.EntityDescription,
    AccountingDetail: o.patched
      ? null
      : accountingDetailView(c.AccountingDetail, {
          ContactPermaKey: c.ContactKey,
          OrganizationPermaKey: null,
        }),
    BusinessCards: o.expand.has('BusinessCards') ? structuredClone(c.BusinessCards) : undefined,
    ClientTeam: o.expand.has('ClientTeam') ? structuredClone(c.ClientTeam ?? []) : undefined,
    // Karbon for Clients access is read-only and never granted through the API.
    ClientAccess: o.expand.has('ClientAccess') ? [] : undefined,
  });
}

export function organizationView(org: KarbonOrganization, o: FullViewOptions): View {
  return dropUndefined({
    '@odata.context': `${o.base}/$metadata#Organizations/KarbonService.OrganizationDTO/$entity`,
    '@odata.type': '#KarbonService.OrganizationDTO',
    OrganizationKey: org.OrganizationKey,
    FullName: org.FullName,
    ClientOwner: org.ClientOwner,
    ClientManager: org.ClientManager,
    ContactType: org.ContactType,
    UserDefinedIdentifier: org.UserDefinedIdentifier ?? '',
    RestrictionLevel: org.RestrictionLevel,
    LastModifiedDateTime: org.LastModifiedDateTime,
    EntityDescription: org.EntityDescription,
    AccountingDetail: o.patched
      ? null
      : accountingDetailView(org.AccountingDetail, {
          ContactPermaKey: null,
          OrganizationPermaKey: org.OrganizationKey,
        }),
    BusinessCards: o.expand.has('BusinessCards') ? structuredClone(org.BusinessCards) : undefined,
    Contacts: o.expand.has('Contacts')
      ? (o.members?.() ?? []).map((c) => contactOfOrganization(c, org.OrganizationKey))
      : undefined,
    ClientTeam: o.expand.has('ClientTeam') ? structuredClone(org.ClientTeam ?? []) : undefined,
  });
}

/** GET /v3/BusinessCards/{key}: KarbonAPI.json types OrganizationKey and RoleOrTitle as strings here. */
export function cardView(card: KarbonBusinessCard, base: string): View {
  return dropUndefined({
    '@odata.context': `${base}/$metadata#BusinessCards/$entity`,
    '@odata.type': '#KarbonService.BusinessCardDTO',
    ...structuredClone(card),
    OrganizationKey: card.OrganizationKey ?? undefined,
    RoleOrTitle: card.RoleOrTitle ?? undefined,
  });
}

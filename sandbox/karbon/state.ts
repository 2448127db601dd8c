// The Karbon tenant the emulator serves, in Karbon's own JSON shape (KarbonAPI.json ContactDTO /
// OrganizationDTO with their BusinessCards). GET /__sandbox/state returns exactly this; PUT loads
// it (normalizeKarbonState fills keys and timestamps). Optional fields are absent when unset,
// the way the OpenAPI file types them (strings, not null).

export const ADDRESS_LABELS = ['Physical', 'Mailing', 'Legal', 'Home'] as const;
export const PHONE_LABELS = ['Work', 'Mobile', 'Office', 'Fax', 'Home', 'Other'] as const;
export const RESTRICTION_LEVELS = ['Public', 'Private', 'Hidden'] as const;
export type RestrictionLevel = (typeof RESTRICTION_LEVELS)[number];
export type EntityType = 'Contact' | 'Organization';

export interface KarbonContactType {
  Name: string;
  ContactTypeKey: string;
}

export interface KarbonAddress {
  /** A GUID (KarbonAPI.json BusinessCard.Addresses). */
  AddressKey: string;
  AddressLines?: string;
  City?: string;
  StateProvinceCounty?: string;
  ZipCode?: string;
  /** ISO 3166-1 alpha-2. */
  CountryCode?: string;
  Label?: string;
}

export interface KarbonPhoneNumber {
  /** A GUID. */
  PhoneNumberKey: string;
  Number?: string;
  /** ISO alpha-2 or a dialling prefix such as "+61" (Karbon's own 2022 tests send both). */
  CountryCode?: string;
  Label?: string;
}

export interface KarbonBusinessCard {
  BusinessCardKey: string;
  EntityType: EntityType;
  EntityKey: string;
  IsPrimaryCard: boolean;
  WebSites: string[];
  EmailAddresses: string[];
  /** Links a person to an organization; always null on an organization's own cards. */
  OrganizationKey: string | null;
  RoleOrTitle: string | null;
  FacebookLink?: string;
  LinkedInLink?: string;
  TwitterLink?: string;
  SkypeLink?: string;
  Addresses: KarbonAddress[];
  PhoneNumbers: KarbonPhoneNumber[];
}

export interface KarbonClientTeamMember {
  MemberKey: string;
  MemberType: 'User' | 'Team';
  RoleType: 'ClientOwner' | 'ClientManager' | 'UserDefinedRole1' | 'UserDefinedRole2' | null;
}

/** KarbonAPI.json DetailsOfAccounting: kept as sent (validated), returned on the full record. */
export type KarbonAccountingDetail = Record<string, unknown>;

interface KarbonRecordCommon {
  ClientOwner?: string;
  ClientManager?: string;
  ContactType?: string;
  UserDefinedIdentifier?: string;
  RestrictionLevel: RestrictionLevel;
  /** Newtonsoft-style UTC timestamp from the sandbox clock. */
  LastModifiedDateTime: string;
  EntityDescription?: { Text?: string };
  AccountingDetail?: KarbonAccountingDetail;
  ClientTeam?: KarbonClientTeamMember[];
  BusinessCards: KarbonBusinessCard[];
  /**
   * Sandbox-only: the QuickBooks customer id Karbon's own QuickBooks integration stored. The API
   * never returns it; `$filter=ExternalKey eq '...'` finds it.
   */
  ExternalKey?: string;
}

export interface KarbonContact extends KarbonRecordCommon {
  ContactKey: string;
  FirstName: string;
  MiddleName?: string;
  LastName: string;
  PreferredName?: string;
  Salutation?: string;
  Suffix?: string;
  AvatarUrl?: string;
}

export interface KarbonOrganization extends KarbonRecordCommon {
  OrganizationKey: string;
  FullName: string;
}

export interface KarbonState {
  ContactTypes: KarbonContactType[];
  Contacts: KarbonContact[];
  Organizations: KarbonOrganization[];
}

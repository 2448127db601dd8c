// Business cards as Karbon takes them (KarbonAPI.json BusinessCardRequest): field limits, label
// enums, ISO country codes, and the key rules — a card, address or phone sent with its existing
// key keeps it, one sent without a key (or with a key this card does not have) gets a new one.
import type { BodyReader } from './body';
import { ISO_ALPHA2 } from './countries';
import { badRequest, fail } from './errors';
import type { KeyMaker } from './keys';
import {
  ADDRESS_LABELS,
  type EntityType,
  type KarbonAddress,
  type KarbonBusinessCard,
  type KarbonPhoneNumber,
  PHONE_LABELS,
} from './state';

export const CARD_TYPE = 'KarbonService.BusinessCardDTO';
const CARD_PROPERTIES = [
  'BusinessCardKey',
  'EntityType',
  'EntityKey',
  'IsPrimaryCard',
  'WebSites',
  'EmailAddresses',
  'OrganizationKey',
  'RoleOrTitle',
  'FacebookLink',
  'LinkedInLink',
  'TwitterLink',
  'SkypeLink',
  'Addresses',
  'PhoneNumbers',
];
const ADDRESS_PROPERTIES = [
  'AddressKey',
  'AddressLines',
  'City',
  'StateProvinceCounty',
  'ZipCode',
  'CountryCode',
  'Label',
];
const PHONE_PROPERTIES = ['PhoneNumberKey', 'Number', 'CountryCode', 'Label'];
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

export interface CardContext {
  owner: { type: EntityType; key: string | null };
  /** The stored card this body replaces (its address and phone keys may be echoed). */
  existing?: KarbonBusinessCard;
  keys: KeyMaker;
  offListLabels: 'reject' | 'accept';
  organizationExists(key: string): boolean;
}

function label(
  r: BodyReader,
  allowed: readonly string[],
  policy: CardContext['offListLabels'],
): string | undefined {
  return policy === 'reject' ? r.oneOf('Label', allowed) : r.str('Label', 50);
}

function keepOrNew(sent: string | undefined, existing: Set<string>, keys: KeyMaker): string {
  if (sent !== undefined && existing.delete(sent)) return sent;
  return keys.guid();
}

function readAddress(r: BodyReader, c: CardContext, known: Set<string>): KarbonAddress {
  r.onlyProperties(ADDRESS_PROPERTIES);
  const country = r.str('CountryCode');
  if (country !== undefined && !ISO_ALPHA2.has(country)) {
    fail(
      badRequest(
        `Invalid value '${country}' for property '${r.path}CountryCode': expected an ISO 3166-1 alpha-2 code.`,
      ),
    );
  }
  const address: KarbonAddress = {
    AddressKey: keepOrNew(r.str('AddressKey'), known, c.keys),
    AddressLines: r.str('AddressLines', 200),
    City: r.str('City', 100),
    StateProvinceCounty: r.str('StateProvinceCounty', 100),
    ZipCode: r.str('ZipCode', 20),
    CountryCode: country,
    Label: label(r, ADDRESS_LABELS, c.offListLabels),
  };
  return dropUndefined(address);
}

function readPhone(r: BodyReader, c: CardContext, known: Set<string>): KarbonPhoneNumber {
  r.onlyProperties(PHONE_PROPERTIES);
  const number = r.str('Number', 20);
  if (number === undefined) fail(badRequest(`Required payload data is missing: ${r.path}Number`));
  const country = r.str('CountryCode');
  // Karbon's file says ISO alpha-2; its own 2022 tests send dialling prefixes ("+61"). Both pass.
  if (country !== undefined && !ISO_ALPHA2.has(country) && !/^\+\d{1,4}$/.test(country)) {
    fail(badRequest(`Invalid value '${country}' for property '${r.path}CountryCode'.`));
  }
  return dropUndefined({
    PhoneNumberKey: keepOrNew(r.str('PhoneNumberKey'), known, c.keys),
    Number: number,
    CountryCode: country,
    Label: label(r, PHONE_LABELS, c.offListLabels),
  });
}

/** Reads one card body; `cardKey` is the key the card keeps or gets. */
export function readCard(r: BodyReader, c: CardContext, cardKey: string): KarbonBusinessCard {
  r.onlyProperties(CARD_PROPERTIES);
  const entityType = r.oneOf('EntityType', ['Contact', 'Organization', 'ClientGroup'] as const);
  if (entityType !== undefined && entityType !== c.owner.type) {
    fail(
      badRequest(
        `${r.path}EntityType '${entityType}' does not match the business card's owner (${c.owner.type}).`,
      ),
    );
  }
  const entityKey = r.str('EntityKey');
  if (entityKey !== undefined && c.owner.key !== null && entityKey !== c.owner.key) {
    fail(badRequest(`${r.path}EntityKey '${entityKey}' does not match the business card's owner.`));
  }
  const organizationKey = r.str('OrganizationKey') ?? null;
  if (organizationKey !== null) {
    if (c.owner.type === 'Organization') {
      fail(badRequest(`${r.path}OrganizationKey must be null on an Organization's business card.`));
    }
    if (!c.organizationExists(organizationKey)) {
      fail(badRequest(`No organization exists with a key of ${organizationKey}.`));
    }
  }
  const emails = r.strings('EmailAddresses', (s, path) => {
    if (s.length > 254 || !EMAIL.test(s))
      fail(badRequest(`Invalid value for property '${path}': '${s}' is not a valid email address.`));
  });
  const addressKeys = new Set((c.existing?.Addresses ?? []).map((a) => a.AddressKey));
  const phoneKeys = new Set((c.existing?.PhoneNumbers ?? []).map((p) => p.PhoneNumberKey));
  return dropUndefined({
    BusinessCardKey: cardKey,
    EntityType: c.owner.type,
    EntityKey: c.owner.key ?? '',
    IsPrimaryCard: c.existing?.IsPrimaryCard ?? false,
    WebSites: r.strings('WebSites') ?? [],
    EmailAddresses: emails ?? [],
    OrganizationKey: organizationKey,
    RoleOrTitle: r.str('RoleOrTitle', 100) ?? null,
    FacebookLink: r.str('FacebookLink', 500),
    LinkedInLink: r.str('LinkedInLink', 500),
    TwitterLink: r.str('TwitterLink', 500),
    SkypeLink: r.str('SkypeLink', 500),
    Addresses: (r.objects('Addresses') ?? []).map((a) => readAddress(a, c, addressKeys)),
    PhoneNumbers: (r.objects('PhoneNumbers') ?? []).map((p) => readPhone(p, c, phoneKeys)),
  });
}

/** Exactly one primary card: the one the request marks, else the previous primary, else the first. */
export function settlePrimary(
  cards: KarbonBusinessCard[],
  marked: readonly boolean[],
  previousPrimary?: string,
): void {
  const flagged = cards.filter((_, i) => marked[i] === true);
  const primary =
    (flagged.length === 1 ? flagged[0] : undefined) ??
    cards.find((card) => card.BusinessCardKey === previousPrimary) ??
    cards[0];
  for (const card of cards) card.IsPrimaryCard = card === primary;
}

export function primaryCard(cards: readonly KarbonBusinessCard[]): KarbonBusinessCard | undefined {
  return cards.find((c) => c.IsPrimaryCard) ?? cards[0];
}

export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

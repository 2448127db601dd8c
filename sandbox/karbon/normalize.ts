// PUT /__sandbox/state (and --seed FILE) for Karbon: checks a tenant given in KarbonState's
// format and fills what the server would have made (keys, EntityType/EntityKey, the primary card,
// RestrictionLevel, LastModifiedDateTime). A bad seed fails with a message naming the path.
import { z } from 'zod';
import { readAccountingDetail } from './accounting';
import { BodyReader } from './body';
import { dropUndefined, settlePrimary } from './cards';
import { ISO_ALPHA2 } from './countries';
import { KarbonHttpError } from './errors';
import { type KeyMaker, PERMA_KEY } from './keys';
import type { KarbonBehaviour } from './options';
import {
  ADDRESS_LABELS,
  type EntityType,
  type KarbonAddress,
  type KarbonBusinessCard,
  type KarbonContact,
  type KarbonOrganization,
  type KarbonPhoneNumber,
  type KarbonState,
  PHONE_LABELS,
  RESTRICTION_LEVELS,
} from './state';
import { karbonTimestamp, parseTimestamp } from './time';

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const text = (max: number) => z.string().max(max).nullish();
const key = z.string().regex(PERMA_KEY, 'a 6–20 character alphanumeric key');
const country = z.string().refine((c) => ISO_ALPHA2.has(c), 'an ISO 3166-1 alpha-2 code');

const address = z.strictObject({
  AddressKey: z.string().min(1).optional(),
  AddressLines: text(200),
  City: text(100),
  StateProvinceCounty: text(100),
  ZipCode: text(20),
  CountryCode: country.nullish(),
  Label: z.string().nullish(),
});
const phone = z.strictObject({
  PhoneNumberKey: z.string().min(1).optional(),
  Number: z.string().min(1).max(20),
  CountryCode: z
    .string()
    .regex(/^([A-Z]{2}|\+\d{1,4})$/)
    .nullish(),
  Label: z.string().nullish(),
});
const card = z.strictObject({
  BusinessCardKey: key.optional(),
  EntityType: z.enum(['Contact', 'Organization']).optional(),
  EntityKey: z.string().optional(),
  IsPrimaryCard: z.boolean().optional(),
  WebSites: z.array(z.string()).optional(),
  EmailAddresses: z.array(z.string().regex(EMAIL, 'an email address')).optional(),
  OrganizationKey: z.string().nullish(),
  RoleOrTitle: text(100),
  FacebookLink: text(500),
  LinkedInLink: text(500),
  TwitterLink: text(500),
  SkypeLink: text(500),
  Addresses: z.array(address).optional(),
  PhoneNumbers: z.array(phone).optional(),
});
const common = {
  ClientOwner: text(255),
  ClientManager: text(255),
  ContactType: text(100),
  UserDefinedIdentifier: text(100),
  RestrictionLevel: z.enum(RESTRICTION_LEVELS).optional(),
  LastModifiedDateTime: z
    .string()
    .refine((s) => !Number.isNaN(parseTimestamp(s)), 'an ISO 8601 date-time')
    .optional(),
  EntityDescription: z.strictObject({ Text: z.string().optional() }).optional(),
  AccountingDetail: z.record(z.string(), z.unknown()).optional(),
  ClientTeam: z
    .array(
      z.strictObject({
        MemberKey: z.string().min(1),
        MemberType: z.enum(['User', 'Team']),
        RoleType: z.enum(['ClientOwner', 'ClientManager', 'UserDefinedRole1', 'UserDefinedRole2']).nullable(),
      }),
    )
    .optional(),
  BusinessCards: z.array(card).optional(),
  ExternalKey: z.string().min(1).optional(),
};
const stateSchema = z.strictObject({
  ContactTypes: z
    .array(
      z.union([
        z.string().min(1),
        z.strictObject({ Name: z.string().min(1), ContactTypeKey: key.optional() }),
      ]),
    )
    .optional(),
  Contacts: z
    .array(
      z.strictObject({
        ContactKey: key.optional(),
        FirstName: z.string().trim().min(1).max(100),
        MiddleName: text(100),
        LastName: z.string().trim().min(1).max(100),
        PreferredName: text(100),
        Salutation: text(50),
        Suffix: text(50),
        AvatarUrl: z.string().nullish(),
        ...common,
      }),
    )
    .optional(),
  Organizations: z
    .array(
      z.strictObject({
        OrganizationKey: key.optional(),
        FullName: z.string().trim().min(1).max(255),
        ...common,
      }),
    )
    .optional(),
});

type ParsedCard = z.infer<typeof card>;
const DEFAULT_CONTACT_TYPES = ['Client', 'Prospect', 'Supplier'];

class StateError extends Error {}
const wrong = (path: string, message: string): never => {
  throw new StateError(`karbon.${path}: ${message}`);
};

/** Nulls and empty strings mean "unset": the state keeps optional fields absent. */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === null || o[k] === '') delete o[k];
  return dropUndefined(o);
}

export function normalizeKarbonState(
  input: unknown,
  opts: { keys: KeyMaker; now: number; behaviour: KarbonBehaviour },
): KarbonState {
  const parsed = stateSchema.safeParse(input);
  if (!parsed.success) throw new Error(`karbon: ${z.prettifyError(parsed.error)}`);
  const s = parsed.data;
  const used = new Set<string>();
  const claim = (path: string, k: string | undefined): string => {
    const value = k ?? opts.keys.permaKey();
    if (used.has(value)) wrong(path, `key ${value} is used twice`);
    used.add(value);
    return value;
  };
  const contactTypes = (s.ContactTypes ?? DEFAULT_CONTACT_TYPES).map((t, i) => {
    const named = typeof t === 'string' ? { Name: t } : t;
    return { Name: named.Name, ContactTypeKey: claim(`ContactTypes[${i}]`, named.ContactTypeKey) };
  });
  if (new Set(contactTypes.map((t) => t.Name)).size !== contactTypes.length)
    wrong('ContactTypes', 'a name is listed twice');

  const orgKeys = new Set<string>();
  const udis = new Set<string>();
  const organizations = (s.Organizations ?? []).map((o, i) => {
    const k = claim(`Organizations[${i}].OrganizationKey`, o.OrganizationKey);
    orgKeys.add(k);
    return { ...o, OrganizationKey: k };
  });
  const contacts = (s.Contacts ?? []).map((c, i) => ({
    ...c,
    ContactKey: claim(`Contacts[${i}].ContactKey`, c.ContactKey),
  }));

  const finishCards = (
    path: string,
    type: EntityType,
    owner: string,
    cards: ParsedCard[],
  ): KarbonBusinessCard[] => {
    const out = cards.map((c, i) => {
      const at = `${path}.BusinessCards[${i}]`;
      if (c.EntityType && c.EntityType !== type) wrong(at, `EntityType must be ${type}`);
      if (c.EntityKey && c.EntityKey !== owner) wrong(at, `EntityKey must be ${owner}`);
      const org = c.OrganizationKey ?? null;
      if (org !== null && type === 'Organization')
        wrong(at, 'OrganizationKey must be null on an organization card');
      if (org !== null && !orgKeys.has(org))
        wrong(at, `OrganizationKey ${org} is not an organization in the state`);
      const labelOk = (l: string | null | undefined, list: readonly string[]) =>
        l == null || opts.behaviour.offListLabels === 'accept' || list.includes(l);
      const built: KarbonBusinessCard = {
        BusinessCardKey: claim(`${at}.BusinessCardKey`, c.BusinessCardKey),
        EntityType: type,
        EntityKey: owner,
        IsPrimaryCard: false,
        WebSites: c.WebSites ?? [],
        EmailAddresses: c.EmailAddresses ?? [],
        OrganizationKey: org,
        RoleOrTitle: c.RoleOrTitle || null,
        FacebookLink: c.FacebookLink || undefined,
        LinkedInLink: c.LinkedInLink || undefined,
        TwitterLink: c.TwitterLink || undefined,
        SkypeLink: c.SkypeLink || undefined,
        Addresses: (c.Addresses ?? []).map((a, j) => {
          if (!labelOk(a.Label, ADDRESS_LABELS))
            wrong(`${at}.Addresses[${j}].Label`, `must be one of ${ADDRESS_LABELS.join(', ')}`);
          return clean({ ...a, AddressKey: a.AddressKey ?? opts.keys.guid() }) as KarbonAddress;
        }),
        PhoneNumbers: (c.PhoneNumbers ?? []).map((p, j) => {
          if (!labelOk(p.Label, PHONE_LABELS))
            wrong(`${at}.PhoneNumbers[${j}].Label`, `must be one of ${PHONE_LABELS.join(', ')}`);
          return clean({ ...p, PhoneNumberKey: p.PhoneNumberKey ?? opts.keys.guid() }) as KarbonPhoneNumber;
        }),
      };
      return dropUndefined(built);
    });
    settlePrimary(
      out,
      cards.map((c) => c.IsPrimaryCard === true),
    );
    return out;
  };

  const finishCommon = <R extends (typeof organizations)[number] | (typeof contacts)[number]>(
    path: string,
    type: EntityType,
    owner: string,
    r: R,
  ) => {
    if (r.ContactType && !contactTypes.some((t) => t.Name === r.ContactType)) {
      wrong(`${path}.ContactType`, `'${r.ContactType}' is not one of karbon.ContactTypes`);
    }
    const udi = r.UserDefinedIdentifier?.trim().toLowerCase();
    if (udi) {
      if (udis.has(udi)) wrong(`${path}.UserDefinedIdentifier`, `'${r.UserDefinedIdentifier}' is used twice`);
      udis.add(udi);
    }
    let detail = r.AccountingDetail;
    if (detail) {
      try {
        detail = readAccountingDetail(new BodyReader(detail, '', 'AccountingDetail'));
      } catch (e) {
        const body = e instanceof KarbonHttpError ? JSON.stringify(e.response.body) : String(e);
        wrong(`${path}.AccountingDetail`, body);
      }
    }
    const stamp = r.LastModifiedDateTime;
    return {
      RestrictionLevel: r.RestrictionLevel ?? 'Public',
      LastModifiedDateTime: stamp?.endsWith('Z')
        ? stamp
        : karbonTimestamp(stamp ? parseTimestamp(stamp) : opts.now),
      AccountingDetail: detail,
      BusinessCards: finishCards(path, type, owner, r.BusinessCards ?? []),
    };
  };

  try {
    return {
      ContactTypes: contactTypes,
      Organizations: organizations.map(
        (o, i) =>
          clean({
            ...o,
            ...finishCommon(`Organizations[${i}]`, 'Organization', o.OrganizationKey, o),
          }) as KarbonOrganization,
      ),
      Contacts: contacts.map(
        (c, i) =>
          clean({ ...c, ...finishCommon(`Contacts[${i}]`, 'Contact', c.ContactKey, c) }) as KarbonContact,
      ),
    };
  } catch (e) {
    if (e instanceof StateError) throw new Error(e.message);
    throw e;
  }
}

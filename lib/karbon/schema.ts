// Wire shapes of Karbon API v3 (shared/spec/karbon-api.md; the OpenAPI file
// shared/reference/karbon/KarbonAPI.json wins for shapes). Loose objects: a full record must
// be echoed back on PUT with every field we do not own, so unknown fields are kept.
import { z } from 'zod';

const text = z.string().nullish();

/** What a list row carries for either kind (`GET /v3/Contacts`, `GET /v3/Organizations`). */
const summaryCommon = {
  FullName: z.string(),
  EmailAddress: text,
  PhoneNumber: text,
  ContactType: text,
  UserDefinedIdentifier: text,
  LastModifiedDateTime: z.string(),
};

export const ContactSummarySchema = z.looseObject({ ContactKey: z.string(), ...summaryCommon });

export const OrganizationSummarySchema = z.looseObject({ OrganizationKey: z.string(), ...summaryCommon });

export function listEnvelopeSchema<T extends z.ZodType>(row: T) {
  return z.looseObject({
    '@odata.count': z.number().optional(),
    '@odata.nextLink': z.string().optional(),
    value: z.array(row),
  });
}

export const PhoneNumberSchema = z.looseObject({
  PhoneNumberKey: text,
  Number: text,
  CountryCode: text,
  Label: text,
});
export type PhoneNumber = z.infer<typeof PhoneNumberSchema>;

export const AddressSchema = z.looseObject({
  AddressKey: text,
  AddressLines: text,
  City: text,
  StateProvinceCounty: text,
  ZipCode: text,
  CountryCode: text,
  Label: text,
});
export type Address = z.infer<typeof AddressSchema>;

export const BusinessCardSchema = z.looseObject({
  BusinessCardKey: text,
  IsPrimaryCard: z.boolean().nullish(),
  EmailAddresses: z.array(z.string()).nullish(),
  PhoneNumbers: z.array(PhoneNumberSchema).nullish(),
  Addresses: z.array(AddressSchema).nullish(),
});
export type BusinessCard = z.infer<typeof BusinessCardSchema>;

const recordCommon = {
  ContactType: text,
  UserDefinedIdentifier: text,
  LastModifiedDateTime: text,
  /** Present only with `$expand=BusinessCards` (absent, not empty, otherwise). */
  BusinessCards: z.array(BusinessCardSchema).optional(),
};

export const ContactRecordSchema = z.looseObject({
  ContactKey: z.string(),
  FirstName: text,
  MiddleName: text,
  LastName: text,
  ...recordCommon,
});
export type ContactRecord = z.infer<typeof ContactRecordSchema>;

export const OrganizationRecordSchema = z.looseObject({
  OrganizationKey: z.string(),
  FullName: text,
  ...recordCommon,
});
export type OrganizationRecord = z.infer<typeof OrganizationRecordSchema>;

/** ContactTypes are objects `{Name, ContactTypeKey}` in the spec, plain strings in one guide. */
export const TenantSettingsSchema = z.looseObject({
  ContactTypes: z
    .array(z.union([z.string(), z.looseObject({ Name: z.string() })]))
    .optional()
    .transform((list) => (list ?? []).map((t) => (typeof t === 'string' ? t : t.Name))),
  TenantKey: text,
  /** Not in Karbon's spec; read when a server sends it. */
  TenantName: text,
});

/** `{"error":{"code","message"}}` from the API itself. */
export const AppErrorSchema = z.looseObject({
  error: z.looseObject({
    code: z.union([z.string(), z.number()]).transform(String).optional(),
    message: text,
  }),
});

/** `{"statusCode","message"}` from the gateway (401, 429, unknown route). */
export const GatewayErrorSchema = z.looseObject({
  statusCode: z.union([z.string(), z.number()]).transform(String),
  message: text,
});

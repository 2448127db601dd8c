import { faults } from './faults';

export type JsonObject = Record<string, unknown>;

type Spec =
  | { kind: 'name'; max: number }
  | { kind: 'text'; max: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'bool' }
  | { kind: 'email' }
  | { kind: 'phone' }
  | { kind: 'web' }
  | { kind: 'address' }
  | { kind: 'ref' }
  /** Server-owned: accepted on input (clients echo what they read) and ignored. */
  | { kind: 'readonly' };

/**
 * Writable Customer fields and their limits (qbo-notes §3.1, the current API reference).
 * Anything not listed is refused with 2010, as Intuit's deserializer refuses unknown
 * properties ("Unrecognized field ... not marked as ignorable").
 */
export const CUSTOMER_FIELDS: Record<string, Spec> = {
  DisplayName: { kind: 'name', max: 500 },
  Title: { kind: 'name', max: 16 },
  GivenName: { kind: 'name', max: 100 },
  MiddleName: { kind: 'name', max: 100 },
  FamilyName: { kind: 'name', max: 100 },
  Suffix: { kind: 'name', max: 16 },
  PrintOnCheckName: { kind: 'name', max: 110 },
  CompanyName: { kind: 'text', max: 100 },
  Notes: { kind: 'text', max: 2000 },
  ResaleNum: { kind: 'text', max: 16 },
  AcctNum: { kind: 'text', max: 100 },
  BusinessNumber: { kind: 'text', max: 10 },
  PrimaryTaxIdentifier: { kind: 'text', max: 20 },
  SecondaryTaxIdentifier: { kind: 'text', max: 20 },
  GSTIN: { kind: 'text', max: 15 },
  GSTRegistrationType: { kind: 'text', max: 50 },
  TaxExemptionReasonId: { kind: 'text', max: 3 },
  PreferredDeliveryMethod: { kind: 'enum', values: ['Print', 'Email', 'None'] },
  PrimaryEmailAddr: { kind: 'email' },
  PrimaryPhone: { kind: 'phone' },
  AlternatePhone: { kind: 'phone' },
  Mobile: { kind: 'phone' },
  Fax: { kind: 'phone' },
  WebAddr: { kind: 'web' },
  BillAddr: { kind: 'address' },
  ShipAddr: { kind: 'address' },
  Active: { kind: 'bool' },
  Job: { kind: 'bool' },
  BillWithParent: { kind: 'bool' },
  Taxable: { kind: 'bool' },
  ParentRef: { kind: 'ref' },
  CurrencyRef: { kind: 'ref' },
  DefaultTaxCodeRef: { kind: 'ref' },
  SalesTermRef: { kind: 'ref' },
  PaymentMethodRef: { kind: 'ref' },
  CustomerTypeRef: { kind: 'ref' },
  ARAccountRef: { kind: 'ref' },
  MetaData: { kind: 'readonly' },
  domain: { kind: 'readonly' },
  status: { kind: 'readonly' },
  FullyQualifiedName: { kind: 'readonly' },
  Level: { kind: 'readonly' },
  V4IDPseudonym: { kind: 'readonly' },
  Balance: { kind: 'readonly' },
  BalanceWithJobs: { kind: 'readonly' },
  OpenBalanceDate: { kind: 'readonly' },
  IsProject: { kind: 'readonly' },
  RootCustomerRef: { kind: 'readonly' },
};

/** Name fields that may not hold ':', tab or newline (qbo-notes §3.3). */
export const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;

const ADDRESS_FIELDS: Record<string, number> = {
  Line1: 500,
  Line2: 500,
  Line3: 500,
  Line4: 500,
  Line5: 500,
  City: 255,
  Country: 255,
  CountrySubDivisionCode: 255,
  PostalCode: 30,
  Lat: 100,
  Long: 100,
};

/**
 * Checks a Customer body field by field. The result holds only writable fields; a field sent
 * as null or "" comes back as null ("clear it", meaningful for sparse updates).
 */
export function validateCustomerFields(input: JsonObject, entity = 'Customer'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'Id' || key === 'SyncToken' || key === 'sparse') continue;
    const spec = CUSTOMER_FIELDS[key];
    if (!spec) throw unrecognized(key, entity);
    if (spec.kind === 'readonly') continue;
    if (value === null || value === '') {
      out[key] = null;
      continue;
    }
    out[key] = checkField(key, spec, value, entity);
  }
  return out;
}

function checkField(
  key: string,
  spec: Exclude<Spec, { kind: 'readonly' }>,
  value: unknown,
  entity: string,
): unknown {
  switch (spec.kind) {
    case 'name':
      return checkName(key, checkString(key, value, spec.max, entity));
    case 'text':
      return checkString(key, value, spec.max, entity);
    case 'enum': {
      const s = checkString(key, value, 100, entity);
      if (!spec.values.includes(s)) {
        throw faults.businessValidation(`${key} must be one of ${spec.values.join(', ')}`, key);
      }
      return s;
    }
    case 'bool':
      if (typeof value !== 'boolean') throw wrongType(key, 'a boolean', entity);
      return value;
    case 'email': {
      const addr = subObject(key, value, ['Address'], 'EmailAddress', entity).Address;
      if (addr === undefined || addr === null || addr === '') return null;
      const s = checkString(`${key}.Address`, addr, 100, entity);
      // Several addresses may share the field, comma-separated; each must look like one.
      const parts = s.split(',').map((p) => p.trim());
      if (parts.some((p) => !p.includes('@') || !p.includes('.')))
        throw faults.invalidEmail(`${key}.Address`);
      return { Address: s };
    }
    case 'phone': {
      const n = subObject(key, value, ['FreeFormNumber'], 'TelephoneNumber', entity).FreeFormNumber;
      if (n === undefined || n === null || n === '') return null;
      return { FreeFormNumber: checkString(`${key}.FreeFormNumber`, n, 30, entity) };
    }
    case 'web': {
      const uri = subObject(key, value, ['URI'], 'WebSiteAddress', entity).URI;
      if (uri === undefined || uri === null || uri === '') return null;
      return { URI: checkString(`${key}.URI`, uri, 1000, entity) };
    }
    case 'ref': {
      const ref = subObject(key, value, ['value', 'name', 'type'], 'ReferenceType', entity);
      if (ref.value === undefined || ref.value === null || ref.value === '') {
        throw faults.requiredParam(`${key}.value`, key);
      }
      const out: Record<string, string> = { value: checkString(`${key}.value`, ref.value, 100, entity) };
      if (typeof ref.name === 'string' && ref.name !== '') out.name = ref.name;
      return out;
    }
    case 'address': {
      const addr = subObject(key, value, ['Id', ...Object.keys(ADDRESS_FIELDS)], 'PhysicalAddress', entity);
      const out: Record<string, string> = {};
      for (const [sub, v] of Object.entries(addr)) {
        if (v === null || v === undefined || v === '') continue;
        const max = ADDRESS_FIELDS[sub] ?? 20;
        out[sub] = checkString(
          `${key}.${sub}`,
          typeof v === 'number' && sub !== 'Id' ? String(v) : v,
          max,
          entity,
        );
      }
      const content = Object.keys(out).filter((k) => k !== 'Id');
      return content.length === 0 ? null : out;
    }
  }
}

function checkString(key: string, value: unknown, max: number, entity: string): string {
  if (typeof value !== 'string') throw wrongType(key, 'a string', entity);
  const length = [...value].length;
  if (length > max) throw faults.stringLength(key, max, length);
  return value;
}

export function checkName(key: string, value: string): string {
  if (/[:\t\r\n]/.test(value)) {
    throw faults.businessValidation(`${key} cannot contain a colon (:), a tab or a newline.`, key);
  }
  return value;
}

function subObject(
  key: string,
  value: unknown,
  allowed: string[],
  schemaClass: string,
  entity: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw wrongType(key, 'an object', entity);
  const record = Object.fromEntries(Object.entries(value));
  for (const sub of Object.keys(record)) {
    if (!allowed.includes(sub)) throw unrecognized(sub, schemaClass);
  }
  return record;
}

function unrecognized(field: string, entity: string) {
  return faults.unsupportedProperty(
    `Unrecognized field "${field}" (class com.intuit.schema.finance.v3.${entity}), not marked as ignorable`,
  );
}

function wrongType(field: string, expected: string, entity: string) {
  return faults.unsupportedProperty(`${entity}.${field} must be ${expected}`);
}

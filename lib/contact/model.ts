// The canonical contact: everything the engine knows about a client passes through this shape.
// Fields are flat strings ('' = blank) so three-way change detection compares like with like.

export type ContactKind = 'person' | 'organization';

/** Every field that syncs between a QuickBooks Customer and a Karbon primary business card. */
export const SYNC_FIELDS = [
  'firstName',
  'middleName',
  'lastName',
  'organizationName',
  'email',
  'phoneWork',
  'phoneMobile',
  'phoneOther',
  'phoneFax',
  'physicalLines',
  'physicalCity',
  'physicalRegion',
  'physicalPostalCode',
  'physicalCountry',
  'mailingLines',
  'mailingCity',
  'mailingRegion',
  'mailingPostalCode',
  'mailingCountry',
] as const;

export type SyncField = (typeof SYNC_FIELDS)[number];
export type ContactFields = Record<SyncField, string>;

export interface Contact {
  kind: ContactKind;
  /**
   * Person: firstName/middleName/lastName (organizationName may hold the employer).
   * Organization: organizationName. `email` holds every address, joined by ", ".
   * Address lines are joined by "\n".
   */
  fields: ContactFields;
  /** Karbon's Contact Type ('' when unknown or on the QuickBooks side). */
  contactType: string;
}

export function emptyFields(): ContactFields {
  return Object.fromEntries(SYNC_FIELDS.map((f) => [f, ''])) as ContactFields;
}

export function makeContact(kind: ContactKind, fields: Partial<ContactFields>, contactType = ''): Contact {
  const all = emptyFields();
  for (const f of SYNC_FIELDS) {
    const v = fields[f];
    if (v !== undefined) all[f] = v.trim();
  }
  return { kind, fields: all, contactType };
}

/** The name a person reads: "First Middle Last" or the organization name. */
export function displayNameOf(c: Contact): string {
  if (c.kind === 'organization') return c.fields.organizationName;
  return [c.fields.firstName, c.fields.middleName, c.fields.lastName].filter(Boolean).join(' ');
}

/** Split an email field ("a@x.com, b@y.com" or with ";") into trimmed addresses, order kept. */
export function splitEmails(value: string): string[] {
  return value
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function joinEmails(addresses: readonly string[]): string {
  return addresses
    .map((s) => s.trim())
    .filter(Boolean)
    .join(', ');
}

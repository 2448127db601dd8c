// The bodies the Karbon port sends: a new record (POST) and a whole record written back (PUT).
// Pure, so the port is left with the requests, retries and lookups around them.
import type { Contact } from '../contact';
import type { KarbonKind } from '../sync/ports';
import {
  applyToCard,
  cardChanges,
  type KarbonFullRecord,
  newCard,
  primaryCard,
  type RecordChanges,
} from './mapper';
import type { BusinessCard } from './schema';

/** What Karbon sets itself or reports beside a record: never sent back in a PUT. */
const READ_ONLY = new Set([
  'ContactKey',
  'OrganizationKey',
  'LastModifiedDateTime',
  'AvatarUrl',
  'ClientAccess',
  'Contacts',
]);

/** A new record carrying the QuickBooks id as its UserDefinedIdentifier; no card when nothing would go on it. */
export function createBody(kind: KarbonKind, contact: Contact, udi: string): Record<string, unknown> {
  const f = contact.fields;
  const card = newCard(f);
  const hasCard = Boolean(card.EmailAddresses?.length || card.PhoneNumbers?.length || card.Addresses?.length);
  const body: Record<string, unknown> =
    kind === 'contact'
      ? { FirstName: f.firstName, MiddleName: f.middleName || undefined, LastName: f.lastName }
      : { FullName: f.organizationName };
  if (contact.contactType) body.ContactType = contact.contactType;
  body.UserDefinedIdentifier = udi;
  if (hasCard) body.BusinessCards = [card];
  return body;
}

/** The PUT body: the record as read, less server fields, with the engine's fields changed. */
export function putBody(full: KarbonFullRecord, changes: RecordChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(full.record)) {
    if (k.startsWith('@odata') || READ_ONLY.has(k)) continue;
    body[k] = v;
  }
  if (full.kind === 'contact') {
    if (changes.firstName !== undefined) body.FirstName = changes.firstName;
    if (changes.middleName !== undefined) body.MiddleName = changes.middleName;
    if (changes.lastName !== undefined) body.LastName = changes.lastName;
  } else if (changes.organizationName !== undefined) {
    body.FullName = changes.organizationName;
  }
  if (changes.contactType !== undefined) body.ContactType = changes.contactType;
  const onCard = cardChanges(changes);
  if (Object.keys(onCard).length === 0) {
    delete body.BusinessCards; // left out, Karbon keeps every card as it is
    return body;
  }
  const cards: BusinessCard[] = [...(full.record.BusinessCards ?? [])];
  const primary = primaryCard(cards);
  const i = primary ? cards.indexOf(primary) : -1;
  if (primary) cards[i] = applyToCard(primary, onCard);
  else
    cards.push(
      applyToCard({ IsPrimaryCard: true, EmailAddresses: [], PhoneNumbers: [], Addresses: [] }, onCard),
    );
  body.BusinessCards = cards;
  return body;
}

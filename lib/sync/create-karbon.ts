// Creating a customer in Karbon so that no retry, restart or crash ever makes a second record:
//   1. the intent is stored before the POST;
//   2. the record carries a UserDefinedIdentifier derived from the QuickBooks id (unique per
//      tenant: a second create with it fails with 5001, and list rows show it);
//   3. when the POST's fate is unknown (dropped connection, 5xx) or Karbon says the identifier
//      is taken, the record is looked up by its identifier and linked if it exists;
//   4. a create whose earlier attempt is still pending (the run stopped before the answer) is
//      looked up the same way before it is sent again. (The planner already links a record
//      whose list row carries the identifier, so this is the second line of defence.)
import { type Contact, makeContact } from '../contact/model';
import type { IntentRow } from '../db/rows';
import { RejectedWriteError, ServiceUnavailableError } from '../errors';
import { IncompleteNameError, stopsTheRun } from './describe-error';
import { hasKarbonPersonName, karbonPersonName } from './karbon-name';
import { type ExecContext, linkPair } from './link-pair';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';

export interface CreateArgs {
  customer: QuickBooksCustomer;
  kind: KarbonKind;
  contactType: string;
  identifier: string;
  linkedBy: 'auto' | 'person';
  itemId: string | null;
}

export function intentId(identifier: string): string {
  return `create-karbon:${identifier}`;
}

export async function createInKarbon(x: ExecContext, args: CreateArgs): Promise<void> {
  const { customer, kind, identifier } = args;
  // A person's "create new" on a name Karbon cannot hold: said plainly, nothing sent or stored.
  if (kind === 'contact' && !hasKarbonPersonName(customer))
    throw new IncompleteNameError(customer.displayName);
  const contact = contactForKarbon(customer, kind, args.contactType);
  const id = intentId(identifier);
  const previous = await x.db.intents.get(id);
  const intent: IntentRow = {
    id,
    kind: 'create-karbon',
    runId: x.recorder.id,
    status: 'pending',
    createdAt: previous?.createdAt ?? x.now().toISOString(),
    attempts: (previous?.attempts ?? 0) + 1,
    quickBooksId: customer.id,
    karbonKey: null,
    karbonKind: kind,
    identifier,
    linkedBy: args.linkedBy,
    duplicateItemId: args.itemId,
    error: null,
  };
  await x.db.intents.put(intent);

  // An earlier attempt whose answer never came (run stopped, connection dropped): look before retrying.
  if (previous?.status === 'pending') {
    const existing = await x.karbon.findByUserDefinedIdentifier(kind, identifier);
    if (existing && (await mayLink(x, customer.id, existing.key))) {
      await finishCreate(x, args, intent, existing, false);
      return;
    }
  }
  let record: KarbonRecord | null;
  let created = true;
  try {
    record = await x.karbon.createRecord(kind, contact, identifier);
  } catch (err) {
    const fateUnknown = err instanceof ServiceUnavailableError;
    const identifierTaken = err instanceof RejectedWriteError && err.code === '5001';
    if (!fateUnknown && !identifierTaken) {
      await x.db.intents.put({
        ...intent,
        status: 'failed',
        error: err instanceof Error ? err.name : 'Error',
      });
      if (stopsTheRun(err)) throw err;
      x.recorder.error(customer.id, err);
      return;
    }
    // The request may have landed: ask before anything else. If Karbon cannot answer either,
    // the intent stays pending and the next run asks again.
    record = await x.karbon.findByUserDefinedIdentifier(kind, identifier);
    created = false;
    if (record && !(await mayLink(x, customer.id, record.key))) {
      // Held by a record a person unlinked from this customer, or linked elsewhere: not ours to take.
      await x.db.intents.put({ ...intent, status: 'failed', error: 'identifier held by another record' });
      x.recorder.error(customer.id, err);
      return;
    }
    if (!record) {
      if (fateUnknown) throw err;
      await x.db.intents.put({
        ...intent,
        status: 'failed',
        error: 'identifier taken by an unreadable record',
      });
      x.recorder.error(customer.id, err);
      return;
    }
  }
  await finishCreate(x, args, intent, record, created);
}

async function mayLink(x: ExecContext, quickBooksId: string, karbonKey: string): Promise<boolean> {
  if (await x.db.unlinks.get([quickBooksId, karbonKey])) return false;
  const holder = await x.db.links.where('karbonKey').equals(karbonKey).first();
  return !holder || holder.quickBooksId === quickBooksId;
}

async function finishCreate(
  x: ExecContext,
  args: CreateArgs,
  intent: IntentRow,
  record: KarbonRecord,
  createdNow: boolean,
): Promise<void> {
  if (createdNow) {
    await x.recorder.change({
      action: 'create',
      side: 'karbon',
      quickBooksId: args.customer.id,
      karbonKey: record.key,
      karbonKind: args.kind,
      field: null,
      before: null,
      after: nonBlank(record.contact),
      note: `created as ${args.kind === 'organization' ? 'an organization' : 'a person'} with Contact Type "${args.contactType}"`,
    });
  } else {
    await x.recorder.change({
      action: 'create',
      side: 'karbon',
      quickBooksId: args.customer.id,
      karbonKey: record.key,
      karbonKind: args.kind,
      field: null,
      before: null,
      after: nonBlank(record.contact),
      note: `found by its identifier ${args.identifier} after an interrupted create; not created again`,
    });
  }
  x.recorder.count('createdInKarbon');
  await linkPair(x, {
    customer: args.customer,
    kind: args.kind,
    key: record.key,
    how: 'created-in-karbon',
    linkedBy: args.linkedBy,
    itemId: args.itemId,
    record,
    createdInKarbon: true,
  });
  await x.db.intents.put({ ...intent, status: 'done', karbonKey: record.key });
}

function nonBlank(c: Contact): Record<string, string> {
  return Object.fromEntries(Object.entries(c.fields).filter(([, v]) => v !== ''));
}

/**
 * The customer as a new Karbon record. Karbon needs a FirstName and a LastName for a person:
 * when QuickBooks holds only a DisplayName they are taken from it (lib/sync/karbon-name.ts).
 */
export function contactForKarbon(c: QuickBooksCustomer, kind: KarbonKind, contactType: string): Contact {
  const f = c.contact.fields;
  if (kind === 'organization') {
    return makeContact(
      'organization',
      { ...f, organizationName: f.organizationName || c.displayName },
      contactType,
    );
  }
  const { first, last } = karbonPersonName(c);
  return makeContact('person', { ...f, firstName: first, lastName: last }, contactType);
}

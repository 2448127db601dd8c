// Creating a customer in Karbon so that no retry, restart or crash ever makes a second record:
//   1. the intent is stored before the POST;
//   2. the record carries a UserDefinedIdentifier derived from the QuickBooks id (unique per
//      tenant: a second create with it fails with 5001, and list rows show it);
//   3. when the POST's fate is unknown (dropped connection, 5xx) or Karbon says the identifier
//      is taken, the record is looked up by its identifier and linked if it exists;
//   4. a create whose earlier attempt is still pending (the run stopped before the answer) is
//      looked up the same way before it is sent again. (The planner already links a record
//      whose list row carries the identifier, so this is the second line of defence.)
import type { Contact } from '../contact/model';
import type { DuplicateRefusal, IntentRow } from '../db/rows';
import { RejectedWriteError, ServiceUnavailableError } from '../errors';
import { IncompleteNameError, RefusedValueError, stopsTheRun } from './describe-error';
import { customerFingerprint } from './fingerprint';
import { sameIdentifier } from './identity';
import { contactForKarbon, hasKarbonPersonName } from './karbon-name';
import { type ExecContext, linkPair } from './link-pair';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';
import { karbonCreateRefusal, refusalOfAnswer } from './refused-values';
import { upsertItem } from './twoway-items';

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
  // A value Karbon does not accept: refused here with what to correct, nothing sent.
  const refused = karbonCreateRefusal(customer, kind);
  if (refused) throw new RefusedValueError(refused.sentence);
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
      // Refused for a value only Karbon could judge: the customer waits with Karbon's answer
      // rather than being refused again on every run; a person deciding sees the sentence.
      if (err instanceof RejectedWriteError && args.linkedBy === 'auto') {
        await waitWithRefusal(x, customer, refusalOfAnswer(err));
        return;
      }
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
  intent: IntentRow | null,
  record: KarbonRecord,
  createdNow: boolean,
): Promise<void> {
  // Stopped between recording the create and linking it: the create is already in the history.
  const recorded = createdNow ? undefined : await recordedCreate(x, record.key);
  if (!recorded) {
    await x.recorder.change({
      action: 'create',
      side: 'karbon',
      quickBooksId: args.customer.id,
      karbonKey: record.key,
      karbonKind: args.kind,
      field: null,
      before: null,
      after: nonBlank(record.contact),
      note: createdNow
        ? `created as ${args.kind === 'organization' ? 'an organization' : 'a person'} with Contact Type "${args.contactType}"`
        : `found by its identifier ${args.identifier} after an interrupted create; not created again`,
    });
  }
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
  if (intent) await x.db.intents.put({ ...intent, status: 'done', karbonKey: record.key });
}

function recordedCreate(x: ExecContext, karbonKey: string) {
  return x.db.changes
    .where('karbonKey')
    .equals(karbonKey)
    .filter((c) => c.action === 'create' && c.side === 'karbon')
    .first();
}

export interface FoundByIdentifier {
  customer: QuickBooksCustomer;
  kind: KarbonKind;
  key: string;
  /** The UserDefinedIdentifier the record's list row carries. */
  identifier: string;
  itemId: string | null;
  record?: KarbonRecord | null;
}

/**
 * A record the planner found by our identifier, linked as what it is: when this engine's create
 * of it was never linked — its intent is still pending (the run stopped between the POST and the
 * link), or, in a resumed run, no intent and no create of it was stored at all (the CLI saves
 * its state about once a second, so a kill can lose the last second) — it is the run's create,
 * recorded and counted as one, not a new link. Returns false for an ordinary identifier link.
 */
export async function linkInterruptedCreate(x: ExecContext, found: FoundByIdentifier): Promise<boolean> {
  const intent = await pendingIntent(x, found.customer.id, found.identifier);
  if (!intent) {
    if (!x.recorder.run.resumedAt) return false;
    if (await x.db.intents.get(intentId(found.identifier))) return false;
    if (await recordedCreate(x, found.key)) return false;
  }
  const record = found.record ?? (await x.karbon.getRecord(found.kind, found.key));
  if (!record) return false;
  const args: CreateArgs = {
    customer: found.customer,
    kind: found.kind,
    contactType: record.contact.contactType,
    identifier: found.identifier,
    linkedBy: intent?.linkedBy ?? 'auto',
    itemId: found.itemId ?? intent?.duplicateItemId ?? null,
  };
  await finishCreate(x, args, intent, record, false);
  return true;
}

async function pendingIntent(
  x: ExecContext,
  quickBooksId: string,
  identifier: string,
): Promise<IntentRow | null> {
  const exact = await x.db.intents.get(intentId(identifier));
  if (exact) return exact.status === 'pending' ? exact : null;
  // Karbon compares identifiers without regard to case; the intent holds them as sent.
  const pending = await x.db.intents.where('status').equals('pending').toArray();
  return (
    pending.find(
      (i) =>
        i.kind === 'create-karbon' &&
        i.quickBooksId === quickBooksId &&
        sameIdentifier(i.identifier, identifier),
    ) ?? null
  );
}

function nonBlank(c: Contact): Record<string, string> {
  return Object.fromEntries(Object.entries(c.fields).filter(([, v]) => v !== ''));
}

/** The customer waits in Resolve duplicates with what Karbon refused (the planner keeps it there). */
async function waitWithRefusal(
  x: ExecContext,
  c: QuickBooksCustomer,
  refused: DuplicateRefusal,
): Promise<void> {
  await upsertItem(x, {
    origin: 'quickbooks',
    sourceId: c.id,
    sourceKind: c.contact.kind,
    name: c.displayName,
    email: c.contact.fields.email,
    why: 'value-refused',
    candidates: [],
    fingerprint: customerFingerprint(c),
    refused,
  });
}

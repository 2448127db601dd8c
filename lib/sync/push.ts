// Performing a push plan (push-plan.ts): links, creates in QuickBooks, waiting items.
// A customer is created so that no retry, restart or crash makes a second one:
//   1. the intent (with its requestid) is stored before the POST;
//   2. QuickBooks replays the first answer for a repeated requestid (qbo-api.md), so a create
//      whose answer was lost is simply sent again with the same requestid;
//   3. the DisplayName is checked first (customers, vendors, employees): a clash — or a 6240
//      from QuickBooks — makes the item wait with the clash explained and a free name suggested.
import { displayNameOf } from '../contact/model';
import type { IntentRow } from '../db/rows';
import { NameClashError, RejectedWriteError, ServiceUnavailableError } from '../errors';
import { mapLimit } from './concurrency';
import { stopsTheRun } from './describe-error';
import { quickBooksDisplayName } from './display-name';
import { karbonRef } from './identity';
import { type ExecContext, linkPair } from './link-pair';
import { checkDisplayName, type NameClash } from './name-clash';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';
import { type PushOperation, planPush } from './push-plan';
import { closeItemOf, upsertItem } from './twoway-items';

const READ_CONCURRENCY = 4;

export function pushIntentId(kind: KarbonKind, key: string): string {
  return `create-quickbooks:${kind}:${key}`;
}

/** QuickBooks creates whose answer never came (a run stopped or a connection dropped). */
export async function pendingCreates(x: Pick<ExecContext, 'db'>): Promise<IntentRow[]> {
  return (await x.db.intents.where('status').equals('pending').toArray()).filter(
    (i) => i.kind === 'create-quickbooks' && i.karbonKey !== null,
  );
}

/**
 * Send again the QuickBooks creates whose answer never came, before anything else reads or
 * matches: QuickBooks replays a landed create for the same requestid, so the customer is linked
 * to its Karbon contact instead of being taken for a new, unlinked customer.
 */
export async function replayPendingCreates(x: ExecContext): Promise<string[]> {
  const pending = await pendingCreates(x);
  if (pending.length === 0) return [];
  const records = await readRecords(
    x,
    pending.map((i) => ({ kind: i.karbonKind, key: i.karbonKey ?? '' })),
  );
  const failed: string[] = [];
  for (const record of records) {
    try {
      await createInQuickBooks(x, record, { itemId: null, linkedBy: 'auto' });
    } catch (err) {
      if (stopsTheRun(err)) throw err;
      x.recorder.error(record.key, err);
      failed.push(karbonRef(record.kind, record.key));
    }
  }
  return failed;
}

/** Full records of the given refs (gone ones left out). */
export async function readRecords(
  x: ExecContext,
  refs: ReadonlyArray<{ kind: KarbonKind; key: string }>,
): Promise<KarbonRecord[]> {
  const records = await mapLimit(refs, READ_CONCURRENCY, (r) => x.karbon.getRecord(r.kind, r.key));
  return records.filter((r): r is KarbonRecord => r !== null && !r.archived);
}

/**
 * Match the records against QuickBooks and perform the outcome. `customers` is every customer
 * when the run already read them all; otherwise they are read here (1000 a request).
 * Returns the refs whose push failed (to visit again next run).
 */
export async function pushRecords(
  x: ExecContext,
  records: readonly KarbonRecord[],
  customers?: readonly QuickBooksCustomer[],
): Promise<string[]> {
  if (records.length === 0) return [];
  await x.recorder.progress('pushing', 0, records.length);
  const all = customers ?? (await x.quickbooks.listCustomers({ includeInactive: true }));
  const [links, unlinks, open, skipped, pending] = await Promise.all([
    x.db.links.toArray(),
    x.db.unlinks.toArray(),
    x.db.duplicates.where('status').equals('open').toArray(),
    x.db.duplicates.where('status').equals('skipped').toArray(),
    pendingCreates(x),
  ]);
  const ops = planPush({
    records,
    customers: all,
    links,
    unlinks,
    items: [...open, ...skipped].filter((i) => i.origin === 'karbon' && i.why !== 'name-clash'),
    fuzzyThreshold: x.settings.fuzzyReview ? x.settings.fuzzyThreshold : null,
    pendingCreates: new Set(pending.map((i) => karbonRef(i.karbonKind, i.karbonKey ?? ''))),
  });
  const byId = new Map(all.map((c) => [c.id, c]));
  const failed: string[] = [];
  let done = 0;
  for (const op of ops) {
    try {
      await perform(x, op, byId);
    } catch (err) {
      if (stopsTheRun(err)) throw err;
      x.recorder.error(op.record.key, err);
      failed.push(karbonRef(op.record.kind, op.record.key));
    }
    await x.recorder.progress('pushing', ++done, ops.length);
  }
  return failed;
}

async function perform(x: ExecContext, op: PushOperation, customers: Map<string, QuickBooksCustomer>) {
  const { record } = op;
  if (op.type === 'leave-out') {
    if (op.reason === 'linked') await closeItemOf(x, 'karbon', record.key, 'automatic');
    return;
  }
  if (op.type === 'review') {
    await upsertItem(x, {
      origin: 'karbon',
      sourceId: record.key,
      sourceKind: record.contact.kind,
      name: displayNameOf(record.contact),
      email: record.contact.fields.email,
      why: op.why,
      candidates: op.candidates,
      fingerprint: op.fingerprint,
    });
    return;
  }
  if (op.type === 'link') {
    const customer = customers.get(op.customerId);
    if (!customer) return;
    await linkPair(x, {
      customer,
      kind: record.kind,
      key: record.key,
      how: 'exact-match',
      linkedBy: 'auto',
      itemId: op.itemId,
      record,
    });
    return;
  }
  await createInQuickBooks(x, record, { itemId: op.itemId, linkedBy: 'auto' });
}

export interface CreateOptions {
  itemId: string | null;
  linkedBy: 'auto' | 'person';
  /** A name a person accepted (the suggestion of a clash); else the record's own name. */
  displayName?: string;
}

/** Create the record's customer and link it; a clash makes it wait instead. */
export async function createInQuickBooks(
  x: ExecContext,
  record: KarbonRecord,
  opts: CreateOptions,
): Promise<void> {
  const proposed = quickBooksDisplayName(record.contact);
  const wanted = opts.displayName ?? proposed.value;
  if (!wanted) {
    throw new RejectedWriteError(
      'quickbooks',
      'no-name',
      'The Karbon contact has no name to give the customer',
    );
  }
  const id = pushIntentId(record.kind, record.key);
  const previous = await x.db.intents.get(id);
  // An earlier attempt whose answer never came: sent again as it was (same requestid, same
  // name), QuickBooks replays it if it landed, so it can never make a second customer.
  const replay = previous?.status === 'pending' && previous.displayName ? previous : null;
  const displayName = replay?.displayName ?? wanted;
  if (!replay) {
    const clash = await checkDisplayName(x.quickbooks, displayName, record.contact.kind);
    if (clash) return waitOnClash(x, record, clash);
  }
  const intent: IntentRow = {
    id,
    kind: 'create-quickbooks',
    runId: x.recorder.id,
    status: 'pending',
    createdAt: previous?.createdAt ?? x.now().toISOString(),
    attempts: (previous?.attempts ?? 0) + 1,
    quickBooksId: null,
    karbonKey: record.key,
    karbonKind: record.kind,
    identifier: replay?.identifier ?? x.newId(),
    linkedBy: opts.linkedBy,
    duplicateItemId: opts.itemId,
    error: null,
    displayName,
  };
  await x.db.intents.put(intent);
  let customer: QuickBooksCustomer;
  try {
    customer = await x.quickbooks.createCustomer(record.contact, {
      requestId: intent.identifier,
      displayName,
    });
  } catch (err) {
    if (err instanceof ServiceUnavailableError) throw err; // fate unknown: the intent stays pending
    await x.db.intents.put({ ...intent, status: 'failed', error: err instanceof Error ? err.name : 'Error' });
    if (err instanceof NameClashError) {
      const clash = await checkDisplayName(x.quickbooks, displayName, record.contact.kind);
      return waitOnClash(x, record, clash ?? { displayName, holders: [], suggestion: `${displayName} (2)` });
    }
    throw err;
  }
  await x.recorder.change({
    action: 'create',
    side: 'quickbooks',
    quickBooksId: customer.id,
    karbonKey: record.key,
    karbonKind: record.kind,
    field: null,
    before: null,
    after: Object.fromEntries(Object.entries(customer.contact.fields).filter(([, v]) => v !== '')),
    note: `created customer "${customer.displayName}" from the Karbon ${record.kind === 'organization' ? 'organization' : 'contact'} (Contact Type "${record.contact.contactType}")${proposed.changes.length && !opts.displayName ? `; ${proposed.changes.join('; ')}` : ''}`,
  });
  x.recorder.count('createdInQuickBooks');
  await linkPair(x, {
    customer,
    kind: record.kind,
    key: record.key,
    how: 'created-in-quickbooks',
    linkedBy: opts.linkedBy,
    itemId: opts.itemId,
    record,
    createdInKarbon: true,
  });
  await x.db.intents.put({ ...intent, status: 'done', quickBooksId: customer.id });
}

async function waitOnClash(x: ExecContext, record: KarbonRecord, clash: NameClash): Promise<void> {
  await upsertItem(x, {
    origin: 'karbon',
    sourceId: record.key,
    sourceKind: record.contact.kind,
    name: displayNameOf(record.contact),
    email: record.contact.fields.email,
    why: 'name-clash',
    candidates: [],
    fingerprint: clash.displayName,
    clash: {
      purpose: 'create',
      displayName: clash.displayName,
      holders: clash.holders.map((h) => ({ entity: h.entity, id: h.id, displayName: h.displayName })),
      suggestion: clash.suggestion,
      quickBooksId: null,
    },
  });
}

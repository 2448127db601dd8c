// Keeping one linked pair up to date (product.md "Keeping linked contacts up to date"): the
// three-way plan of lib/sync/threeway.ts performed and recorded.
//   - QuickBooks first, as a sparse update with the SyncToken just read: on 5010 the customer is
//     read again and the plan made again against it (bounded), so a person's edit made in the
//     meantime is compared, never overwritten blindly.
//   - Then Karbon with the final plan: a PUT of the record as this pair operation read it (the
//     port reads it again first when that read is no longer recent, and re-reads on 409), then
//     one GET for what Karbon really stored: that read-back settles the base (no echo next run)
//     and its LastModifiedDateTime lets the next run recognise our own write.
//   - A name change renames the DisplayName (renamedDisplayName) unless someone holds the new
//     name: then the rest is written and the rename waits for a person.
import { type Contact, makeContact } from '../contact/model';
import type { LinkRow } from '../db/rows';
import { NameClashError, NotFoundError, StaleObjectError } from '../errors';
import { stopsTheRun } from './describe-error';
import { renamedDisplayName } from './display-name';
import { type ExecContext, recordFieldChanges, syncedPair } from './link-pair';
import { checkDisplayName, type NameClash } from './name-clash';
import type { KarbonRecord, QuickBooksCustomer } from './ports';
import { type FieldPlan, fieldsForKind, planFields, type WriteResult } from './threeway';
import { sameValue } from './threeway-equal';

/** Re-read-and-re-plan rounds after a 5010 before the pair is left for the next run. */
export const MAX_STALE_RETRIES = 3;

export interface PairOutcome {
  link: LinkRow;
  /** A write failed: the pair must be visited again even if neither side changes. */
  failed: boolean;
  /** The DisplayName rename that waits for a person, if any. */
  clash: NameClash | null;
}

type Results = { quickbooks: WriteResult; karbon: WriteResult };

export function planPair(
  x: Pick<ExecContext, 'settings'>,
  link: LinkRow,
  customer: QuickBooksCustomer,
  record: KarbonRecord,
): FieldPlan {
  return planFields({
    kind: link.karbonKind === 'organization' ? 'organization' : 'person',
    quickbooks: customer.contact.fields,
    karbon: record.contact.fields,
    base: link.base,
    quickbooksModified: customer.lastUpdated,
    karbonModified: record.lastModified,
    conflictPolicy: x.settings.conflictPolicy,
    firstLinkPolicy: x.settings.firstLinkPolicy,
  });
}

const isEmpty = (o: object) => Object.keys(o).length === 0;

function withChanges(c: Contact, changes: Partial<Contact['fields']>): Contact {
  return makeContact(c.kind, { ...c.fields, ...changes }, c.contactType);
}

export async function updateLinkedPair(
  x: ExecContext,
  link: LinkRow,
  customerRead: QuickBooksCustomer,
  record: KarbonRecord,
): Promise<PairOutcome> {
  let customer = customerRead;
  let plan = planPair(x, link, customer, record);
  const results: Results = { quickbooks: { ok: true }, karbon: { ok: true } };
  let clash: NameClash | null = null;
  let renamed: { from: string; to: string } | null = null;

  let renameAllowed = true;
  for (let attempt = 1; !isEmpty(plan.toQuickBooks); attempt++) {
    const wanted = renameAllowed
      ? renamedDisplayName(
          customer.displayName,
          customer.contact,
          withChanges(customer.contact, plan.toQuickBooks),
        )
      : null;
    if (wanted && !clash)
      clash = await checkDisplayName(x.quickbooks, wanted, customer.contact.kind, customer.id);
    const displayName = wanted && !clash ? wanted : undefined;
    try {
      const before = customer.displayName;
      customer = await x.quickbooks.updateCustomer(
        customer.id,
        customer.syncToken,
        { ...plan.toQuickBooks, ...(displayName ? { displayName } : {}) },
        { requestId: x.newId(), kind: customer.contact.kind, basedOn: customer },
      );
      results.quickbooks = { ok: true, readBack: customer.contact.fields };
      if (displayName) renamed = { from: before, to: customer.displayName };
      break;
    } catch (err) {
      if (err instanceof StaleObjectError && attempt < MAX_STALE_RETRIES) {
        customer = await x.quickbooks.getCustomer(customer.id);
        plan = planPair(x, link, customer, record);
        continue;
      }
      if (err instanceof NameClashError && displayName) {
        // Taken between the check and the write (6240): write the rest, the rename waits.
        clash = await checkDisplayName(x.quickbooks, displayName, customer.contact.kind, customer.id);
        renameAllowed = false;
        continue;
      }
      if (stopsTheRun(err)) throw err;
      x.recorder.error(customer.id, err);
      results.quickbooks = { ok: false };
      break;
    }
  }

  const written = await writeKarbon(x, record, plan.toKarbon, customer.id);
  results.karbon = written.result;
  const karbonNow = written.record;
  const karbonModified = written.modified;

  const at = x.now().toISOString();
  const next: LinkRow = {
    ...link,
    lastSyncedAt: at,
    ...syncedPair(link.base, plan, results, customer, karbonNow, karbonModified),
  };
  await x.db.transaction('rw', [x.db.links, x.db.changes], async () => {
    await x.db.links.put(next);
    await recordUpdates(x, next, plan, results, renamed);
  });
  return { link: next, failed: !results.quickbooks.ok || !results.karbon.ok, clash };
}

export interface KarbonWrite {
  result: WriteResult;
  /** The record as Karbon holds it after the write (or as read, when nothing was written). */
  record: KarbonRecord;
  /** The LastModifiedDateTime to store on the link: '' when someone else's edit may hide in it. */
  modified: string;
}

/**
 * Write the changes (a PUT keeping every card, phone and address the engine does not own, built
 * from `record` when the port read it moments ago, else from a read of its own), then read the
 * record back: what Karbon really stored settles the base,
 * and its new LastModifiedDateTime lets the next run tell this write from a person's edit.
 * Errors that concern this record are recorded, not thrown.
 */
export async function writeKarbon(
  x: Pick<ExecContext, 'karbon' | 'recorder'>,
  record: KarbonRecord,
  changes: Partial<Contact['fields']>,
  sourceId: string,
): Promise<KarbonWrite> {
  if (isEmpty(changes)) return { result: { ok: true }, record, modified: record.lastModified };
  try {
    // The PUT echoes the record the changes were planned against when the port read it moments
    // ago (else the port reads it first); the read-back below is still needed: PUT answers 204.
    await x.karbon.updateRecord(record.kind, record.key, changes, { basedOn: record });
    const back = await x.karbon.getRecord(record.kind, record.key);
    if (!back) throw new NotFoundError('karbon', `${record.kind} ${record.key}`);
    // Another field changed between our read and this one: someone else edited the record,
    // so its new time must not be taken as ours (the next run looks at it again).
    const untouched = fieldsForKind(record.contact.kind).every(
      (f) => f in changes || sameValue(f, record.contact.fields[f], back.contact.fields[f]),
    );
    return {
      result: { ok: true, readBack: back.contact.fields },
      record: back,
      modified: untouched ? back.lastModified : '',
    };
  } catch (err) {
    if (stopsTheRun(err)) throw err;
    x.recorder.error(sourceId, err);
    return { result: { ok: false }, record, modified: record.lastModified };
  }
}

async function recordUpdates(
  x: ExecContext,
  link: LinkRow,
  plan: FieldPlan,
  results: Results,
  renamed: { from: string; to: string } | null,
): Promise<void> {
  await recordFieldChanges(x, link, plan, results);
  if (renamed) {
    await x.recorder.change({
      action: 'update',
      side: 'quickbooks',
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      karbonKind: link.karbonKind,
      field: 'displayName',
      before: renamed.from,
      after: renamed.to,
      note: 'DisplayName follows the new name',
    });
  }
}

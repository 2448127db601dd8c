// Linking a pair: the first-link rules of product.md ("Keeping linked contacts up to date"):
// blanks on either side are filled from the other; where both hold different values nothing is
// overwritten unless the first-link policy names a side; the differences go to the client list.
// The field decisions are lib/sync/threeway.ts's; this file performs and records them.
import { displayNameOf, SYNC_FIELDS } from '../contact/model';
import type { SyncDatabase } from '../db/database';
import type { FieldDifference, LinkHow, LinkRow } from '../db/rows';
import type { Settings } from '../db/settings';
import { NotFoundError, StaleObjectError } from '../errors';
import { stopsTheRun } from './describe-error';
import { writeKarbon } from './link-update';
import type { KarbonKind, KarbonPort, KarbonRecord, QuickBooksCustomer, QuickBooksPort } from './ports';
import type { RunRecorder } from './recorder';
import { type FieldPlan, planFields, settleBase, type WriteResult } from './threeway';

export interface ExecContext {
  db: SyncDatabase;
  quickbooks: QuickBooksPort;
  karbon: KarbonPort;
  now: () => Date;
  newId: () => string;
  settings: Settings;
  recorder: RunRecorder;
}

export interface LinkArgs {
  customer: QuickBooksCustomer;
  kind: KarbonKind;
  key: string;
  how: LinkHow;
  linkedBy: 'auto' | 'person';
  /** A duplicate item this link settles. */
  itemId: string | null;
  /** The full Karbon record when already read (just created, or fetched while planning). */
  record?: KarbonRecord | null;
  /** Set when the link comes from a create: counted as created, not as linked. */
  createdInKarbon?: boolean;
}

/** Link, fill blanks both ways, record everything. Errors of one side's write are recorded, not thrown. */
export async function linkPair(x: ExecContext, args: LinkArgs): Promise<LinkRow> {
  let record = args.record ?? (await x.karbon.getRecord(args.kind, args.key));
  if (!record) throw new NotFoundError('karbon', `${args.kind} ${args.key}`);
  let customer = args.customer;
  let fieldPlan = planFirst(x, customer, record);
  if (Object.keys(fieldPlan.toKarbon).length > 0 && record.snapshot && !record.snapshot.fresh()) {
    // Read while the run was planning, maybe hours ago at Karbon's pace: a fill planned on it
    // would overwrite whatever a person put in that field since. Plan on the record as it is
    // (the read the port would otherwise make just before its PUT).
    record = await x.karbon.getRecord(args.kind, args.key);
    if (!record) throw new NotFoundError('karbon', `${args.kind} ${args.key}`);
    fieldPlan = planFirst(x, customer, record);
  }
  const results: { quickbooks: WriteResult; karbon: WriteResult } = {
    quickbooks: { ok: true },
    karbon: { ok: true },
  };

  // QuickBooks first: a 5010 re-reads the customer and plans the first link again, so the
  // Karbon write below always carries the final plan (lib/sync/link-update.ts does the same).
  if (Object.keys(fieldPlan.toQuickBooks).length > 0) {
    try {
      customer = await updateQuickBooks(x, customer, fieldPlan);
      results.quickbooks = { ok: true, readBack: customer.contact.fields };
    } catch (err) {
      if (err instanceof StaleObjectError) {
        customer = await x.quickbooks.getCustomer(customer.id);
        fieldPlan = planFirst(x, customer, record);
        try {
          if (Object.keys(fieldPlan.toQuickBooks).length > 0) {
            customer = await updateQuickBooks(x, customer, fieldPlan);
            results.quickbooks = { ok: true, readBack: customer.contact.fields };
          }
        } catch (again) {
          if (stopsTheRun(again)) throw again;
          x.recorder.error(customer.id, again);
          results.quickbooks = { ok: false };
        }
      } else {
        if (stopsTheRun(err)) throw err;
        x.recorder.error(customer.id, err);
        results.quickbooks = { ok: false };
      }
    }
  }
  // Then Karbon, read back so the next run recognises this write as ours.
  const written = await writeKarbon(x, record, fieldPlan.toKarbon, customer.id);
  results.karbon = written.result;
  const karbonNow = written.record;

  const at = x.now().toISOString();
  const link: LinkRow = {
    quickBooksId: customer.id,
    karbonKey: args.key,
    karbonKind: args.kind,
    linkedBy: args.linkedBy,
    how: args.how,
    linkedAt: at,
    linkedInRun: x.recorder.id,
    lastSyncedAt: at,
    status: customer.active ? 'active' : 'inactive',
    statusSince: null,
    ...syncedPair(null, fieldPlan, results, customer, karbonNow, written.modified),
  };
  await x.db.transaction('rw', [x.db.links, x.db.changes, x.db.duplicates, x.db.unlinks], async () => {
    await x.db.links.put(link);
    if (args.linkedBy === 'person') await x.db.unlinks.delete([customer.id, args.key]);
    await x.recorder.change({
      action: 'link',
      side: 'link',
      quickBooksId: customer.id,
      karbonKey: args.key,
      karbonKind: args.kind,
      field: null,
      before: null,
      after: args.key,
      note: `${link.quickBooksName} ⇄ ${link.karbonName} (${args.how}${args.linkedBy === 'person' ? ', by a person' : ''})`,
    });
    await recordFieldChanges(x, link, fieldPlan, results);
    if (args.itemId) {
      const action = args.linkedBy === 'auto' ? 'automatic' : args.createdInKarbon ? 'create' : 'link';
      await closeItem(x, args.itemId, action, args.createdInKarbon ? null : args.key);
    }
  });
  return link;
}

function planFirst(x: ExecContext, customer: QuickBooksCustomer, record: KarbonRecord): FieldPlan {
  return planFields({
    kind: record.contact.kind,
    quickbooks: customer.contact.fields,
    karbon: record.contact.fields,
    base: null,
    quickbooksModified: customer.lastUpdated,
    karbonModified: record.lastModified,
    conflictPolicy: x.settings.conflictPolicy,
    firstLinkPolicy: x.settings.firstLinkPolicy,
  });
}

function updateQuickBooks(x: ExecContext, c: QuickBooksCustomer, p: FieldPlan): Promise<QuickBooksCustomer> {
  return x.quickbooks.updateCustomer(c.id, c.syncToken, p.toQuickBooks, {
    requestId: x.newId(),
    kind: c.contact.kind,
    basedOn: c,
  });
}

/**
 * What a link row keeps of a pair just synced: the settled base, the differences left, and both
 * records as written (names and emails for the client list, versions to recognise the writes as ours).
 */
export function syncedPair(
  base: LinkRow['base'] | null,
  plan: FieldPlan,
  results: { quickbooks: WriteResult; karbon: WriteResult },
  customer: QuickBooksCustomer,
  karbonNow: KarbonRecord,
  karbonModified: string,
) {
  return {
    base: settleBase(base, plan, results),
    differences: differencesOf(plan),
    quickBooksName: customer.displayName,
    quickBooksEmail: customer.contact.fields.email,
    karbonName: displayNameOf(karbonNow.contact),
    karbonEmail: karbonNow.contact.fields.email,
    quickBooksSyncToken: customer.syncToken,
    quickBooksUpdated: customer.lastUpdated,
    karbonModified,
  } satisfies Partial<LinkRow>;
}

export function differencesOf(p: FieldPlan): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const o of p.outcomes) {
    if (o.action === 'different') out.push({ field: o.field, quickbooks: o.quickbooks, karbon: o.karbon });
    if (o.action === 'unwritable') {
      out.push(
        o.to === 'karbon'
          ? { field: o.field, quickbooks: o.value, karbon: o.kept }
          : { field: o.field, quickbooks: o.kept, karbon: o.value },
      );
    }
  }
  return out.sort((a, b) => SYNC_FIELDS.indexOf(a.field) - SYNC_FIELDS.indexOf(b.field));
}

/**
 * One History change per field written (a copy or a settled conflict) on a side whose write
 * landed; a conflict's loser is the change's "before", so it can be restored.
 */
export async function recordFieldChanges(
  x: ExecContext,
  link: LinkRow,
  p: FieldPlan,
  results: { quickbooks: WriteResult; karbon: WriteResult },
): Promise<void> {
  for (const o of p.outcomes) {
    if (o.action !== 'copy' && o.action !== 'conflict') continue;
    if (!results[o.to].ok) continue;
    const from = o.to === 'karbon' ? 'QuickBooks' : 'Karbon';
    await x.recorder.change({
      action: 'update',
      side: o.to,
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      karbonKind: link.karbonKind,
      field: o.field,
      before: o.action === 'copy' ? o.previous : o.loser,
      after: o.value,
      note:
        o.action === 'copy'
          ? o.firstLink
            ? 'blank filled'
            : `changed in ${from}, copied`
          : `conflict: ${o.winner === 'quickbooks' ? 'QuickBooks' : 'Karbon'} won (${o.reason}); the losing value "${o.loser}" is kept here and can be restored`,
      ...(o.action === 'conflict' ? { conflict: true as const } : {}),
    });
  }
}

export async function closeItem(
  x: Pick<ExecContext, 'db' | 'now' | 'recorder'>,
  itemId: string,
  action: 'link' | 'create' | 'skip' | 'automatic' | 'source-gone',
  candidateId: string | null,
): Promise<void> {
  const item = await x.db.duplicates.get(itemId);
  if (!item || item.status === 'resolved') return;
  const at = x.now().toISOString();
  await x.db.duplicates.put({
    ...item,
    status: action === 'skip' ? 'skipped' : 'resolved',
    updatedAt: at,
    resolution: { action, candidateId, runId: x.recorder.id, at },
  });
}

// Writing values back for an undo: QuickBooks as a sparse update with the current SyncToken
// (5010 → read again and decide again), Karbon through the port's GET-change-PUT and a
// read-back. After a restore the link's base takes the restored value *for that side only*:
// the pair is then simply different again (shown on the client list), so the next run neither
// copies the restored value over nor writes the undone one back.
import type { ContactFields, SyncField } from '../contact/model';
import type { DuplicateRow, DuplicateUndo, LinkRow, Side } from '../db/rows';
import { NotFoundError, StaleObjectError } from '../errors';
import type { ExecContext } from './link-pair';
import { MAX_STALE_RETRIES, writeKarbon } from './link-update';
import { unchangedSinceBase } from './link-versions';
import type { KarbonKind, QuickBooksCustomer } from './ports';

export type RestoreField = SyncField | 'displayName' | 'active';
export type Restore = Partial<Record<RestoreField, string>>;

export function heldValue(c: QuickBooksCustomer, field: RestoreField): string {
  if (field === 'displayName') return c.displayName;
  if (field === 'active') return String(c.active);
  return c.contact.fields[field];
}

function toChanges(values: Restore): Partial<ContactFields> & { displayName?: string; active?: boolean } {
  const { displayName, active, ...fields } = values;
  return {
    ...fields,
    ...(displayName !== undefined ? { displayName } : {}),
    ...(active !== undefined ? { active: active === 'true' } : {}),
  };
}

/**
 * Read the customer, let `decide` say what to write given what it holds now, write it; on a
 * 5010 do it all again. Returns the customer before and after (after = before when nothing to write).
 */
export async function rewriteCustomer(
  x: ExecContext,
  id: string,
  decide: (current: QuickBooksCustomer) => Restore,
): Promise<{ before: QuickBooksCustomer; after: QuickBooksCustomer; wrote: Restore }> {
  for (let attempt = 1; ; attempt++) {
    const before = await x.quickbooks.getCustomer(id);
    const wrote = decide(before);
    if (Object.keys(wrote).length === 0) return { before, after: before, wrote };
    try {
      const after = await x.quickbooks.updateCustomer(id, before.syncToken, toChanges(wrote), {
        requestId: x.newId(),
        kind: before.contact.kind,
        basedOn: before,
      });
      return { before, after, wrote };
    } catch (err) {
      if (err instanceof StaleObjectError && attempt < MAX_STALE_RETRIES) continue;
      throw err;
    }
  }
}

/** Same for a Karbon record (fields of the primary card and the name only). */
export async function rewriteKarbon(
  x: ExecContext,
  kind: KarbonKind,
  key: string,
  decide: (current: ContactFields) => Partial<ContactFields>,
): Promise<{ before: ContactFields; after: ContactFields; wrote: Partial<ContactFields>; modified: string }> {
  const record = await x.karbon.getRecord(kind, key);
  if (!record) throw new NotFoundError('karbon', `${kind} ${key}`);
  const wrote = decide(record.contact.fields);
  const written = await writeKarbon(x, record, wrote, key);
  if (!written.result.ok) throw new NotFoundError('karbon', `${kind} ${key} could not be written`);
  return {
    before: record.contact.fields,
    after: written.record.contact.fields,
    wrote,
    modified: written.modified,
  };
}

/** The base after a restore: the restored side's entry takes what that side now holds. */
export async function settleRestored(
  x: ExecContext,
  link: LinkRow,
  side: Side,
  fields: readonly RestoreField[],
  held: (field: SyncField) => string,
  versions: Partial<
    Pick<LinkRow, 'quickBooksSyncToken' | 'quickBooksUpdated' | 'quickBooksName' | 'karbonModified'>
  >,
): Promise<void> {
  const base = { ...link.base };
  for (const f of fields) {
    if (f === 'displayName' || f === 'active') continue;
    const entry = base[f];
    if (entry) base[f] = { ...entry, [side]: held(f) };
  }
  await x.db.links.put({ ...link, ...versions, base });
}

/** "Restore anyway" on an undo item: write the old value whatever the field holds now. */
export async function restoreField(x: ExecContext, item: DuplicateRow, undo: DuplicateUndo): Promise<void> {
  const field = undo.field;
  let before = '';
  let after = '';
  const link = undo.quickBooksId ? await x.db.links.get(undo.quickBooksId) : undefined;
  if (undo.side === 'quickbooks') {
    if (!undo.quickBooksId) return;
    const done = await rewriteCustomer(x, undo.quickBooksId, () => ({ [field]: undo.restore }));
    before = heldValue(done.before, field);
    after = heldValue(done.after, field);
    if (link)
      await settleRestored(
        x,
        link,
        'quickbooks',
        [field],
        (f) => done.after.contact.fields[f],
        unchangedSinceBase(link, 'quickbooks', done.before.contact.fields, { [field]: true })
          ? { quickBooksSyncToken: done.after.syncToken, quickBooksUpdated: done.after.lastUpdated }
          : {},
      );
  } else {
    if (!undo.karbonKey || !undo.karbonKind || field === 'displayName') return;
    const done = await rewriteKarbon(x, undo.karbonKind, undo.karbonKey, () => ({ [field]: undo.restore }));
    before = done.before[field];
    after = done.after[field];
    if (link)
      await settleRestored(
        x,
        link,
        'karbon',
        [field],
        (f) => done.after[f],
        unchangedSinceBase(link, 'karbon', done.before, { [field]: true })
          ? { karbonModified: done.modified }
          : {},
      );
  }
  const at = x.now().toISOString();
  await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
    await x.recorder.change({
      action: 'update',
      side: undo.side,
      quickBooksId: undo.quickBooksId,
      karbonKey: undo.karbonKey,
      karbonKind: undo.karbonKind,
      field,
      before,
      after,
      note: `restored by a person although edited since the run ${undo.undoneRunId} (undo)`,
    });
    await x.db.duplicates.put({
      ...item,
      status: 'resolved',
      updatedAt: at,
      resolution: { action: 'restore', candidateId: null, runId: x.recorder.id, at },
    });
  });
}

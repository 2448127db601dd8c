// The records an undone run created or linked: a customer it created is made inactive
// (QuickBooks cannot delete; its link stays, marked, so the Karbon contact is not pushed again),
// a pair it linked or a Karbon record it created is unlinked and remembered as removed by a person.
import type { ChangeRow, DuplicateRow } from '../db/rows';
import { DecisionError } from './decisions';
import { customerFingerprint } from './fingerprint';
import { type ExecContext, linkPair } from './link-pair';
import type { KarbonKind, QuickBooksCustomer } from './ports';
import { rewriteCustomer } from './undo-restore';

export async function deactivate(x: ExecContext, c: ChangeRow): Promise<void> {
  if (!c.quickBooksId) return;
  try {
    const done = await rewriteCustomer(x, c.quickBooksId, (now) => (now.active ? { active: 'false' } : {}));
    const link = await x.db.links.get(c.quickBooksId);
    if (Object.keys(done.wrote).length === 0) return;
    await x.db.transaction('rw', [x.db.links, x.db.changes], async () => {
      if (link) {
        // The link stays, marked: the Karbon contact is not pushed again as a new customer.
        await x.db.links.put({
          ...link,
          status: 'inactive',
          statusSince: x.now().toISOString(),
          quickBooksSyncToken: done.after.syncToken,
          quickBooksUpdated: done.after.lastUpdated,
        });
      }
      await x.recorder.change({
        action: 'update',
        side: 'quickbooks',
        quickBooksId: c.quickBooksId,
        karbonKey: c.karbonKey,
        karbonKind: c.karbonKind,
        field: 'active',
        before: 'true',
        after: 'false',
        note: `customer "${done.after.displayName}" created by the undone run: made inactive (QuickBooks cannot delete it)`,
      });
    });
  } catch (err) {
    x.recorder.error(c.quickBooksId, err);
  }
}

/** Unlink and remember it (a person asked for the undo): returns the Karbon name for the list. */
export async function unlinkPair(x: ExecContext, c: ChangeRow, note: string): Promise<string> {
  if (!c.quickBooksId || !c.karbonKey) return '';
  const link = await x.db.links.get(c.quickBooksId);
  if (!link || link.karbonKey !== c.karbonKey) return '';
  await x.db.transaction('rw', [x.db.links, x.db.unlinks, x.db.changes], async () => {
    await x.db.links.delete(link.quickBooksId);
    await x.db.unlinks.put({
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      at: x.now().toISOString(),
      runId: x.recorder.id,
    });
    await x.recorder.change({
      action: 'unlink',
      side: 'link',
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      karbonKind: link.karbonKind,
      field: null,
      before: link.karbonKey,
      after: null,
      note: `${link.quickBooksName} ⇄ ${link.karbonName}: ${note}`,
    });
  });
  return link.karbonName;
}

/**
 * After a Karbon record the undone run created is unlinked: its customer is skipped (as a person's
 * "skip" would), so the next run does not create it again once the person has removed the record
 * in Karbon as asked. It stays in Resolve duplicates' skipped list, where "create" still works, and
 * comes back by itself when the customer changes.
 */
export async function skipRecreate(
  x: ExecContext,
  customer: QuickBooksCustomer,
  record: { kind: KarbonKind; key: string; name: string },
  runId: string,
): Promise<void> {
  const at = x.now().toISOString();
  const existing = (
    await x.db.duplicates.where('[origin+sourceId]').equals(['quickbooks', customer.id]).toArray()
  ).find((i) => i.status !== 'resolved');
  const item: DuplicateRow = {
    id: existing?.id ?? x.newId(),
    origin: 'quickbooks',
    sourceId: customer.id,
    sourceKind: customer.contact.kind,
    name: customer.displayName,
    email: customer.contact.fields.email,
    why: 'exact-unlinked-by-person',
    candidates: [
      {
        id: record.key,
        kind: record.kind,
        name: record.name,
        email: customer.contact.fields.email,
        reasons: ['name', 'email'],
        score: null,
        agreeing: [],
        linkedTo: null,
        unlinkedByPerson: true,
        externalKey: false,
      },
    ],
    status: 'skipped',
    fingerprint: customerFingerprint(customer),
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    resolution: { action: 'skip', candidateId: null, runId: x.recorder.id, at },
  };
  await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
    await x.db.duplicates.put(item);
    await x.recorder.change({
      action: 'skip',
      side: 'link',
      quickBooksId: customer.id,
      karbonKey: record.key,
      karbonKind: record.kind,
      field: null,
      before: null,
      after: null,
      note: `${customer.displayName}: not created in Karbon again (undo of run ${runId}); skipped until it changes`,
    });
  });
}

/**
 * Undo of a Remove Match: the pair linked again as a person's Link (first-link rules, and the
 * remembered unlink forgotten), closing the item the removal left. When either side is linked to
 * something else by now, nothing is written and the run says so.
 */
export async function relinkPair(x: ExecContext, c: ChangeRow): Promise<void> {
  const { quickBooksId, karbonKey, karbonKind } = c;
  if (!quickBooksId || !karbonKey || !karbonKind) return;
  try {
    const [byCustomer, byRecord] = await Promise.all([
      x.db.links.get(quickBooksId),
      x.db.links.where('karbonKey').equals(karbonKey).first(),
    ]);
    if (byCustomer?.karbonKey === karbonKey) return; // linked again already
    const holder = byCustomer ?? byRecord;
    if (holder) {
      throw new DecisionError(
        `${holder.quickBooksName} is linked to ${holder.karbonName} now; remove that match first`,
      );
    }
    const item = (
      await x.db.duplicates.where('[origin+sourceId]').equals(['quickbooks', quickBooksId]).toArray()
    ).find((i) => i.status !== 'resolved');
    await linkPair(x, {
      customer: await x.quickbooks.getCustomer(quickBooksId),
      kind: karbonKind,
      key: karbonKey,
      how: 'person',
      linkedBy: 'person',
      itemId: item?.id ?? null,
    });
  } catch (err) {
    x.recorder.error(quickBooksId, err);
  }
}

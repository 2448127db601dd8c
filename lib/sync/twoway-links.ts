// The linked pairs a run must look at, and what happens to each: a pair whose QuickBooks side
// (SyncToken) or Karbon side (LastModifiedDateTime) differs from what the engine last stored,
// or whose last write failed. Both sides are then read in full, the link's status is marked
// (inactive or deleted customer, Karbon record gone or archived — nothing is ever deleted or
// deactivated on the other side), and an active pair gets its three-way update.
import type { LinkRow, LinkStatus } from '../db/rows';
import { mapLimit } from './concurrency';
import { stopsTheRun } from './describe-error';
import { karbonRef } from './identity';
import type { ExecContext } from './link-pair';
import { updateLinkedPair } from './link-update';
import type { KarbonRecord, QuickBooksCustomer } from './ports';
import { upsertItem } from './twoway-items';
import type { RunRead } from './twoway-read';

const READ_CONCURRENCY = 4;

type QuickBooksState = 'active' | 'inactive' | 'deleted';
type KarbonState = 'present' | 'gone';

export interface LinkPass {
  /** QuickBooks ids of pairs to visit again next run (a write failed). */
  failed: string[];
}

/** Pairs whose records differ from what the engine last stored for them. */
export function changedPairs(
  read: RunRead,
  links: readonly LinkRow[],
  revisit: ReadonlySet<string>,
): LinkRow[] {
  const customers = new Map(read.snap.customers.map((c) => [c.id, c]));
  const rows = new Map(read.snap.karbon.map((r) => [karbonRef(r.kind, r.key), r]));
  return links.filter((link) => {
    if (revisit.has(link.quickBooksId)) return true;
    const c = customers.get(link.quickBooksId);
    if (c && c.syncToken !== link.quickBooksSyncToken) return true;
    if (!c && read.customersComplete && link.status !== 'gone') return true;
    const r = rows.get(karbonRef(link.karbonKind, link.karbonKey));
    if (r && r.lastModified !== link.karbonModified) return true;
    if (!r && read.karbonComplete && link.status !== 'gone') return true;
    // Marked inactive or gone, and now read unchanged: its status may still need to come back.
    return link.status !== 'active' && c !== undefined && r !== undefined;
  });
}

function statusOf(q: QuickBooksState, k: KarbonState): { status: LinkStatus; note: string } {
  if (q === 'deleted') return { status: 'gone', note: 'The QuickBooks customer was deleted' };
  if (k === 'gone') return { status: 'gone', note: 'The Karbon record was archived or deleted' };
  if (q === 'inactive') return { status: 'inactive', note: 'The QuickBooks customer was made inactive' };
  return { status: 'active', note: 'Both records are available again' };
}

export async function updateChangedLinks(
  x: ExecContext,
  read: RunRead,
  pairs: readonly LinkRow[],
): Promise<LinkPass> {
  const failed: string[] = [];
  if (pairs.length === 0) return { failed };
  const known = new Map(read.snap.customers.map((c) => [c.id, c]));
  const missing = pairs.map((l) => l.quickBooksId).filter((id) => !known.has(id));
  if (missing.length > 0) for (const c of await x.quickbooks.getCustomers(missing)) known.set(c.id, c);
  const rows = new Set(read.snap.karbon.map((r) => karbonRef(r.kind, r.key)));

  let done = 0;
  await x.recorder.progress('updating', 0, pairs.length);
  await mapLimit(pairs, READ_CONCURRENCY, async (link) => {
    const customer = known.get(link.quickBooksId);
    const listedGone = read.karbonComplete && !rows.has(karbonRef(link.karbonKind, link.karbonKey));
    try {
      const record = listedGone ? null : await x.karbon.getRecord(link.karbonKind, link.karbonKey);
      if (await visitPair(x, link, customer, record)) failed.push(link.quickBooksId);
    } catch (err) {
      if (stopsTheRun(err)) throw err;
      x.recorder.error(link.quickBooksId, err);
      failed.push(link.quickBooksId);
    }
    await x.recorder.progress('updating', ++done, pairs.length);
  });
  return { failed };
}

/** Mark the pair, update it when active; true when a write failed. */
async function visitPair(
  x: ExecContext,
  link: LinkRow,
  customer: QuickBooksCustomer | undefined,
  record: KarbonRecord | null,
): Promise<boolean> {
  const q: QuickBooksState =
    !customer || customer.deleted ? 'deleted' : customer.active ? 'active' : 'inactive';
  const k: KarbonState = !record || record.archived ? 'gone' : 'present';
  const { status, note } = statusOf(q, k);
  let current = link;
  if (status !== link.status) current = await markLink(x, link, status, note);
  if (status !== 'active' || !customer || !record) {
    // Paused while inactive or gone: the versions move on, the base stays, so edits made
    // meanwhile are compared against it once the pair is active again.
    const versions = {
      quickBooksSyncToken: customer?.syncToken ?? current.quickBooksSyncToken,
      quickBooksUpdated: customer?.lastUpdated ?? current.quickBooksUpdated,
      karbonModified: record?.lastModified ?? current.karbonModified,
    };
    const moved = (Object.keys(versions) as (keyof typeof versions)[]).some(
      (k) => versions[k] !== current[k],
    );
    if (moved) await x.db.links.put({ ...current, ...versions });
    return false;
  }
  const outcome = await updateLinkedPair(x, current, customer, record);
  if (outcome.clash) {
    await upsertItem(x, {
      origin: 'karbon',
      sourceId: link.karbonKey,
      sourceKind: record.contact.kind,
      name: outcome.link.karbonName,
      email: outcome.link.karbonEmail,
      why: 'name-clash',
      candidates: [],
      fingerprint: outcome.clash.displayName,
      clash: {
        purpose: 'rename',
        displayName: outcome.clash.displayName,
        holders: outcome.clash.holders.map((h) => ({
          entity: h.entity,
          id: h.id,
          displayName: h.displayName,
        })),
        suggestion: outcome.clash.suggestion,
        quickBooksId: link.quickBooksId,
      },
    });
  }
  return outcome.failed;
}

async function markLink(x: ExecContext, link: LinkRow, to: LinkStatus, note: string): Promise<LinkRow> {
  const next: LinkRow = { ...link, status: to, statusSince: x.now().toISOString() };
  await x.db.transaction('rw', [x.db.links, x.db.changes], async () => {
    await x.db.links.put(next);
    await x.recorder.change({
      action: 'mark',
      side: 'link',
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      karbonKind: link.karbonKind,
      field: 'status',
      before: link.status,
      after: to,
      note: `${link.quickBooksName} ⇄ ${link.karbonName}: ${note}; nothing was changed on the other side`,
    });
  });
  return next;
}

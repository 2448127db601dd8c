// Performs a settled plan and records each change. Bookkeeping (link marks, review items)
// first, then links, then creates: a run stopped half-way has settled the cheap, certain work.
import type { DuplicateRow } from '../db/rows';
import { mapLimit } from './concurrency';
import { createInKarbon, linkInterruptedCreate } from './create-karbon';
import { SettingsProblem, stopsTheRun } from './describe-error';
import type { Snapshot } from './gather';
import { karbonRef } from './identity';
import { closeItem, type ExecContext, linkPair } from './link-pair';
import type { CreateInKarbonOperation, MarkLinkOperation, Plan, ReviewOperation } from './plan';

/** Creates in flight at once: the Karbon limiter paces them; a few hide the latency. */
const WRITE_CONCURRENCY = 3;

export async function executePlan(x: ExecContext, plan: Plan, snap: Snapshot): Promise<void> {
  const customers = new Map(snap.customers.map((c) => [c.id, c]));
  const identifiers = new Map(snap.karbon.map((r) => [karbonRef(r.kind, r.key), r.userDefinedIdentifier]));
  for (const op of plan.operations) {
    if (op.type === 'mark-link') await markLink(x, op);
    else if (op.type === 'close-item') await closeItem(x, op.itemId, 'source-gone', null);
    else if (op.type === 'review') await upsertReview(x, op);
  }
  // Recomputed, not added: a resumed run plans these again.
  x.recorder.set('duplicates', plan.operations.filter((o) => o.type === 'review').length);
  x.recorder.set('skipped', plan.operations.filter((o) => o.type === 'leave-out').length);

  const links = plan.operations.flatMap((o) => (o.type === 'link' ? [o] : []));
  const creates = await creatableOnly(
    x,
    plan.operations.flatMap((o) => (o.type === 'create-in-karbon' ? [o] : [])),
  );
  const total = links.length + creates.length;
  let done = 0;
  const attempt = async (sourceId: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      if (stopsTheRun(err)) throw err;
      x.recorder.error(sourceId, err);
    }
  };

  await x.recorder.progress('linking', done, total);
  for (const op of links) {
    const customer = customers.get(op.quickBooksId);
    if (!customer) continue;
    const record = snap.details.get(karbonRef(op.karbon.kind, op.karbon.key)) ?? undefined;
    await attempt(op.quickBooksId, async () => {
      const identifier =
        op.how === 'identifier' ? identifiers.get(karbonRef(op.karbon.kind, op.karbon.key)) : '';
      const found = { customer, kind: op.karbon.kind, key: op.karbon.key, itemId: op.itemId, record };
      if (identifier && (await linkInterruptedCreate(x, { ...found, identifier }))) return;
      await linkPair(x, { ...found, how: op.how, linkedBy: 'auto' });
    });
    await x.recorder.progress('linking', ++done, total);
  }

  await x.recorder.progress('creating-in-karbon', done, total);
  await mapLimit(creates, WRITE_CONCURRENCY, async (op) => {
    const customer = customers.get(op.quickBooksId);
    if (!customer) return;
    await attempt(op.quickBooksId, () =>
      createInKarbon(x, {
        customer,
        kind: op.kind,
        contactType: op.contactType,
        identifier: op.identifier,
        linkedBy: 'auto',
        itemId: op.itemId,
      }),
    );
    await x.recorder.progress('creating-in-karbon', ++done, total);
  });
}

/**
 * Karbon refuses a Contact Type it does not have (4002): rather than fail every create the
 * same way, the run says once which setting to change and creates nothing until then.
 */
async function creatableOnly(
  x: ExecContext,
  creates: CreateInKarbonOperation[],
): Promise<CreateInKarbonOperation[]> {
  if (creates.length === 0) return creates;
  const types = await x.karbon.contactTypes();
  // Karbon's own spelling of each type, looked up without regard to case.
  const known = new Map(types.map((t) => [t.toLowerCase(), t]));
  const missing = [...new Set(creates.map((c) => c.contactType))].filter((t) => !known.has(t.toLowerCase()));
  const spelled = creates.flatMap((c) => {
    const type = known.get(c.contactType.toLowerCase());
    return type ? [{ ...c, contactType: type }] : [];
  });
  if (missing.length === 0) return spelled;
  x.recorder.error(
    '',
    new SettingsProblem(
      `Karbon has no Contact Type "${missing.join('", "')}", so ${creates.length} new contact${creates.length === 1 ? ' was' : 's were'} not created: choose one of ${types.join(', ')} in Contact Sync Settings`,
    ),
  );
  return spelled;
}

async function markLink(x: ExecContext, op: MarkLinkOperation): Promise<void> {
  const link = await x.db.links.get(op.quickBooksId);
  if (!link) return;
  await x.db.transaction('rw', [x.db.links, x.db.changes], async () => {
    await x.db.links.put({ ...link, status: op.to, statusSince: x.now().toISOString() });
    await x.recorder.change({
      action: 'mark',
      side: 'link',
      quickBooksId: link.quickBooksId,
      karbonKey: link.karbonKey,
      karbonKind: link.karbonKind,
      field: 'status',
      before: op.from,
      after: op.to,
      note: op.note || 'Both records are available again',
    });
  });
}

function sameItem(a: DuplicateRow, op: ReviewOperation): boolean {
  return (
    a.status === 'open' &&
    a.why === op.why &&
    a.name === op.name &&
    a.email === op.email &&
    a.fingerprint === op.fingerprint &&
    JSON.stringify([a.candidates, a.refused ?? null]) === JSON.stringify([op.candidates, op.refused ?? null])
  );
}

/** Create, refresh or reopen the item; an unchanged item is not written at all. */
async function upsertReview(x: ExecContext, op: ReviewOperation): Promise<void> {
  // A resolved item stays as history; the customer gets a new one.
  const existing = (
    await x.db.duplicates.where('[origin+sourceId]').equals(['quickbooks', op.quickBooksId]).toArray()
  ).find((i) => i.status !== 'resolved');
  if (existing && sameItem(existing, op)) return;
  const at = x.now().toISOString();
  const isNew = existing?.status !== 'open';
  const row: DuplicateRow = {
    id: existing?.id ?? x.newId(),
    origin: 'quickbooks',
    sourceId: op.quickBooksId,
    sourceKind: op.sourceKind,
    name: op.name,
    email: op.email,
    why: op.why,
    candidates: op.candidates,
    status: 'open',
    fingerprint: op.fingerprint,
    createdAt: existing && existing.status === 'open' ? existing.createdAt : at,
    updatedAt: at,
    resolution: null,
    ...(op.refused ? { refused: op.refused } : {}),
  };
  await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
    await x.db.duplicates.put(row);
    if (isNew) {
      await x.recorder.change({
        action: 'review',
        side: 'link',
        quickBooksId: op.quickBooksId,
        karbonKey: null,
        karbonKind: null,
        field: null,
        before: null,
        after: null,
        note: op.refused
          ? `${op.name}: waits in Resolve duplicates (${op.refused.sentence})`
          : `${op.name}: waits in Resolve duplicates (${op.why}, ${op.candidates.length} candidate${op.candidates.length === 1 ? '' : 's'})`,
      });
    }
  });
}

// Performing a push plan (push-plan.ts): links, creates in QuickBooks (push-create.ts), waiting
// items; and the replay of creates whose answer was lost.
import type { IntentRow } from '../db/rows';
import { mapLimit } from './concurrency';
import { stopsTheRun } from './describe-error';
import { karbonRef } from './identity';
import { type ExecContext, linkPair } from './link-pair';
import type { KarbonKind, KarbonRecord, QuickBooksCustomer } from './ports';
import { createInQuickBooks } from './push-create';
import { type PushOperation, planPush } from './push-plan';
import { closeItemOf, karbonItemSource, upsertItem } from './twoway-items';

const READ_CONCURRENCY = 4;

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
      ...karbonItemSource(record),
      why: op.why,
      candidates: op.candidates,
      fingerprint: op.fingerprint,
      ...(op.refused ? { refused: op.refused } : {}),
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

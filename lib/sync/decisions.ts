// A person's decisions, each performed and recorded as its own run (trigger "decision"):
// resolve a duplicate item (link to a candidate, create new, skip) and remove a match.
import type { DuplicateRow } from '../db/rows';
import { NotFoundError } from '../errors';
import { createInKarbon } from './create-karbon';
import { DecisionError, RefusedValueError, stopsTheRun } from './describe-error';
import type { Decision, RunReport } from './engine';
import { customerFingerprint } from './fingerprint';
import { karbonIdentifiersFor } from './identity';
import { closeItem, type ExecContext, linkPair } from './link-pair';
import { karbonKindOf } from './planner';
import { toDuplicateItem } from './queries';
import { recordedRun } from './recorded-run';
import { rememberedRefusal } from './refused-values';
import type { SyncDeps } from './run-sync';
import { applyTwoWayDecision, checkTwoWayDecision, isTwoWayItem } from './twoway-decisions';

export { DecisionError };

/** Identifiers tried for a person's "create new" before giving up (each try costs one lookup). */
const MAX_IDENTIFIERS = 10;

export async function performResolve(deps: SyncDeps, itemId: string, decision: Decision): Promise<RunReport> {
  const item = await checkDecision(deps, itemId, decision);
  const report = await recordedRun(deps, 'decision', async (x) => {
    await x.recorder.progress('deciding', 0, 1);
    await applyDecision(x, item, decision);
    await x.recorder.progress('deciding', 1, 1);
  });
  const row = await deps.db.duplicates.get(item.id);
  return { ...report, duplicates: row && row.status === 'open' ? [toDuplicateItem(row)] : [] };
}

/**
 * Bulk decisions ("link all top suggestions ≥ 90", "create all", "skip all") as one recorded run.
 * A decision that cannot apply is reported under its item and the others go on.
 */
export async function performResolveMany(
  deps: SyncDeps,
  decisions: ReadonlyArray<{ itemId: string; decision: Decision }>,
): Promise<RunReport> {
  return recordedRun(deps, 'decision', async (x) => {
    let done = 0;
    await x.recorder.progress('deciding', done, decisions.length);
    for (const { itemId, decision } of decisions) {
      try {
        await applyDecision(x, await checkDecision(deps, itemId, decision), decision);
      } catch (err) {
        if (stopsTheRun(err) && !(err instanceof DecisionError)) throw err;
        x.recorder.error(itemId, err);
      }
      await x.recorder.progress('deciding', ++done, decisions.length);
    }
  });
}

/** The item, when the decision can apply to it; otherwise a DecisionError and nothing written. */
async function checkDecision(deps: SyncDeps, itemId: string, decision: Decision): Promise<DuplicateRow> {
  const item = await deps.db.duplicates.get(itemId);
  if (!item || item.status === 'resolved') throw new DecisionError(`No duplicate item ${itemId} is waiting`);
  // Pushed Karbon contacts, DisplayName clashes and undo items: lib/sync/twoway-decisions.ts.
  if (isTwoWayItem(item)) {
    await checkTwoWayDecision(deps, item, decision);
    return item;
  }
  if (decision.action === 'rename' || decision.action === 'restore') {
    throw new DecisionError(`"${decision.action}" does not apply to this item; choose link, create or skip`);
  }
  if (await deps.db.links.get(item.sourceId)) {
    throw new DecisionError(
      `QuickBooks customer ${item.sourceId} is already linked; remove that match first`,
    );
  }
  if (decision.action === 'link') await checkCandidate(deps, item, decision.candidateId);
  return item;
}

async function applyDecision(x: ExecContext, item: DuplicateRow, decision: Decision): Promise<void> {
  if (isTwoWayItem(item)) return applyTwoWayDecision(x, item, decision);
  const customer = await x.quickbooks.getCustomer(item.sourceId);
  if (decision.action === 'skip') {
    await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
      await closeItem(x, item.id, 'skip', null);
      // "Until it changes" counts from now: the item reopens when the customer differs from this.
      const row = await x.db.duplicates.get(item.id);
      if (row) await x.db.duplicates.put({ ...row, fingerprint: customerFingerprint(customer) });
      await x.recorder.change({
        action: 'skip',
        side: 'link',
        quickBooksId: item.sourceId,
        karbonKey: null,
        karbonKind: null,
        field: null,
        before: null,
        after: null,
        note: `${item.name}: skipped; stays unsynced until it changes`,
      });
    });
    x.recorder.count('skipped');
  } else if (decision.action === 'link') {
    const candidate = item.candidates.find((c) => c.id === decision.candidateId);
    const kind = candidate?.kind === 'organization' ? 'organization' : 'contact';
    await linkPair(x, {
      customer,
      kind,
      key: decision.candidateId,
      how: 'person',
      linkedBy: 'person',
      itemId: item.id,
    });
  } else {
    // Karbon refused this very customer before (a reason only it could see): not sent again.
    const refused = rememberedRefusal(item, customerFingerprint(customer));
    if (refused) throw new RefusedValueError(refused.sentence);
    const kind = karbonKindOf(customer);
    const identifier = await freeIdentifierOnline(x, customer.id, kind);
    await createInKarbon(x, {
      customer,
      kind,
      contactType: x.settings.newContactType,
      identifier,
      linkedBy: 'person',
      itemId: item.id,
    });
  }
}

export async function performUnlink(deps: SyncDeps, quickBooksId: string): Promise<RunReport> {
  const link = await deps.db.links.get(quickBooksId);
  if (!link) throw new DecisionError(`QuickBooks customer ${quickBooksId} is not linked`);
  return recordedRun(deps, 'decision', async (x) => {
    await deps.db.transaction('rw', [deps.db.links, deps.db.unlinks, deps.db.changes], async () => {
      await deps.db.links.delete(quickBooksId);
      await deps.db.unlinks.put({
        quickBooksId,
        karbonKey: link.karbonKey,
        at: deps.now().toISOString(),
        runId: x.recorder.id,
      });
      await x.recorder.change({
        action: 'unlink',
        side: 'link',
        quickBooksId,
        karbonKey: link.karbonKey,
        karbonKind: link.karbonKind,
        field: null,
        before: link.karbonKey,
        after: null,
        note: `${link.quickBooksName} ⇄ ${link.karbonName}: match removed by a person; never linked automatically again`,
      });
    });
  });
}

async function checkCandidate(deps: SyncDeps, item: DuplicateRow, candidateId: string): Promise<void> {
  if (!item.candidates.some((c) => c.id === candidateId)) {
    throw new DecisionError(`${candidateId} is not a candidate of item ${item.id}`);
  }
  const holder = await deps.db.links.where('karbonKey').equals(candidateId).first();
  if (holder) {
    throw new DecisionError(
      `${candidateId} is already linked to QuickBooks customer ${holder.quickBooksId}; remove that match first`,
    );
  }
}

/** Our next identifier no Karbon record holds (a person's "create new" after removing a match). */
async function freeIdentifierOnline(
  x: ExecContext,
  quickBooksId: string,
  kind: 'contact' | 'organization',
): Promise<string> {
  for (let n = 1; n <= MAX_IDENTIFIERS; n++) {
    const id = karbonIdentifiersFor(quickBooksId, n);
    const holder = await x.karbon.findByUserDefinedIdentifier(kind, id);
    if (!holder) return id;
    // Our own record from an interrupted create, not unlinked by a person: createInKarbon links it.
    if (
      !(await x.db.unlinks.get([quickBooksId, holder.key])) &&
      !(await x.db.links.where('karbonKey').equals(holder.key).first())
    )
      return id;
  }
  throw new NotFoundError('karbon', `no free identifier for customer ${quickBooksId}`);
}

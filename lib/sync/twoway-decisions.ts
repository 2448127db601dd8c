// A person's decision on the items two-way runs make (decisions.ts hands them over):
//   - a Karbon contact being pushed (origin 'karbon'): link it to a QuickBooks candidate,
//     create the customer (optionally under a name of their choosing), or skip it;
//   - a DisplayName clash: create or rename under the suggested (or a chosen) name, link to the
//     customer that holds the name, or skip;
//   - a field an undo could not restore: restore it anyway, or skip (keep today's value).
import type { DuplicateRow } from '../db/rows';
import { NotFoundError } from '../errors';
import { DecisionError } from './decisions';
import { RefusedValueError } from './describe-error';
import type { Decision } from './engine';
import { type ExecContext, linkPair } from './link-pair';
import { unchangedSinceBase } from './link-versions';
import { checkDisplayName, describeHolders } from './name-clash';
import type { KarbonKind, KarbonRecord } from './ports';
import { createInQuickBooks } from './push-create';
import { rememberedRefusal } from './refused-values';
import type { SyncDeps } from './run-sync';
import { karbonFingerprint, upsertItem } from './twoway-items';
import { restoreField } from './undo-restore';

/** Items decided here rather than by decisions.ts. */
export function isTwoWayItem(item: DuplicateRow): boolean {
  return item.origin === 'karbon' || item.why === 'name-clash' || item.why === 'undo-edited-since';
}

export function karbonKindOfItem(item: DuplicateRow): KarbonKind {
  return item.sourceKind === 'organization' ? 'organization' : 'contact';
}

/** Carry out a checked decision (inside the decision run decisions.ts records). */
export async function applyTwoWayDecision(
  x: ExecContext,
  item: DuplicateRow,
  decision: Decision,
): Promise<void> {
  if (decision.action === 'skip') await skip(x, item);
  else if (item.undo) await restoreField(x, item, item.undo);
  else await decide(x, item, decision);
}

/** Refuse, before anything is written, what cannot apply to this item. */
export async function checkTwoWayDecision(
  deps: SyncDeps,
  item: DuplicateRow,
  decision: Decision,
): Promise<void> {
  const allowed: Record<string, Decision['action'][]> = {
    undo: ['restore', 'skip'],
    rename: ['rename', 'create', 'skip'],
    other: ['link', 'create', 'skip'],
  };
  const kind = item.undo ? 'undo' : item.clash?.purpose === 'rename' ? 'rename' : 'other';
  if (!allowed[kind]?.includes(decision.action)) {
    throw new DecisionError(
      `"${decision.action}" does not apply to this item; choose one of ${allowed[kind]?.join(', ')}`,
    );
  }
  if (decision.action === 'link') {
    const candidates = item.clash
      ? item.clash.holders.filter((h) => h.entity === 'Customer').map((h) => h.id)
      : item.candidates.map((c) => c.id);
    if (!candidates.includes(decision.candidateId))
      throw new DecisionError(`${decision.candidateId} is not a candidate of item ${item.id}`);
    const holder = await deps.db.links.get(decision.candidateId);
    if (holder) {
      throw new DecisionError(
        `QuickBooks customer ${decision.candidateId} is already linked to Karbon ${holder.karbonKey}; remove that match first`,
      );
    }
  }
  if (item.origin === 'karbon' && !item.clash?.quickBooksId) {
    const linked = await deps.db.links.where('karbonKey').equals(item.sourceId).first();
    if (linked)
      throw new DecisionError(`Karbon ${item.sourceId} is already linked to customer ${linked.quickBooksId}`);
  }
}

async function recordOf(x: ExecContext, item: DuplicateRow): Promise<KarbonRecord> {
  const record = await x.karbon.getRecord(karbonKindOfItem(item), item.sourceId);
  if (!record) throw new NotFoundError('karbon', `${karbonKindOfItem(item)} ${item.sourceId}`);
  return record;
}

async function decide(x: ExecContext, item: DuplicateRow, decision: Decision): Promise<void> {
  const clash = item.clash;
  if (clash?.purpose === 'rename' && clash.quickBooksId) {
    const name = 'displayName' in decision && decision.displayName ? decision.displayName : clash.suggestion;
    return rename(x, item, clash.quickBooksId, name);
  }
  const record = await recordOf(x, item);
  if (decision.action === 'link') {
    const customer = await x.quickbooks.getCustomer(decision.candidateId);
    await linkPair(x, {
      customer,
      kind: record.kind,
      key: record.key,
      how: 'person',
      linkedBy: 'person',
      itemId: item.id,
      record,
    });
    return;
  }
  if (decision.action === 'create') {
    // QuickBooks refused this very record before (a reason only it could see): not sent again.
    const refused = rememberedRefusal(item, karbonFingerprint(record));
    if (refused) throw new RefusedValueError(refused.sentence);
    const chosen = decision.displayName ?? (clash ? clash.suggestion : undefined);
    await createInQuickBooks(x, record, { itemId: item.id, linkedBy: 'person', displayName: chosen });
  }
}

async function rename(x: ExecContext, item: DuplicateRow, quickBooksId: string, name: string): Promise<void> {
  const customer = await x.quickbooks.getCustomer(quickBooksId);
  const clash = await checkDisplayName(x.quickbooks, name, customer.contact.kind, customer.id);
  if (clash) {
    // Taken meanwhile: the item waits on, with a fresh suggestion.
    await upsertItem(x, {
      origin: item.origin,
      sourceId: item.sourceId,
      sourceKind: item.sourceKind,
      name: item.name,
      email: item.email,
      why: 'name-clash',
      candidates: [],
      fingerprint: name,
      clash: {
        purpose: 'rename',
        displayName: name,
        holders: clash.holders,
        suggestion: clash.suggestion,
        quickBooksId,
      },
    });
    throw new DecisionError(
      `"${name}" is held by ${describeHolders(clash.holders)}; try "${clash.suggestion}"`,
    );
  }
  const renamed = await x.quickbooks.updateCustomer(
    customer.id,
    customer.syncToken,
    { displayName: name },
    {
      requestId: x.newId(),
      kind: customer.contact.kind,
    },
  );
  const link = await x.db.links.get(quickBooksId);
  const at = x.now().toISOString();
  await x.db.transaction('rw', [x.db.links, x.db.changes, x.db.duplicates], async () => {
    if (link) {
      await x.db.links.put({
        ...link,
        quickBooksName: renamed.displayName,
        ...(unchangedSinceBase(link, 'quickbooks', customer.contact.fields)
          ? { quickBooksSyncToken: renamed.syncToken, quickBooksUpdated: renamed.lastUpdated }
          : {}),
      });
    }
    await x.recorder.change({
      action: 'update',
      side: 'quickbooks',
      quickBooksId,
      karbonKey: link?.karbonKey ?? null,
      karbonKind: link?.karbonKind ?? null,
      field: 'displayName',
      before: customer.displayName,
      after: renamed.displayName,
      note: 'renamed by a person after a DisplayName clash',
    });
    await x.db.duplicates.put({
      ...item,
      status: 'resolved',
      updatedAt: at,
      resolution: { action: 'rename', candidateId: null, runId: x.recorder.id, at },
    });
  });
}

async function skip(x: ExecContext, item: DuplicateRow): Promise<void> {
  const at = x.now().toISOString();
  // An undo item or a rename is settled by skipping; a push item waits until its contact changes.
  const settles = item.undo !== undefined || item.clash?.purpose === 'rename';
  const fingerprint = settles ? item.fingerprint : karbonFingerprint(await recordOf(x, item));
  await x.db.transaction('rw', [x.db.duplicates, x.db.changes], async () => {
    await x.db.duplicates.put({
      ...item,
      status: settles ? 'resolved' : 'skipped',
      fingerprint,
      updatedAt: at,
      resolution: { action: 'skip', candidateId: null, runId: x.recorder.id, at },
    });
    await x.recorder.change({
      action: 'skip',
      side: 'link',
      quickBooksId: item.clash?.quickBooksId ?? item.undo?.quickBooksId ?? null,
      karbonKey: item.origin === 'karbon' ? item.sourceId : (item.undo?.karbonKey ?? null),
      karbonKind: item.origin === 'karbon' ? karbonKindOfItem(item) : (item.undo?.karbonKind ?? null),
      field: null,
      before: null,
      after: null,
      note: settles
        ? `${item.name}: left as it is`
        : `${item.name}: not pushed; stays out of QuickBooks until the contact changes`,
    });
  });
}

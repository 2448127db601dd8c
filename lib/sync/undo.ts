// Undo a run (product.md "Beyond the reference"): every change it made reverted, itself a
// recorded run (trigger 'undo', undoOf the run):
//   - fields it updated are written back to their value before the run, unless edited again
//     since (sameValue against what the run wrote): such a field waits for a person instead;
//   - customers it created in QuickBooks are made inactive (QuickBooks cannot delete them);
//   - Karbon contacts it created are unlinked (remembered, so never linked automatically again)
//     and listed for the person to remove: Karbon's API cannot delete or archive them;
//   - pairs it linked are unlinked the same way; pairs it unlinked (a Remove Match) are linked
//     again. Bookkeeping (marks, items) is left alone.
import type { SyncField } from '../contact/model';
import type { ChangeRow, LinkRow } from '../db/rows';
import { DecisionError } from './decisions';
import type { RunReport } from './engine';
import { karbonRef } from './identity';
import type { ExecContext } from './link-pair';
import { unchangedSinceBase } from './link-versions';
import type { KarbonKind } from './ports';
import { toDuplicateItem } from './queries';
import { recordedRun } from './recorded-run';
import type { SyncDeps } from './run-sync';
import { sameValue } from './threeway-equal';
import { upsertItem } from './twoway-items';
import { deactivate, relinkPair, skipRecreate, unlinkPair } from './undo-records';
import {
  heldValue,
  type Restore,
  type RestoreField,
  rewriteCustomer,
  rewriteKarbon,
  settleRestored,
} from './undo-restore';

export interface UndoReport extends RunReport {
  undoOf: string;
  /** Karbon records the undone run created: unlinked now, for a person to remove in Karbon. */
  removeInKarbon: Array<{ kind: KarbonKind; key: string; name: string }>;
}

const same = (field: RestoreField, a: string, b: string) =>
  field === 'displayName' || field === 'active'
    ? a.trim().toLowerCase() === b.trim().toLowerCase()
    : sameValue(field, a, b);

const text = (v: ChangeRow['before']) => (typeof v === 'string' ? v : '');

export async function performUndo(deps: SyncDeps, runId: string): Promise<UndoReport> {
  const target = await deps.db.runs.get(runId);
  if (!target) throw new DecisionError(`No run ${runId}`);
  if (target.status === 'running') throw new DecisionError(`Run ${runId} is still running`);
  if (target.trigger === 'undo')
    throw new DecisionError('An undo cannot be undone; change the records by hand');
  const earlier = (await deps.db.runs.toArray()).find((r) => r.undoOf === runId && r.status === 'completed');
  if (earlier) throw new DecisionError(`Run ${runId} was already undone by run ${earlier.id}`);
  const changes = (await deps.db.changes.where('runId').equals(runId).sortBy('seq')).reverse();
  const removeInKarbon: UndoReport['removeInKarbon'] = [];
  const report = await recordedRun(
    deps,
    'undo',
    async (x) => {
      await x.recorder.progress('undoing', 0, changes.length);
      const createdInKarbon = changes.filter((c) => c.action === 'create' && c.side === 'karbon');
      // Pairs made by a create are handled with their create, not unlinked as a plain link.
      const created = new Set(
        changes.filter((c) => c.action === 'create').map((c) => `${c.quickBooksId}|${c.karbonKey}`),
      );
      await restoreFields(
        x,
        runId,
        changes.filter((c) => c.action === 'update'),
      );
      for (const c of changes.filter((c) => c.action === 'create' && c.side === 'quickbooks'))
        await deactivate(x, c);
      const unlinked: Array<{ quickBooksId: string; kind: KarbonKind; key: string; name: string }> = [];
      for (const c of createdInKarbon) {
        const name = await unlinkPair(
          x,
          c,
          `created by run ${runId}; Karbon cannot delete it: remove it in Karbon by hand`,
        );
        if (!c.karbonKey || !c.karbonKind) continue;
        removeInKarbon.push({ kind: c.karbonKind, key: c.karbonKey, name });
        if (name && c.quickBooksId)
          unlinked.push({ quickBooksId: c.quickBooksId, kind: c.karbonKind, key: c.karbonKey, name });
      }
      if (unlinked.length > 0) {
        const customers = new Map(
          (await x.quickbooks.getCustomers(unlinked.map((u) => u.quickBooksId))).map((q) => [q.id, q]),
        );
        for (const u of unlinked) {
          const customer = customers.get(u.quickBooksId);
          if (customer) await skipRecreate(x, customer, u, runId);
        }
      }
      for (const c of changes.filter(
        (c) => c.action === 'link' && !created.has(`${c.quickBooksId}|${c.karbonKey}`),
      )) {
        await unlinkPair(x, c, `linked by run ${runId}; unlinked by its undo`);
      }
      // A match a person removed: linked again, as a person's Link would.
      for (const c of changes.filter((c) => c.action === 'unlink')) await relinkPair(x, c);
      await x.recorder.progress('undoing', changes.length, changes.length);
    },
    { undoOf: runId },
  );
  const waiting = (await deps.db.duplicates.where('status').equals('open').toArray()).filter(
    (i) => i.undo?.undoneRunId === runId,
  );
  return { ...report, duplicates: waiting.map(toDuplicateItem), undoOf: runId, removeInKarbon };
}

/** One write per record: the fields still holding what the run wrote go back to their old value. */
async function restoreFields(x: ExecContext, runId: string, updates: ChangeRow[]): Promise<void> {
  const byRecord = new Map<string, ChangeRow[]>();
  for (const c of updates) {
    if (!c.field || c.field === 'contactType' || c.field === 'status') continue;
    const id =
      c.side === 'quickbooks'
        ? `q:${c.quickBooksId}`
        : `k:${karbonRef(c.karbonKind ?? 'contact', c.karbonKey ?? '')}`;
    const list = byRecord.get(id) ?? [];
    // Latest first: a field written twice in one run goes back to its first "before".
    byRecord.set(id, [...list.filter((l) => l.field !== c.field), c]);
  }
  for (const rows of byRecord.values()) {
    const first = rows[0];
    if (!first) continue;
    try {
      if (first.side === 'quickbooks') await restoreCustomer(x, runId, first.quickBooksId ?? '', rows);
      else await restoreKarbon(x, runId, first, rows);
    } catch (err) {
      x.recorder.error(first.quickBooksId ?? first.karbonKey ?? '', err);
    }
  }
}

function plan(rows: ChangeRow[], current: (f: RestoreField) => string) {
  const write: Restore = {};
  const edited: Array<{ row: ChangeRow; current: string }> = [];
  for (const row of rows) {
    const field = row.field as RestoreField;
    const now = current(field);
    if (same(field, now, text(row.before))) continue; // already back
    if (same(field, now, text(row.after))) write[field] = text(row.before);
    else edited.push({ row, current: now });
  }
  return { write, edited };
}

async function restoreCustomer(x: ExecContext, runId: string, id: string, rows: ChangeRow[]): Promise<void> {
  let edited: ReturnType<typeof plan>['edited'] = [];
  const done = await rewriteCustomer(x, id, (c) => {
    const p = plan(rows, (f) => heldValue(c, f));
    edited = p.edited;
    return p.write;
  });
  const link = await x.db.links.get(id);
  await recordRestores(
    x,
    runId,
    'quickbooks',
    rows,
    done.wrote,
    (f) => heldValue(done.before, f),
    (f) => heldValue(done.after, f),
  );
  if (Object.keys(done.wrote).length > 0) {
    if (link) {
      await settleRestored(
        x,
        link,
        'quickbooks',
        Object.keys(done.wrote) as RestoreField[],
        (f) => done.after.contact.fields[f],
        {
          ...(unchangedSinceBase(link, 'quickbooks', done.before.contact.fields, done.wrote)
            ? { quickBooksSyncToken: done.after.syncToken, quickBooksUpdated: done.after.lastUpdated }
            : {}),
          quickBooksName: done.after.displayName,
        },
      );
    }
  }
  for (const e of edited) await waitForPerson(x, runId, e.row, e.current, link);
}

async function restoreKarbon(
  x: ExecContext,
  runId: string,
  first: ChangeRow,
  rows: ChangeRow[],
): Promise<void> {
  const kind = first.karbonKind ?? 'contact';
  const key = first.karbonKey ?? '';
  let edited: ReturnType<typeof plan>['edited'] = [];
  const done = await rewriteKarbon(x, kind, key, (fields) => {
    const p = plan(rows, (f) => (f === 'displayName' || f === 'active' ? '' : fields[f]));
    edited = p.edited;
    return p.write as Partial<Record<SyncField, string>>;
  });
  const link = first.quickBooksId ? await x.db.links.get(first.quickBooksId) : undefined;
  const get = (values: Record<SyncField, string>) => (f: RestoreField) =>
    f === 'displayName' || f === 'active' ? '' : values[f];
  await recordRestores(x, runId, 'karbon', rows, done.wrote, get(done.before), get(done.after));
  if (Object.keys(done.wrote).length > 0) {
    if (link) {
      await settleRestored(
        x,
        link,
        'karbon',
        Object.keys(done.wrote) as RestoreField[],
        (f) => done.after[f],
        unchangedSinceBase(link, 'karbon', done.before, done.wrote) ? { karbonModified: done.modified } : {},
      );
    }
  }
  for (const e of edited) await waitForPerson(x, runId, e.row, e.current, link);
}

async function recordRestores(
  x: ExecContext,
  runId: string,
  side: 'quickbooks' | 'karbon',
  rows: ChangeRow[],
  wrote: Restore,
  before: (f: RestoreField) => string,
  after: (f: RestoreField) => string,
): Promise<void> {
  for (const row of rows) {
    const field = row.field as RestoreField;
    if (!(field in wrote)) continue;
    await x.recorder.change({
      action: 'update',
      side,
      quickBooksId: row.quickBooksId,
      karbonKey: row.karbonKey,
      karbonKind: row.karbonKind,
      field: row.field,
      before: before(field),
      after: after(field),
      note: `restored: undo of run ${runId}`,
    });
  }
}

async function waitForPerson(x: ExecContext, runId: string, row: ChangeRow, current: string, link?: LinkRow) {
  const field = row.field;
  if (!field || field === 'contactType' || field === 'status' || field === 'active') return;
  await upsertItem(x, {
    origin: row.side === 'karbon' ? 'karbon' : 'quickbooks',
    sourceId: `undo:${row.id}`,
    sourceKind: row.karbonKind === 'organization' ? 'organization' : 'person',
    name:
      row.side === 'karbon'
        ? (link?.karbonName ?? row.karbonKey ?? '')
        : (link?.quickBooksName ?? row.quickBooksId ?? ''),
    email: row.side === 'karbon' ? (link?.karbonEmail ?? '') : (link?.quickBooksEmail ?? ''),
    why: 'undo-edited-since',
    candidates: [],
    fingerprint: current,
    undo: {
      undoneRunId: runId,
      changeId: row.id,
      side: row.side === 'karbon' ? 'karbon' : 'quickbooks',
      field,
      quickBooksId: row.quickBooksId,
      karbonKey: row.karbonKey,
      karbonKind: row.karbonKind,
      restore: text(row.before),
      wrote: text(row.after),
      current,
    },
  });
}

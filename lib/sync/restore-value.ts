// Restoring a value the history kept (product.md, "Keeping linked contacts up to date": "the
// losing value is kept in the history and can be restored"). A person picks a field change of a
// run — a conflict's loser, a value the first-link policy replaced, a copy, an undo's restore —
// and the value it replaced (`before`) becomes the value on both sides of the pair. It is a
// recorded run of its own (trigger 'decision': a person decided), whose changes keep what it
// replaced in turn, so it can be undone like any run. Nothing else of the pair is touched; a
// restored name part leaves the DisplayName as it is.
import { SYNC_FIELDS, type SyncField } from '../contact/model';
import type { ChangeRow, LinkRow } from '../db/rows';
import { NotFoundError } from '../errors';
import { DecisionError } from './decisions';
import type { RunReport } from './engine';
import type { ExecContext } from './link-pair';
import { writeKarbon } from './link-update';
import type { QuickBooksCustomer } from './ports';
import { recordedRun } from './recorded-run';
import type { SyncDeps } from './run-sync';
import { fieldsForKind } from './threeway';
import { sameValue } from './threeway-equal';
import { cannotHold } from './threeway-limits';
import { rewriteCustomer } from './undo-restore';

const isSyncField = (f: string | null): f is SyncField => SYNC_FIELDS.some((s) => s === f);

/** The change, its field and value, and the pair it belongs to; refused in one sentence otherwise. */
async function restorable(deps: SyncDeps, changeId: string) {
  const change = await deps.db.changes.get(changeId);
  if (!change) throw new DecisionError(`No change ${changeId} in the history`);
  const field = change.field;
  if (change.action !== 'update' || !isSyncField(field) || typeof change.before !== 'string')
    throw new DecisionError(`Change ${changeId} is a ${change.action}: only a field's value can be restored`);
  const value = change.before;
  const link = change.quickBooksId ? await deps.db.links.get(change.quickBooksId) : undefined;
  if (!link || link.karbonKey !== change.karbonKey) {
    throw new DecisionError(
      `The records of change ${changeId} are no longer linked: type "${value}" in by hand where it belongs`,
    );
  }
  if (link.status !== 'active') {
    throw new DecisionError(
      `${link.quickBooksName} is ${link.status === 'inactive' ? 'inactive in QuickBooks' : 'gone from one side'}: nothing can be restored on it now`,
    );
  }
  const kind = link.karbonKind === 'organization' ? 'organization' : 'person';
  if (!fieldsForKind(kind).includes(field))
    throw new DecisionError(`${field} is not synced for ${link.quickBooksName} any more`);
  for (const side of ['quickbooks', 'karbon'] as const) {
    const problem = cannotHold(side, field, value, kind);
    if (problem) {
      throw new DecisionError(
        `${side === 'quickbooks' ? 'QuickBooks' : 'Karbon'} cannot hold "${value}" in ${field} (${problem})`,
      );
    }
  }
  return { change, field, value, link };
}

export async function performRestoreValue(deps: SyncDeps, changeId: string): Promise<RunReport> {
  const { change, field, value, link } = await restorable(deps, changeId);
  return recordedRun(deps, 'decision', async (x) => {
    const note = `restored "${value}", the value run ${change.runId} replaced`;
    const q = await rewriteCustomer(x, link.quickBooksId, (c) =>
      sameValue(field, c.contact.fields[field], value) ? {} : { [field]: value },
    );
    if (field in q.wrote) {
      await record(
        x,
        change,
        link,
        'quickbooks',
        q.before.contact.fields[field],
        q.after.contact.fields[field],
        note,
      );
    }
    const read = await x.karbon.getRecord(link.karbonKind, link.karbonKey);
    if (!read) throw new NotFoundError('karbon', `${link.karbonKind} ${link.karbonKey}`);
    const held = read.contact.fields[field];
    const k = await writeKarbon(
      x,
      read,
      sameValue(field, held, value) ? {} : { [field]: value },
      link.quickBooksId,
    );
    if (!k.result.ok)
      throw new NotFoundError('karbon', `${link.karbonKind} ${link.karbonKey} could not be written`);
    if (k.record !== read) {
      await record(x, change, link, 'karbon', held, k.record.contact.fields[field], note);
    }
    // Both sides hold it now, as each stores it: that is the field's base (no echo next run).
    const current = (await x.db.links.get(link.quickBooksId)) ?? link;
    await x.db.links.put({
      ...current,
      base: {
        ...current.base,
        [field]: { quickbooks: q.after.contact.fields[field], karbon: k.record.contact.fields[field] },
      },
      differences: current.differences.filter((d) => d.field !== field),
      ...versionsAfterRewrite(current, q, { previous: read.lastModified, modified: k.modified }),
    });
  });
}

async function record(
  x: ExecContext,
  change: ChangeRow,
  link: LinkRow,
  side: 'quickbooks' | 'karbon',
  before: string,
  after: string,
  note: string,
): Promise<void> {
  await x.recorder.change({
    action: 'update',
    side,
    quickBooksId: link.quickBooksId,
    karbonKey: link.karbonKey,
    karbonKind: link.karbonKind,
    field: change.field,
    before,
    after,
    note,
  });
}

/**
 * The versions a link may store after the engine rewrote its records outside a sync run: the new
 * one only when the record was as the engine last stored it before the write. Otherwise a person
 * changed it since, and storing the new version would hide that edit from the next run; keeping
 * the old one makes the next run read the pair and compare it with the base.
 */
export function versionsAfterRewrite(
  link: LinkRow,
  q: { before: QuickBooksCustomer; after: QuickBooksCustomer } | null,
  k: { previous: string; modified: string } | null,
): Partial<Pick<LinkRow, 'quickBooksSyncToken' | 'quickBooksUpdated' | 'karbonModified'>> {
  return {
    ...(q && q.before.syncToken === link.quickBooksSyncToken
      ? { quickBooksSyncToken: q.after.syncToken, quickBooksUpdated: q.after.lastUpdated }
      : {}),
    ...(k && k.previous === link.karbonModified ? { karbonModified: k.modified } : {}),
  };
}

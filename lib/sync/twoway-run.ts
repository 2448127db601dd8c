// One sync run, two ways (issue 4): read what changed (or everything, when a full read is due),
// match new QuickBooks customers as Sync Now does, bring every changed linked pair up to date,
// push new or changed Karbon contacts of the selected types, then move the checkpoints on.
// The checkpoints move only here, at the end of a run whose work is stored: a run that fails
// or is stopped leaves them where they were, and the next run reads the same changes again.
import { readSettings } from '../db/settings';
import { executePlan } from './executor';
import { type GatherDeps, type Progress, settlePlan } from './gather';
import { karbonRef } from './identity';
import type { ExecContext } from './link-pair';
import type { Plan } from './plan';
import type { KarbonKind } from './ports';
import { pushRecords, readRecords, replayPendingCreates } from './push';
import { FIRST_SYNC_KEY } from './queries';
import type { RunRecorder } from './recorder';
import type { SyncDeps } from './run-sync';
import { changedPairs, updateChangedLinks } from './twoway-links';
import { type RunRead, readForRun } from './twoway-read';
import { chooseReadMode, readMarks, readTwoWayState, writeMarks, writeTwoWayState } from './twoway-state';

export async function runTwoWay(deps: SyncDeps, recorder: RunRecorder, progress: Progress): Promise<void> {
  const { db } = deps;
  const [state, marks, settings, firstSync] = await Promise.all([
    readTwoWayState(db),
    readMarks(db),
    readSettings(db),
    db.meta.get(FIRST_SYNC_KEY),
  ]);
  const x: ExecContext = { ...deps, settings, recorder };
  // A QuickBooks create whose answer was lost: settled first, so nothing below takes its
  // customer for a new one.
  const replayFailed = await replayPendingCreates(x);
  const mode = chooseReadMode(state, marks, deps.now());
  const read = await readForRun(deps, mode, state, marks, progress);
  recorder.run.counts.readQuickBooks = read.snap.customers.length;
  recorder.run.counts.readKarbon = read.snap.karbon.length;

  // New or changed customers that are not linked: the matching rules of Sync Now.
  const plan = await matchingPlan(deps, read, progress);
  await executePlan(x, plan, read.snap);
  // Karbon's own integration could not be asked (a passing fault): ask again next run. A create
  // Karbon refused is not retried on every run (each retry reads the Karbon lists in full): it
  // comes back when the customer changes, or with the daily full read.
  const revisit = new Set<string>();
  for (const op of plan.operations)
    if (op.type === 'leave-out' && op.reason === 'unchecked') revisit.add(op.quickBooksId);

  // Linked pairs whose records changed: status marks and three-way updates.
  const pairs = changedPairs(read, read.snap.links, new Set(state.revisit.quickbooks));
  const pass = await updateChangedLinks(x, read, pairs);
  for (const id of pass.failed) revisit.add(id);

  // Karbon contacts of the pushed types, new or changed since the first sync (the gate).
  let pushFailed: string[] = [];
  if (firstSync && settings.pushTypes.length > 0) {
    const records = await readRecords(
      x,
      await pushCandidates(x, read, state.revisit.karbon, settings.pushTypes),
    );
    const pushed = new Set(settings.pushTypes.map((t) => t.toLowerCase()));
    pushFailed = await pushRecords(
      x,
      records.filter((r) => pushed.has(r.contact.contactType.toLowerCase())),
      read.customersComplete ? read.snap.customers : undefined,
    );
  }

  // Counted as the person sees them: every item waiting now, whichever run made it.
  recorder.set('duplicates', await db.duplicates.where('status').equals('open').count());
  const at = deps.now().toISOString();
  await writeMarks(db, read.next, recorder.id, at);
  await writeTwoWayState(db, {
    lastFullReadAt: mode.kind === 'full' ? at : state.lastFullReadAt,
    lastRunAt: at,
    nearMark: read.nearMark,
    revisit: {
      quickbooks: [...revisit].sort(),
      karbon: [...new Set([...pushFailed, ...replayFailed])].sort(),
    },
  });
}

/** The planner's plan over what was read; link marks are left to the two-way pass. */
async function matchingPlan(deps: GatherDeps, read: RunRead, progress: Progress): Promise<Plan> {
  // An incremental run without a new or changed unlinked customer has nothing to match.
  if (!read.karbonComplete) return { operations: [], needs: { details: [], externalKeys: [] } };
  // Read only in part: a customer not read is unchanged, not gone (the planner's own rule).
  read.snap.partial = { quickbooks: !read.customersComplete, karbon: !read.karbonComplete };
  const plan = await settlePlan(deps, read.snap, { remember: true, progress });
  return { ...plan, operations: plan.operations.filter((op) => op.type !== 'mark-link') };
}

/** Unlinked Karbon records of a pushed type new or changed since the last run, and the ones whose push failed. */
async function pushCandidates(
  x: ExecContext,
  read: RunRead,
  failed: readonly string[],
  types: readonly string[],
): Promise<Array<{ kind: KarbonKind; key: string }>> {
  const pushed = new Set(types.map((t) => t.toLowerCase()));
  const linked = new Set((await x.db.links.toArray()).map((l) => karbonRef(l.karbonKind, l.karbonKey)));
  const refs = new Map<string, { kind: KarbonKind; key: string }>();
  for (const row of read.karbonChanged) {
    const ref = karbonRef(row.kind, row.key);
    if (!linked.has(ref) && pushed.has(row.contactType.toLowerCase()))
      refs.set(ref, { kind: row.kind, key: row.key });
  }
  for (const ref of failed) {
    const [kind, key] = ref.split(':');
    if ((kind === 'contact' || kind === 'organization') && key && !linked.has(ref))
      refs.set(ref, { kind, key });
  }
  return [...refs.values()];
}

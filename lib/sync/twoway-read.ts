// The reads of a two-way run. A full read (first sync, a missing checkpoint, once a day) reads
// both lists as Sync Now always did; an incremental one reads only what changed since each
// source's checkpoint:
//   - QuickBooks: Change Data Capture since the checkpoint; when CDC cannot answer completely
//     (older than 30 days, or its 1000-object cap) a paged MetaData.LastUpdatedTime query
//     (qbo-api.md "Change Data Capture"; the port returns null from changesSince then).
//   - Karbon: the list newest first (`LastModifiedDateTime desc`), stopping at the high-water
//     mark (karbon-api.md: there is no modified-since filter).
// Matching a customer that is new or changed and not linked needs every Karbon row, so such a
// run reads the Karbon lists in full too; that is the only case an incremental run does.
import type { SyncDatabase } from '../db/database';
import { customerFingerprint } from './fingerprint';
import { type Progress, readSnapshot, type Snapshot, snapshotOf } from './gather';
import { karbonRef } from './identity';
import type { KarbonKind, KarbonPort, KarbonSummary, QuickBooksCustomer, QuickBooksPort } from './ports';
import {
  changedSinceMark,
  highWater,
  type Marks,
  quickBooksResumePoint,
  type ReadMode,
  seenNearMark,
  stopBeforeFor,
  type TwoWayState,
} from './twoway-state';

/** The query behind a full QuickBooks read: every customer, with the server's time of the answer. */
export const EVERYTHING_SINCE = '1970-01-01';

const KINDS: readonly KarbonKind[] = ['contact', 'organization'];

export interface RunRead {
  mode: ReadMode;
  /** How QuickBooks was read: the whole list, CDC, or the LastUpdatedTime query fallback. */
  quickbooksFeed: 'full' | 'cdc' | 'query';
  /** customers: every customer read this run; karbon: every list row read. */
  snap: Snapshot;
  /** Every customer was read (else only changed or revisited ones). */
  customersComplete: boolean;
  /** Every Karbon list row was read (else only rows changed since the mark). */
  karbonComplete: boolean;
  /** Rows modified after the previous high-water mark: new or changed since the last run. */
  karbonChanged: KarbonSummary[];
  /** Checkpoints to store once the run's work is stored. */
  next: Marks;
  /** The rows read near each new mark, stored with it (TwoWayState.nearMark). */
  nearMark: NonNullable<TwoWayState['nearMark']>;
}

export interface ReadDeps {
  db: SyncDatabase;
  quickbooks: QuickBooksPort;
  karbon: KarbonPort;
  now: () => Date;
}

export async function readForRun(
  deps: ReadDeps,
  mode: ReadMode,
  state: TwoWayState,
  marks: Marks,
  progress: Progress,
): Promise<RunRead> {
  return mode.kind === 'full'
    ? readFull(deps, mode, state, marks, progress)
    : readChanges(deps, mode, state, marks, progress);
}

/** Per kind: the rows new or changed since the mark, the next mark, and the rows seen near it. */
function karbonMarks(rows: readonly KarbonSummary[], state: TwoWayState, marks: Marks) {
  const changed: KarbonSummary[] = [];
  const next: Pick<Marks, KarbonKind> = { contact: null, organization: null };
  const nearMark: RunRead['nearMark'] = { contact: [], organization: [] };
  for (const kind of KINDS) {
    const ofKind = rows.filter((r) => r.kind === kind);
    const mark = marks[kind];
    const at = highWater(ofKind, mark);
    next[kind] = at;
    nearMark[kind] = seenNearMark(ofKind, at);
    // Without a previous mark (first sync) nothing counts as changed: the gate of pushing.
    if (!mark) continue;
    const seen = state.nearMark ? new Set(state.nearMark[kind]) : null;
    changed.push(...ofKind.filter((r) => changedSinceMark(r, mark, seen)));
  }
  return { changed, next, nearMark };
}

async function readFull(
  deps: ReadDeps,
  mode: ReadMode,
  state: TwoWayState,
  marks: Marks,
  progress: Progress,
): Promise<RunRead> {
  let serverTime: string | null = null;
  // The list read through the LastUpdatedTime query: the same rows, plus the time to resume CDC from.
  const quickbooks = new Proxy(deps.quickbooks, {
    get(target, prop) {
      if (prop === 'listCustomers') {
        return async (opts: { includeInactive: boolean }) => {
          const all = await target.updatedSince(EVERYTHING_SINCE);
          serverTime = all.serverTime || null;
          return opts.includeInactive ? all.customers : all.customers.filter((c) => c.active);
        };
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const snap = await readSnapshot({ ...deps, quickbooks }, progress);
  const karbon = karbonMarks(snap.karbon, state, marks);
  return {
    mode,
    quickbooksFeed: 'full',
    snap,
    customersComplete: true,
    karbonComplete: true,
    karbonChanged: karbon.changed,
    next: { quickbooks: serverTime ? quickBooksResumePoint(serverTime) : marks.quickbooks, ...karbon.next },
    nearMark: karbon.nearMark,
  };
}

async function readChanges(
  deps: ReadDeps,
  mode: ReadMode,
  state: TwoWayState,
  marks: Marks,
  progress: Progress,
): Promise<RunRead> {
  const since = marks.quickbooks ?? EVERYTHING_SINCE;
  await progress('reading-quickbooks', 0, 0);
  const cdc = await deps.quickbooks.changesSince(since);
  const changes = cdc ?? (await deps.quickbooks.updatedSince(since));
  const byId = new Map(changes.customers.map((c) => [c.id, c]));

  // Customers to plan again although QuickBooks did not change them: a failed write, or a match
  // a person removed since the last run (the customer is matched again, as Sync Now would).
  const unlinkedSince = state.lastRunAt
    ? (await deps.db.unlinks.toArray())
        .filter((u) => u.at > (state.lastRunAt ?? ''))
        .map((u) => u.quickBooksId)
    : [];
  const again = [...new Set([...state.revisit.quickbooks, ...unlinkedSince])].filter((id) => !byId.has(id));
  if (again.length > 0) for (const c of await deps.quickbooks.getCustomers(again)) byId.set(c.id, c);
  const customers = [...byId.values()];
  await progress('reading-quickbooks', customers.length, customers.length);

  const needsMatching = await anyToMatch(deps.db, customers);

  await progress('reading-karbon', 0, 0);
  const karbon: KarbonSummary[] = [];
  for (const kind of KINDS) {
    const mark = marks[kind];
    const rows =
      needsMatching || !mark ? await deps.karbon.listSummaries(kind) : await newest(deps.karbon, kind, mark);
    karbon.push(...rows);
    await progress('reading-karbon', karbon.length, 0);
  }
  const rows = dedupe(karbon);
  const snap = await snapshotOf(deps.db, customers, rows);
  const marked = karbonMarks(rows, state, marks);
  return {
    mode,
    quickbooksFeed: cdc ? 'cdc' : 'query',
    snap,
    customersComplete: false,
    karbonComplete: needsMatching,
    karbonChanged: marked.changed,
    next: {
      quickbooks: changes.serverTime ? quickBooksResumePoint(changes.serverTime) : marks.quickbooks,
      ...marked.next,
    },
    nearMark: marked.nearMark,
  };
}

/**
 * A customer read this run that the matching rules must see: not linked, a client (active, not
 * a sub-customer), and not already waiting (or skipped) exactly as it is now. Customers read
 * again only because they fall in the checkpoint's margin cost nothing then.
 */
async function anyToMatch(db: SyncDatabase, customers: readonly QuickBooksCustomer[]): Promise<boolean> {
  const linked = new Set((await db.links.toArray()).map((l) => l.quickBooksId));
  const candidates = customers.filter((c) => !linked.has(c.id) && c.active && !c.deleted && !c.isJob);
  if (candidates.length === 0) return false;
  const items = (await db.duplicates.where('status').anyOf('open', 'skipped').toArray()).filter(
    (i) => i.origin === 'quickbooks',
  );
  const settled = new Map(items.map((i) => [i.sourceId, i.fingerprint]));
  return candidates.some((c) => settled.get(c.id) !== customerFingerprint(c));
}

function newest(karbon: KarbonPort, kind: KarbonKind, mark: string): Promise<KarbonSummary[]> {
  return karbon.listSummaries(kind, { newestFirst: true, stopBefore: stopBeforeFor(mark) });
}

function dedupe(rows: KarbonSummary[]): KarbonSummary[] {
  const seen = new Map<string, KarbonSummary>();
  for (const r of rows) seen.set(karbonRef(r.kind, r.key), r);
  return [...seen.values()];
}

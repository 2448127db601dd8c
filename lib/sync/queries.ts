// Read-only views of the sync state that need the database alone: the extension's pages call
// them inside Dexie's useLiveQuery (they have no ports), the engine's methods delegate to them.
import type { SyncDatabase } from '../db/database';
import type { ChangeRow, DuplicateRow, DuplicateStatus, LinkRow, RunPhase, RunRow } from '../db/rows';
import type { ChangeEntry, ClientListRow, DuplicateItem, EngineStatus, RunSummary } from './engine';

export const FIRST_SYNC_KEY = 'firstSyncCompletedAt';

export function toDuplicateItem(row: DuplicateRow): DuplicateItem {
  return {
    id: row.id,
    origin: row.origin,
    sourceId: row.sourceId,
    sourceKind: row.sourceKind,
    name: row.name,
    email: row.email,
    why: row.why,
    status: row.status,
    candidates: row.candidates,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    // Present only when the row has them: items stay plain data for messaging.
    ...(row.clash ? { clash: row.clash } : {}),
    ...(row.undo ? { undo: row.undo } : {}),
    ...(row.refused ? { refused: row.refused } : {}),
  };
}

export function toRunSummary(run: RunRow): RunSummary {
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    phase: run.phase,
    done: run.done,
    total: run.total,
    counts: run.counts,
    requests: run.requests,
    errors: run.errors,
    undoOf: run.undoOf,
  };
}

export function toClientListRow(link: LinkRow): ClientListRow {
  return {
    quickBooksId: link.quickBooksId,
    karbonKey: link.karbonKey,
    karbonKind: link.karbonKind,
    linkedBy: link.linkedBy,
    how: link.how,
    linkedAt: link.linkedAt,
    lastSyncedAt: link.lastSyncedAt,
    status: link.status,
    quickBooks: { name: link.quickBooksName, email: link.quickBooksEmail },
    karbon: { name: link.karbonName, email: link.karbonEmail },
    differences: link.differences,
  };
}

/** Items in "Resolve duplicates", oldest first (open ones by default). */
export async function readDuplicates(
  db: SyncDatabase,
  opts: { status?: DuplicateStatus | 'all' } = {},
): Promise<DuplicateItem[]> {
  const status = opts.status ?? 'open';
  const rows =
    status === 'all'
      ? await db.duplicates.toArray()
      : await db.duplicates.where('status').equals(status).toArray();
  return rows
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map(toDuplicateItem);
}

/** The client list, by QuickBooks name. */
export async function readLinks(db: SyncDatabase): Promise<ClientListRow[]> {
  const rows = await db.links.toArray();
  return rows
    .sort(
      (a, b) =>
        a.quickBooksName.localeCompare(b.quickBooksName) || a.quickBooksId.localeCompare(b.quickBooksId),
    )
    .map(toClientListRow);
}

/** Runs, newest first. */
export async function readHistory(db: SyncDatabase, opts: { limit?: number } = {}): Promise<RunSummary[]> {
  const runs = await db.runs
    .orderBy('startedAt')
    .reverse()
    .limit(opts.limit ?? 100)
    .toArray();
  return runs.map(toRunSummary);
}

export async function readRunChanges(db: SyncDatabase, runId: string): Promise<ChangeEntry[]> {
  const rows: ChangeRow[] = await db.changes.where('runId').equals(runId).sortBy('seq');
  return rows.map((c) => ({
    id: c.id,
    at: c.at,
    action: c.action,
    side: c.side,
    quickBooksId: c.quickBooksId,
    karbonKey: c.karbonKey,
    field: c.field,
    before: c.before,
    after: c.after,
    note: c.note,
  }));
}

export async function readStatus(db: SyncDatabase): Promise<EngineStatus> {
  const [running, last, waiting, skipped, linked, first] = await Promise.all([
    db.runs.where('status').equals('running').first(),
    db.runs
      .orderBy('startedAt')
      .reverse()
      .filter((r) => r.status !== 'running')
      .first(),
    db.duplicates.where('status').equals('open').count(),
    db.duplicates.where('status').equals('skipped').count(),
    db.links.count(),
    db.meta.get(FIRST_SYNC_KEY),
  ]);
  return {
    running: running ? toRunSummary(running) : null,
    lastRun: last ? toRunSummary(last) : null,
    waiting,
    firstSyncCompletedAt: typeof first?.value === 'string' ? first.value : null,
    totals: { linked, skipped, waiting },
  };
}

/** The phase in the person's words, for progress lines ("Creating in Karbon 120/800"). */
export function phaseLabel(phase: RunPhase): string {
  const labels: Record<RunPhase, string> = {
    starting: 'Starting',
    resuming: 'Resuming the interrupted sync',
    'reading-quickbooks': 'Reading QuickBooks customers',
    'reading-karbon': 'Reading Karbon contacts',
    matching: 'Matching',
    'checking-karbon': 'Checking candidates in Karbon',
    linking: 'Linking',
    'creating-in-karbon': 'Creating in Karbon',
    updating: 'Updating linked clients',
    pushing: 'Pushing Karbon contacts to QuickBooks',
    undoing: 'Undoing the run',
    deciding: 'Applying your decision',
    finishing: 'Finishing',
  };
  return labels[phase];
}

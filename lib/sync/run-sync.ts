// One Sync Now from start to end: read, plan until settled, execute, record. And the preview,
// which is the same reads and the same plan with nothing written.
import type { DuplicateRow, RunRow, RunTrigger } from '../db/rows';
import type {
  DuplicateItem,
  EngineDeps,
  PreviewReport,
  PreviewRow,
  RequestCounts,
  RunProgress,
  RunReport,
} from './engine';
import { type GatherDeps, type Progress, readSnapshot, type Snapshot, settlePlan } from './gather';
import type { Plan } from './plan';
import type { RankFn, SuggestFn } from './planner';
import type { QuickBooksCustomer } from './ports';
import { FIRST_SYNC_KEY, toDuplicateItem } from './queries';
import { emptyCounts, RunRecorder } from './recorder';
import { runTwoWay } from './twoway-run';

export type SyncDeps = EngineDeps & { suggest?: SuggestFn; rank?: RankFn };

export function requestMeter(deps: Pick<EngineDeps, 'requestCounts'>): () => RequestCounts {
  const start = deps.requestCounts?.() ?? { quickbooks: 0, karbon: 0 };
  return () => {
    const now = deps.requestCounts?.() ?? { quickbooks: 0, karbon: 0 };
    return { quickbooks: now.quickbooks - start.quickbooks, karbon: now.karbon - start.karbon };
  };
}

export async function performSync(
  deps: SyncDeps,
  opts: { trigger: RunTrigger; onProgress?: (p: RunProgress) => void },
): Promise<RunReport> {
  const requests = requestMeter(deps);
  const recorder = await RunRecorder.start({ ...deps, onProgress: opts.onProgress, requests }, opts.trigger);
  const progress: Progress = (phase, done, total) => recorder.progress(phase, done, total);
  let run: RunRow;
  try {
    // Reads (full or incremental), matching, two-way updates, push, checkpoints: lib/sync/twoway-run.ts.
    await runTwoWay(deps, recorder, progress);
    if (!(await deps.db.meta.get(FIRST_SYNC_KEY))) {
      await deps.db.meta.put({ key: FIRST_SYNC_KEY, value: deps.now().toISOString() });
    }
    run = await recorder.finish('completed', requests());
  } catch (err) {
    deps.log?.('error', 'sync run failed', {
      runId: recorder.id,
      error: err instanceof Error ? err.name : 'unknown',
    });
    recorder.error('', err);
    run = await recorder.finish('failed', requests());
  }
  // Every item waiting when the run ends: an incremental run does not plan the unchanged ones again.
  const items = await deps.db.duplicates.where('status').equals('open').toArray();
  return reportOf(run, items.map(toDuplicateItem));
}

export function reportOf(
  run: Pick<RunRow, 'id' | 'status' | 'counts' | 'requests' | 'errors'>,
  duplicates: DuplicateItem[],
): RunReport {
  const c = run.counts;
  return {
    runId: run.id,
    status: run.status === 'completed' ? 'completed' : 'failed',
    counts: {
      linked: c.linked,
      createdInKarbon: c.createdInKarbon,
      createdInQuickBooks: c.createdInQuickBooks,
      updatedInKarbon: c.updatedInKarbon,
      updatedInQuickBooks: c.updatedInQuickBooks,
      conflicts: c.conflicts,
      duplicates: c.duplicates,
      errors: c.errors,
    },
    requests: run.requests,
    duplicates: [...duplicates].sort((a, b) => a.sourceId.localeCompare(b.sourceId, 'en', { numeric: true })),
    errors: run.errors.map((e) => ({ sourceId: e.sourceId, message: e.message })),
  };
}

/** The plan of a sync, read but not written: no run row, no item, no remembered lookup. */
export async function performPreview(
  deps: GatherDeps & Pick<EngineDeps, 'requestCounts' | 'log'>,
  opts: { onProgress?: (p: RunProgress) => void } = {},
): Promise<PreviewReport> {
  const requests = requestMeter(deps);
  const progress: Progress = (phase, done, total) =>
    opts.onProgress?.({ runId: 'preview', phase, done, total });
  const snap = await readSnapshot(deps, progress);
  const plan = await settlePlan(deps, snap, { remember: false, progress });
  return previewOf(plan, snap, requests());
}

function previewOf(plan: Plan, snap: Snapshot, requests: RequestCounts): PreviewReport {
  const customers = new Map(snap.customers.map((c) => [c.id, c]));
  const existing = new Map(snap.items.map((i) => [i.sourceId, i]));
  const row = (c: QuickBooksCustomer): PreviewRow => ({
    quickBooksId: c.id,
    name: c.displayName,
    email: c.contact.fields.email,
    kind: c.contact.kind,
    karbon: null,
  });
  const buckets: PreviewReport['buckets'] = { link: [], create: [], review: [], leftOut: [] };
  const counts = emptyCounts();
  for (const op of plan.operations) {
    const c = 'quickBooksId' in op ? customers.get(op.quickBooksId) : undefined;
    if (!c) continue;
    if (op.type === 'link') {
      buckets.link.push({ ...row(c), karbon: { ...op.karbon, how: op.how } });
      counts.linked++;
    } else if (op.type === 'create-in-karbon') {
      buckets.create.push(row(c));
      counts.createdInKarbon++;
    } else if (op.type === 'review') {
      const at = existing.get(c.id);
      const item: DuplicateRow = {
        id: at?.id ?? `preview-${c.id}`,
        origin: 'quickbooks',
        sourceId: c.id,
        sourceKind: op.sourceKind,
        name: op.name,
        email: op.email,
        why: op.why,
        candidates: op.candidates,
        status: 'open',
        fingerprint: op.fingerprint,
        createdAt: at?.createdAt ?? '',
        updatedAt: at?.updatedAt ?? '',
        resolution: null,
        ...(op.refused ? { refused: op.refused } : {}),
      };
      buckets.review.push(toDuplicateItem(item));
      counts.duplicates++;
    } else if (op.type === 'leave-out') {
      buckets.leftOut.push({ ...row(c), reason: op.reason });
    }
  }
  const report = reportOf({ id: '', status: 'completed', counts, requests, errors: [] }, buckets.review);
  return { ...report, runId: null, buckets };
}

// One run's record in the database: status, phase and progress (watched by the popup), counts,
// errors and every change with its before and after. Persisted as the run goes, so a worker
// that stops mid-run leaves a row a restarted worker resumes from.
import type { SyncDatabase } from '../db/database';
import type { ChangeRow, RunCounts, RunPhase, RunRow, RunStatus, RunTrigger } from '../db/rows';
import { describeError, serviceOf } from './describe-error';
import type { RequestCounts, RunProgress } from './engine';
import { type ChangeCountKey, ChangeTally, countChanges } from './run-counts';

export function emptyCounts(): RunCounts {
  return {
    readQuickBooks: 0,
    readKarbon: 0,
    linked: 0,
    createdInKarbon: 0,
    createdInQuickBooks: 0,
    updatedInKarbon: 0,
    updatedInQuickBooks: 0,
    conflicts: 0,
    duplicates: 0,
    skipped: 0,
    errors: 0,
  };
}

export interface RecorderDeps {
  db: SyncDatabase;
  now: () => Date;
  newId: () => string;
  onProgress?: (p: RunProgress) => void;
  /** Requests made so far by this host's part of the run, saved with the progress. */
  requests?: () => RequestCounts;
}

/** Progress is written at most this often (plus at every phase change and at the end). */
const PERSIST_EVERY_MS = 500;

export class RunRecorder {
  private seq = 0;
  private lastPersist = 0;
  private tally = new ChangeTally();
  /** Requests of the part of the run a stopped worker did (as last saved). */
  private readonly requestsBefore: RequestCounts;

  private constructor(
    private readonly deps: RecorderDeps,
    readonly run: RunRow,
  ) {
    this.requestsBefore = { ...run.requests };
  }

  /** A new run, or the one a stopped worker left `running` (resumed under the same id). */
  static async start(
    deps: RecorderDeps,
    trigger: RunTrigger,
    opts: { resume: boolean; undoOf?: string } = { resume: true },
  ): Promise<RunRecorder> {
    const at = deps.now().toISOString();
    const orphan = opts.resume ? await RunRecorder.adoptOrphans(deps, at) : undefined;
    if (orphan) {
      const resumed: RunRow = { ...orphan, resumedAt: at, phase: 'resuming' };
      const recorder = new RunRecorder(deps, resumed);
      // What the stopped part did is what it recorded, whatever its last saved counts said.
      const done = await deps.db.changes
        .where('[runId+seq]')
        .between([orphan.id, 0], [orphan.id, Infinity])
        .toArray();
      recorder.seq = done.reduce((max, c) => Math.max(max, c.seq), 0);
      for (const c of done) recorder.tally.add(c);
      Object.assign(resumed.counts, recorder.tally.counts);
      await deps.db.runs.put(resumed);
      return recorder;
    }
    const run: RunRow = {
      id: deps.newId(),
      trigger,
      status: 'running',
      startedAt: at,
      endedAt: null,
      resumedAt: null,
      phase: 'starting',
      done: 0,
      total: 0,
      counts: emptyCounts(),
      requests: { quickbooks: 0, karbon: 0 },
      errors: [],
      undoOf: opts.undoOf ?? null,
    };
    await deps.db.runs.put(run);
    return new RunRecorder(deps, run);
  }

  /**
   * Runs a stopped worker left `running`: a sync is resumed (returned); a decision or undo is
   * closed as failed (its own checks ran before it wrote, a person can simply decide again).
   */
  private static async adoptOrphans(deps: RecorderDeps, at: string): Promise<RunRow | undefined> {
    const orphans = await deps.db.runs.where('status').equals('running').sortBy('startedAt');
    let sync: RunRow | undefined;
    for (const run of orphans) {
      if (!sync && run.trigger !== 'decision' && run.trigger !== 'undo') {
        sync = run;
        continue;
      }
      const error = {
        sourceId: '',
        message: 'Stopped before it finished: do it again if it is still needed.',
        code: 'Interrupted',
        service: null,
      };
      await deps.db.runs.put({
        ...run,
        status: 'failed',
        endedAt: at,
        errors: [...run.errors, error],
        counts: { ...run.counts, errors: run.counts.errors + 1 },
      });
    }
    return sync;
  }

  get id(): string {
    return this.run.id;
  }

  /**
   * For counts that are not writes (links, creates, updates and conflicts are counted from the
   * changes recorded: lib/sync/run-counts.ts).
   */
  count(key: Exclude<keyof RunCounts, ChangeCountKey>, n = 1): void {
    this.run.counts[key] += n;
  }

  /** For counts a resumed run recomputes from its plan rather than adds to. */
  set(key: Exclude<keyof RunCounts, ChangeCountKey>, n: number): void {
    this.run.counts[key] = n;
  }

  error(sourceId: string, err: unknown): void {
    const error = {
      sourceId,
      message: describeError(err),
      code: err instanceof Error ? err.name : 'Error',
      service: serviceOf(err),
    };
    // A resumed run meets again what its stopped part already reported: one error, said once.
    if (this.run.errors.some((e) => e.sourceId === sourceId && e.message === error.message)) return;
    this.run.counts.errors += 1;
    this.run.errors.push(error);
  }

  async progress(phase: RunPhase, done: number, total: number): Promise<void> {
    const changedPhase = phase !== this.run.phase;
    this.run.phase = phase;
    this.run.done = done;
    this.run.total = total;
    this.deps.onProgress?.({ runId: this.run.id, phase, done, total });
    const t = this.deps.now().getTime();
    if (changedPhase || done >= total || t - this.lastPersist >= PERSIST_EVERY_MS) {
      this.lastPersist = t;
      this.run.requests = this.requestsSoFar(this.deps.requests?.());
      await this.deps.db.runs.put({ ...this.run });
    }
  }

  private requestsSoFar(mine: RequestCounts | undefined): RequestCounts {
    const m = mine ?? { quickbooks: 0, karbon: 0 };
    return {
      quickbooks: this.requestsBefore.quickbooks + m.quickbooks,
      karbon: this.requestsBefore.karbon + m.karbon,
    };
  }

  /** Record one change; call inside the transaction that makes it, so both land or neither. */
  async change(change: Omit<ChangeRow, 'id' | 'runId' | 'seq' | 'at'>): Promise<void> {
    this.seq += 1;
    await this.deps.db.changes.put({
      ...change,
      id: this.deps.newId(),
      runId: this.run.id,
      seq: this.seq,
      at: this.deps.now().toISOString(),
    });
    // Live counts for the progress row; finish() counts again from what was stored.
    this.tally.add(change);
    Object.assign(this.run.counts, this.tally.counts);
  }

  async finish(status: Exclude<RunStatus, 'running'>, requests: RequestCounts): Promise<RunRow> {
    this.run.status = status;
    this.run.endedAt = this.deps.now().toISOString();
    this.run.phase = 'finishing';
    this.run.requests = this.requestsSoFar(requests);
    // From the stored changes: a change whose transaction did not commit is not the run's.
    const stored = await this.deps.db.changes
      .where('[runId+seq]')
      .between([this.run.id, 0], [this.run.id, Infinity])
      .toArray();
    Object.assign(this.run.counts, countChanges(stored));
    await this.deps.db.runs.put({ ...this.run });
    return this.run;
  }
}

// The one engine API every host uses: the extension's background, the CLI, tests and benchmarks.
// Hosts build the ports (lib/quickbooks, lib/karbon over HTTP), open the database (lib/db) and
// call createEngine(); everything below is plain data, safe to send over extension messaging.
import type { ContactKind } from '../contact/model';
import type { SyncDatabase } from '../db/database';
import type {
  DuplicateRow,
  DuplicateStatus,
  FieldDifference,
  LinkHow,
  LinkStatus,
  RunCounts,
  RunError,
  RunPhase,
  RunStatus,
  RunTrigger,
  Side,
} from '../db/rows';
import type { Settings, SettingsPatch } from '../db/settings';
import type { LeaveOutReason } from './plan';
import type { KarbonKind, KarbonPort, QuickBooksPort } from './ports';
import type { NotInQuickBooksRow, PushRequest } from './push-catalogue';
import type { UndoReport } from './undo';

export type { RunCounts, RunError, RunPhase, RunStatus, RunTrigger, Settings, SettingsPatch };

export type EngineLog = (
  level: 'debug' | 'info' | 'warn' | 'error',
  message: string,
  data?: Record<string, unknown>,
) => void;

export interface RequestCounts {
  quickbooks: number;
  karbon: number;
}

export interface EngineDeps {
  db: SyncDatabase;
  quickbooks: QuickBooksPort;
  karbon: KarbonPort;
  now: () => Date;
  newId: () => string;
  log?: EngineLog;
  /**
   * Running totals of HTTP requests sent to each service (the host counts them in its fetch);
   * a run reports the difference between its start and its end. Absent → zeros.
   */
  requestCounts?: () => RequestCounts;
}

export interface RunProgress {
  runId: string;
  phase: RunPhase;
  done: number;
  total: number;
}

export interface RunOptions {
  trigger?: RunTrigger;
  onProgress?: (p: RunProgress) => void;
}

/** What a run (or a preview) did: the CLI prints exactly this as `run --json`. */
export interface RunReport {
  /** null for a preview. */
  runId: string | null;
  status: 'completed' | 'failed';
  counts: Pick<
    RunCounts,
    | 'linked'
    | 'createdInKarbon'
    | 'createdInQuickBooks'
    | 'updatedInKarbon'
    | 'updatedInQuickBooks'
    | 'conflicts'
    | 'duplicates'
    | 'errors'
  >;
  requests: RequestCounts;
  /** Items waiting in "Resolve duplicates" as this run (or preview) planned them. */
  duplicates: DuplicateItem[];
  errors: Array<{ sourceId: string; message: string }>;
}

export interface PreviewRow {
  quickBooksId: string;
  name: string;
  email: string;
  kind: ContactKind;
  /** The Karbon record it will link to (bucket link). */
  karbon: { key: string; kind: KarbonKind; name: string; email: string; how: LinkHow } | null;
}

/** The first sync's plan, computed without writing anything. */
export interface PreviewReport extends RunReport {
  buckets: {
    link: PreviewRow[];
    create: PreviewRow[];
    review: DuplicateItem[];
    /** Inactive customers, sub-customers and skipped items: left alone, with the reason. */
    leftOut: Array<PreviewRow & { reason: LeaveOutReason }>;
  };
}

/** A duplicate item as hosts see it: its row without what only the engine keeps. */
export type DuplicateItem = Omit<DuplicateRow, 'fingerprint' | 'resolution'>;

export type Decision =
  | { action: 'link'; candidateId: string }
  /** `displayName`: a name the person chose or accepted (a clash's suggestion) for a customer created in QuickBooks. */
  | { action: 'create'; displayName?: string }
  | { action: 'skip' }
  /** A DisplayName clash on a rename: rename the customer to this name (default: the suggestion). */
  | { action: 'rename'; displayName?: string }
  /** An undo item: write the value from before the undone run, although the field was edited since. */
  | { action: 'restore' };

export interface ClientListRow {
  quickBooksId: string;
  karbonKey: string;
  karbonKind: KarbonKind;
  linkedBy: 'auto' | 'person';
  how: LinkHow;
  linkedAt: string;
  lastSyncedAt: string | null;
  status: LinkStatus;
  quickBooks: { name: string; email: string };
  karbon: { name: string; email: string };
  differences: FieldDifference[];
}

export interface RunSummary {
  id: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  phase: RunPhase;
  done: number;
  total: number;
  counts: RunCounts;
  requests: RequestCounts;
  errors: RunError[];
  undoOf: string | null;
}

export interface ChangeEntry {
  id: string;
  at: string;
  action: string;
  side: Side | 'link';
  quickBooksId: string | null;
  karbonKey: string | null;
  field: string | null;
  before: unknown;
  after: unknown;
  note: string;
}

export interface EngineStatus {
  /** The run in progress (any host), or null. */
  running: RunSummary | null;
  lastRun: RunSummary | null;
  /** Open items in "Resolve duplicates" (the badge). */
  waiting: number;
  /** The gate for pushing Karbon contacts to QuickBooks. */
  firstSyncCompletedAt: string | null;
  /** Completeness at a glance, from the last completed run and the database. */
  totals: { linked: number; skipped: number; waiting: number };
}

export interface Engine {
  /** One Sync Now. Joins the run in progress, if any; resumes a run a dead worker left behind. */
  runSync(opts?: RunOptions): Promise<RunReport>;
  /** At start-up: finish the sync a stopped worker left `running` (null when there is none). */
  resumeInterrupted(): Promise<RunReport | null>;
  /** The plan of a sync without writing anything (reads only). */
  preview(opts?: Pick<RunOptions, 'onProgress'>): Promise<PreviewReport>;
  status(): Promise<EngineStatus>;
  /** Open items by default. */
  duplicates(opts?: { status?: DuplicateStatus | 'all' }): Promise<DuplicateItem[]>;
  /** A person's decision on one item, performed as its own recorded run. */
  resolve(itemId: string, decision: Decision): Promise<RunReport>;
  /** Bulk decisions as one recorded run; a decision that cannot apply is reported and the rest go on. */
  resolveMany(decisions: ReadonlyArray<{ itemId: string; decision: Decision }>): Promise<RunReport>;
  /** "Remove match": unlink and remember that a person did (never linked automatically again). */
  unlink(quickBooksId: string): Promise<RunReport>;
  /** The client list. */
  links(): Promise<ClientListRow[]>;
  settings(): Promise<Settings>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
  /** Contact Types offered in settings: Karbon's list plus any configured one. */
  contactTypes(): Promise<string[]>;
  /** Runs, newest first. */
  history(opts?: { limit?: number }): Promise<RunSummary[]>;
  runChanges(runId: string): Promise<ChangeEntry[]>;
  /**
   * "Not in QuickBooks": Karbon contacts and organizations that are not linked, optionally of
   * some Contact Types (reads the Karbon lists; nothing written).
   */
  notInQuickBooks(opts?: { types?: string[] }): Promise<NotInQuickBooksRow[]>;
  /**
   * Push the back catalogue: the chosen Karbon records, or every unlinked one of the given types,
   * through the push rules (exact → link, none → create the customer, else an item), as a run
   * (trigger 'push'). Refused (DecisionError) before the first completed sync.
   */
  push(request: PushRequest): Promise<RunReport>;
  /** Revert a run's changes, as a run of its own (trigger 'undo', undoOf). */
  undo(runId: string): Promise<UndoReport>;
  /**
   * Put back the value a field change of the history replaced (a conflict's loser, a value the
   * first-link policy overwrote…) on both sides of its pair, as a run of its own (trigger
   * 'decision'). Refused (DecisionError) for a change that is not a field's, or a pair no longer linked.
   */
  restoreValue(changeId: string): Promise<RunReport>;
}

export { createEngine } from './create-engine';
export { DecisionError } from './decisions';
export { describeError } from './describe-error';
export type { NotInQuickBooksRow, PushRequest } from './push-catalogue';
export * from './queries';
export type { UndoReport } from './undo';

// The rows the sync database keeps. Plain JSON values only (no Dates, no class instances) so the
// same rows round-trip through IndexedDB, the JSON backup and the CLI's state file unchanged.
// Times are ISO 8601 strings from the injected clock.
import type { ContactFields, ContactKind, SyncField } from '../contact/model';
import type { KarbonKind } from '../sync/ports';
import type { LinkBase } from '../sync/threeway';

export type Side = 'quickbooks' | 'karbon';

/** How a link came to be; `linkedBy` says whether a person decided it. */
export type LinkHow =
  | 'exact-match'
  | 'created-in-karbon'
  | 'created-in-quickbooks'
  /** Karbon's own QuickBooks integration had linked the pair (ExternalKey). */
  | 'external-key'
  /** A record this engine created earlier, found again by its UserDefinedIdentifier. */
  | 'identifier'
  | 'person';

export type LinkStatus = 'active' | 'inactive' | 'gone';

export interface FieldDifference {
  field: SyncField;
  quickbooks: string;
  karbon: string;
}

export interface LinkRow {
  quickBooksId: string;
  karbonKey: string;
  karbonKind: KarbonKind;
  linkedBy: 'auto' | 'person';
  how: LinkHow;
  linkedAt: string;
  linkedInRun: string;
  lastSyncedAt: string | null;
  /** inactive: the customer was made inactive in QuickBooks; gone: deleted, archived or missing. */
  status: LinkStatus;
  statusSince: string | null;
  /**
   * Three-way base (lib/sync/threeway.ts): per field, the value each side held right after the
   * last sync, as that side stores it. A field absent here has never been synced.
   */
  base: LinkBase;
  /** Fields where both sides hold different values that no rule has settled (client list). */
  differences: FieldDifference[];
  /** Names and first emails as last read, so the client list needs no request. */
  quickBooksName: string;
  quickBooksEmail: string;
  karbonName: string;
  karbonEmail: string;
  /** Versions as last read or written by the engine: lets a later run tell our own writes apart. */
  quickBooksSyncToken: string;
  quickBooksUpdated: string;
  karbonModified: string;
}

/** Why a record waits in "Resolve duplicates". */
export type ReviewReason =
  /** Candidates match by name only or by email only. */
  | 'partial'
  | 'several-exact'
  | 'exact-already-linked'
  | 'exact-unlinked-by-person'
  /** No exact or partial match, but a strong fuzzy suggestion (setting "fuzzy review"). */
  | 'likely-duplicate'
  /** Several QuickBooks customers match the same single Karbon record exactly. */
  | 'shared-candidate'
  /** Karbon's own integration links it to a record that is already linked elsewhere. */
  | 'external-key-conflict'
  /** Pushing a Karbon contact: its only exact match is an inactive QuickBooks customer. */
  | 'exact-inactive'
  /** The DisplayName to create or rename with is held by a customer, vendor or employee (`clash`). */
  | 'name-clash'
  /** Undoing a run: the field was edited again since the run wrote it (`undo`). */
  | 'undo-edited-since'
  /** A person with one name only ("Cher"): Karbon needs a first and a last name to create it. */
  | 'name-incomplete'
  /** The other side does not accept one of its values (`refused`): it is corrected where it was typed. */
  | 'value-refused';

export type MatchReason = 'name' | 'email';

export interface CandidateRow {
  /** Karbon key (origin quickbooks) or QuickBooks id (origin karbon). */
  id: string;
  kind: KarbonKind | 'customer';
  name: string;
  email: string;
  reasons: MatchReason[];
  /** 0..100 from the suggestions ranking; null when not ranked. */
  score: number | null;
  /** Fields that agree, in the person's words ("email", "name", "phone", "postal code"). */
  agreeing: string[];
  /** The record this candidate is already linked to, if any. */
  linkedTo: string | null;
  unlinkedByPerson: boolean;
  /** Karbon's own integration holds this pair (ExternalKey). */
  externalKey: boolean;
}

export type DuplicateStatus = 'open' | 'resolved' | 'skipped';

export interface DuplicateResolution {
  action: 'link' | 'create' | 'skip' | 'automatic' | 'source-gone' | 'rename' | 'restore';
  candidateId: string | null;
  runId: string;
  at: string;
}

export interface DuplicateRow {
  id: string;
  origin: Side;
  sourceId: string;
  sourceKind: ContactKind;
  name: string;
  email: string;
  why: ReviewReason;
  candidates: CandidateRow[];
  status: DuplicateStatus;
  /** Content hash of the source record's synced fields; a skipped item reopens when it changes. */
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
  resolution: DuplicateResolution | null;
  /** why 'name-clash': the DisplayName wanted, who holds it, a free name to accept (the suggestion). */
  clash?: DuplicateClash;
  /**
   * why 'undo-edited-since': the field an undo left alone because it was edited again: what the
   * undo could not restore, and what "restore" writes.
   */
  undo?: DuplicateUndo;
  /** why 'value-refused': what the other side does not accept; `sentence` says where to correct it. */
  refused?: DuplicateRefusal;
}

export interface DuplicateRefusal {
  /** The service that does not accept the values (the record is corrected on the other side). */
  service: Side;
  /** The values refused, as the source holds them; [] when only the service's answer said why. */
  values: Array<{ field: SyncField | 'displayName'; value: string }>;
  /** "Karbon does not accept the email 'a@x.com (billing)' — correct it in QuickBooks." */
  sentence: string;
}

export interface DuplicateClash {
  /** Creating a customer (pushed from Karbon) or renaming a linked one. */
  purpose: 'create' | 'rename';
  displayName: string;
  holders: Array<{ entity: 'Customer' | 'Vendor' | 'Employee'; id: string; displayName: string }>;
  /** A name no one held when checked; QuickBooks checks it again when accepted. */
  suggestion: string;
  /** The customer to rename (purpose 'rename'). */
  quickBooksId: string | null;
}

export interface DuplicateUndo {
  /** The run being undone, and the change of it that could not be reverted. */
  undoneRunId: string;
  changeId: string;
  side: Side;
  field: SyncField | 'displayName';
  quickBooksId: string | null;
  karbonKey: string | null;
  karbonKind: KarbonKind | null;
  /** The value before the undone run wrote (what "restore" writes back). */
  restore: string;
  /** What the undone run wrote, and what the record holds now instead. */
  wrote: string;
  current: string;
}

/** A pair a person unlinked ("Remove match"): never linked automatically again. */
export interface UnlinkRow {
  quickBooksId: string;
  karbonKey: string;
  at: string;
  runId: string;
}

export type RunTrigger = 'manual' | 'schedule' | 'decision' | 'cli' | 'undo' | 'push';
export type RunStatus = 'running' | 'completed' | 'failed';

export type RunPhase =
  | 'starting'
  | 'resuming'
  | 'reading-quickbooks'
  | 'reading-karbon'
  | 'matching'
  | 'checking-karbon'
  | 'linking'
  | 'creating-in-karbon'
  | 'updating'
  | 'pushing'
  | 'undoing'
  | 'deciding'
  | 'finishing';

export interface RunCounts {
  readQuickBooks: number;
  readKarbon: number;
  linked: number;
  createdInKarbon: number;
  createdInQuickBooks: number;
  updatedInKarbon: number;
  updatedInQuickBooks: number;
  conflicts: number;
  /** Items waiting in "Resolve duplicates" because of this run's plan. */
  duplicates: number;
  skipped: number;
  errors: number;
}

export interface RunError {
  /** The record concerned ('' for the run as a whole). */
  sourceId: string;
  /** One sentence saying what happened and what to do (describeError). */
  message: string;
  /** The error's class name ('AuthError', 'RateLimitedError', ...), for the badge, tests and support. */
  code: string;
  /** The service concerned, when the error names one (AuthError → which connection to repair). */
  service: Side | null;
}

export interface RunRow {
  id: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  /** Set when a restarted worker picked the run up again. */
  resumedAt: string | null;
  phase: RunPhase;
  done: number;
  total: number;
  counts: RunCounts;
  requests: { quickbooks: number; karbon: number };
  errors: RunError[];
  /** Undo runs name the run they revert (issue 4). */
  undoOf: string | null;
}

export type ChangeAction = 'link' | 'unlink' | 'create' | 'update' | 'review' | 'resolve' | 'skip' | 'mark';

/** JSON value of a change: a field's text, a whole record's fields, or nothing. */
export type ChangeValue = string | Partial<ContactFields> | null;

export interface ChangeRow {
  id: string;
  runId: string;
  /** Order within the run. */
  seq: number;
  at: string;
  action: ChangeAction;
  /** Where the change was written: a service, or the engine's own records ('link'). */
  side: Side | 'link';
  quickBooksId: string | null;
  karbonKey: string | null;
  karbonKind: KarbonKind | null;
  /** A synced field, or null when the change concerns the whole record or the link. */
  field: SyncField | 'displayName' | 'contactType' | 'active' | 'status' | null;
  before: ChangeValue;
  after: ChangeValue;
  /** Losing value of a conflict, reason of a mark, name shown in history. */
  note: string;
  /** An update that settled a conflict (both sides changed): the run's `conflicts` count. */
  conflict?: true;
}

export type IntentKind = 'create-karbon' | 'create-quickbooks';

/**
 * A write recorded before it is sent, so a run killed between the request and its answer can
 * find out afterwards whether the record exists (lookup by identifier) instead of creating it
 * again.
 */
export interface IntentRow {
  /** `${kind}:${identifier}`: one intent per record to create. */
  id: string;
  kind: IntentKind;
  runId: string;
  status: 'pending' | 'done' | 'failed';
  createdAt: string;
  attempts: number;
  quickBooksId: string | null;
  karbonKey: string | null;
  karbonKind: KarbonKind;
  /** Karbon UserDefinedIdentifier or QuickBooks requestid. */
  identifier: string;
  linkedBy: 'auto' | 'person';
  duplicateItemId: string | null;
  error: string | null;
  /** create-quickbooks: the DisplayName sent with this requestid (a retry must send the same). */
  displayName?: string;
}

export type CheckpointSource = 'quickbooks' | 'karbon:contact' | 'karbon:organization';

export interface CheckpointRow {
  source: CheckpointSource;
  /** QuickBooks: the server time of the last stored answer; Karbon: the high-water mark. */
  value: string;
  updatedAt: string;
  runId: string;
}

/** Remembered answers of `$filter=ExternalKey eq 'id'`, so a waiting item is not asked again. */
export interface ExternalKeyCheckRow {
  quickBooksId: string;
  karbonKind: KarbonKind;
  /** Karbon keys holding that ExternalKey ([] = none). */
  karbonKeys: string[];
  checkedAt: string;
}

/**
 * What a Karbon record's details add to matching beyond its list row (every email, exact name
 * keys), remembered with the record's LastModifiedDateTime: while the record is unchanged, a
 * waiting duplicate's candidates are not fetched again on every run.
 */
export interface KarbonKeysRow {
  /** karbonRef: `${kind}:${key}`. */
  ref: string;
  lastModified: string;
  nameKeys: string[];
  emailKeys: string[];
}

export interface MetaRow {
  key: string;
  value: unknown;
}

// The plan of a run as data (conventions, habit 1): the pure planner returns these, the
// executor performs them, the preview shows them. Nothing here touches a service or the database.
import type { ContactKind } from '../contact/model';
import type { CandidateRow, DuplicateRefusal, LinkHow, LinkStatus, ReviewReason } from '../db/rows';
import type { KarbonKind } from './ports';

export interface KarbonTarget {
  kind: KarbonKind;
  key: string;
  name: string;
  email: string;
}

/** Link a QuickBooks customer to a Karbon record (the first sync's fields are compared then). */
export interface LinkOperation {
  type: 'link';
  quickBooksId: string;
  karbon: KarbonTarget;
  how: LinkHow;
  /** An open duplicate item for this customer, closed by the link. */
  itemId: string | null;
}

/** Create the customer as a new Karbon contact or organization, then link it. */
export interface CreateInKarbonOperation {
  type: 'create-in-karbon';
  quickBooksId: string;
  kind: KarbonKind;
  contactType: string;
  /** UserDefinedIdentifier: found again after a retry instead of created twice. */
  identifier: string;
  itemId: string | null;
}

/** A duplicate item in "Resolve duplicates": nothing is written to either service for it. */
export interface ReviewOperation {
  type: 'review';
  quickBooksId: string;
  sourceKind: ContactKind;
  name: string;
  email: string;
  why: ReviewReason;
  candidates: CandidateRow[];
  fingerprint: string;
  /** The item to update in place (same id, same creation time), or null for a new item. */
  itemId: string | null;
  /** why 'value-refused': what Karbon does not accept, and where to correct it. */
  refused?: DuplicateRefusal;
}

export type LeaveOutReason =
  | 'inactive'
  | 'sub-customer'
  | 'skipped'
  /** Karbon's own integration could not be asked about it (ExternalKey lookup failed): not created blindly. */
  | 'unchecked';

/** Left alone this run, with the reason (shown in the preview; no write). */
export interface LeaveOutOperation {
  type: 'leave-out';
  quickBooksId: string;
  reason: LeaveOutReason;
}

/** An open item whose record is gone, inactive or linked by other means: closed. */
export interface CloseItemOperation {
  type: 'close-item';
  itemId: string;
  quickBooksId: string;
}

/** A link whose records became inactive, deleted or archived (or came back). */
export interface MarkLinkOperation {
  type: 'mark-link';
  quickBooksId: string;
  from: LinkStatus;
  to: LinkStatus;
  note: string;
}

export type PlanOperation =
  | LinkOperation
  | CreateInKarbonOperation
  | ReviewOperation
  | LeaveOutOperation
  | CloseItemOperation
  | MarkLinkOperation;

export interface KarbonRefNeed {
  kind: KarbonKind;
  key: string;
}

/** Reads the planner needs before its plan is final; the orchestrator fetches them and plans again. */
export interface PlanNeeds {
  /** Full records of candidates whose other emails or name parts can change the outcome. */
  details: KarbonRefNeed[];
  /** `$filter=ExternalKey eq id` lookups, one per customer about to be created or reviewed. */
  externalKeys: Array<{ quickBooksId: string; kind: KarbonKind }>;
}

export interface Plan {
  operations: PlanOperation[];
  needs: PlanNeeds;
}

export function hasNeeds(plan: Plan): boolean {
  return plan.needs.details.length > 0 || plan.needs.externalKeys.length > 0;
}

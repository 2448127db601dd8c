// Conflict policies: who wins when both sides changed one field to different values since
// the last sync (RxDB's conflict handler shape: a pure function from the two states to a
// decision). The losing value is never dropped: threeway.ts reports it for the run history.
import type { SyncField } from '../contact/model';
import { isBlank } from './threeway-equal';

export type Side = 'quickbooks' | 'karbon';

/** Settings: who wins a conflict on a linked pair. */
export type ConflictPolicy = 'latest' | 'quickbooks' | 'karbon';
/** Settings: on a first link, fill blanks only (default) or let one side overwrite the other. */
export type FirstLinkPolicy = 'fill-blanks' | 'quickbooks' | 'karbon';

export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = 'latest';
export const DEFAULT_FIRST_LINK_POLICY: FirstLinkPolicy = 'fill-blanks';
/** 'latest' with equal edit times: QuickBooks, the book the firm bills from. */
export const DEFAULT_TIE_WINNER: Side = 'quickbooks';

export function otherSide(side: Side): Side {
  return side === 'quickbooks' ? 'karbon' : 'quickbooks';
}

export interface ConflictContext {
  field: SyncField;
  quickbooks: string;
  karbon: string;
  /** Record-level last-modified times (ISO 8601): QuickBooks MetaData.LastUpdatedTime, Karbon LastModifiedDateTime. */
  quickbooksModified: string;
  karbonModified: string;
  tieWinner: Side;
}

/** Why the winner won, for the history line a person reads. */
export type ConflictReason = 'policy' | 'latest-edit' | 'same-time' | 'blank-never-wins';

export interface ConflictDecision {
  winner: Side;
  reason: ConflictReason;
}

export type ConflictResolver = (ctx: ConflictContext) => ConflictDecision;

/** Unparseable or missing times count as oldest, so a known edit time beats an unknown one. */
function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

export const conflictPolicies: Record<ConflictPolicy, ConflictResolver> = {
  quickbooks: () => ({ winner: 'quickbooks', reason: 'policy' }),
  karbon: () => ({ winner: 'karbon', reason: 'policy' }),
  latest: (ctx) => {
    const q = timeOf(ctx.quickbooksModified);
    const k = timeOf(ctx.karbonModified);
    if (q === k) return { winner: ctx.tieWinner, reason: 'same-time' };
    return { winner: q > k ? 'quickbooks' : 'karbon', reason: 'latest-edit' };
  },
};

/**
 * Decide a conflict. A blank never beats a value (one person cleared a field while another
 * typed a new value: keeping the typed value loses nothing); otherwise the policy decides.
 */
export function decideConflict(policy: ConflictPolicy, ctx: ConflictContext): ConflictDecision {
  const qBlank = isBlank(ctx.field, ctx.quickbooks);
  const kBlank = isBlank(ctx.field, ctx.karbon);
  if (qBlank !== kBlank) return { winner: qBlank ? 'karbon' : 'quickbooks', reason: 'blank-never-wins' };
  return conflictPolicies[policy](ctx);
}

// Three-way change detection for one linked pair, field by field, against the stored base.
//
//   planFields(input) → FieldPlan        pure: what to write where, what to report, the next base
//   settleBase(previous, plan, results)  after the writes: the base to store
//
// The base keeps, per field, the value *as each side holds it* after the last sync. A side
// "changed" a field when its value is no longer the same value (field-aware equality,
// threeway-equal.ts) as its own entry in the base. Because the entry for a side we wrote is
// what that side gave back (settleBase with read-back), a side storing our value its own way
// ("US" for "United States", a phone as typed) is never taken for a person's edit: no echo.
// See docs/matching.md, "Three-way rules" and "Echo suppression".
import type { ContactFields, ContactKind, SyncField } from '../contact/model';
import {
  type ConflictPolicy,
  type ConflictReason,
  DEFAULT_CONFLICT_POLICY,
  DEFAULT_FIRST_LINK_POLICY,
  DEFAULT_TIE_WINNER,
  decideConflict,
  type FirstLinkPolicy,
  otherSide,
  type Side,
} from './conflicts';
import { isBlank, sameValue } from './threeway-equal';
import { fieldsForKind } from './threeway-fields';
import { cannotHold } from './threeway-limits';

export { fieldsForKind } from './threeway-fields';

/** Per field, the value each side held right after the last sync (raw, as that side stores it). */
export interface FieldBase {
  quickbooks: string;
  karbon: string;
}
/** A field without an entry has never been synced for this link (first-link rules apply). */
export type LinkBase = Partial<Record<SyncField, FieldBase>>;

export interface ThreeWayInput {
  /** The link's kind (the Karbon side's): decides which fields sync and what Karbon requires. */
  kind: ContactKind;
  quickbooks: ContactFields;
  karbon: ContactFields;
  /** null for a pair being linked now. */
  base: LinkBase | null;
  /** QuickBooks MetaData.LastUpdatedTime and Karbon LastModifiedDateTime (ISO 8601). */
  quickbooksModified: string;
  karbonModified: string;
  conflictPolicy?: ConflictPolicy;
  firstLinkPolicy?: FirstLinkPolicy;
  /** Winner under 'latest' when both times are equal (default QuickBooks). */
  tieWinner?: Side;
  /** Override the fields compared (default: fieldsForKind(kind)). */
  fields?: readonly SyncField[];
}

export type FieldOutcome =
  | { field: SyncField; action: 'unchanged' }
  /** One side changed (or, on a first link, the other was blank): copy `value` over `previous`. */
  | { field: SyncField; action: 'copy'; to: Side; value: string; previous: string; firstLink: boolean }
  /** Both changed differently (or first-link policy picked a side): `loser` is kept for history. */
  | {
      field: SyncField;
      action: 'conflict';
      winner: Side;
      to: Side;
      value: string;
      loser: string;
      reason: ConflictReason;
      firstLink: boolean;
    }
  /** Both hold different values and neither changed since the base (or first link, fill-blanks): left alone. */
  | { field: SyncField; action: 'different'; quickbooks: string; karbon: string; firstLink: boolean }
  /** `to` cannot hold `value` (too long, forbidden characters, unknown country…): nothing written. */
  | { field: SyncField; action: 'unwritable'; to: Side; value: string; kept: string; problem: string };

export interface FieldPlan {
  outcomes: FieldOutcome[];
  toQuickBooks: Partial<ContactFields>;
  toKarbon: Partial<ContactFields>;
  /** The base to store if every write lands exactly as planned; prefer settleBase(). */
  newBase: LinkBase;
}

interface Ctx {
  input: ThreeWayInput;
  conflictPolicy: ConflictPolicy;
  firstLinkPolicy: FirstLinkPolicy;
  tieWinner: Side;
}

function heldBy(input: ThreeWayInput, side: Side, field: SyncField): string {
  return input[side][field];
}

/** A write to `to`, unless `to` cannot hold the value. */
function writeOrReport(
  ctx: Ctx,
  field: SyncField,
  to: Side,
  value: string,
  outcome: FieldOutcome,
): FieldOutcome {
  const problem = cannotHold(to, field, value, ctx.input.kind);
  if (!problem) return outcome;
  return { field, action: 'unwritable', to, value, kept: heldBy(ctx.input, to, field), problem };
}

function copy(ctx: Ctx, field: SyncField, from: Side, firstLink: boolean): FieldOutcome {
  const to = otherSide(from);
  const value = heldBy(ctx.input, from, field);
  const previous = heldBy(ctx.input, to, field);
  return writeOrReport(ctx, field, to, value, { field, action: 'copy', to, value, previous, firstLink });
}

function conflict(
  ctx: Ctx,
  field: SyncField,
  winner: Side,
  reason: ConflictReason,
  firstLink: boolean,
): FieldOutcome {
  const to = otherSide(winner);
  const value = heldBy(ctx.input, winner, field);
  const loser = heldBy(ctx.input, to, field);
  return writeOrReport(ctx, field, to, value, {
    field,
    action: 'conflict',
    winner,
    to,
    value,
    loser,
    reason,
    firstLink,
  });
}

function planFirstLink(ctx: Ctx, field: SyncField, q: string, k: string): FieldOutcome {
  if (sameValue(field, q, k)) return { field, action: 'unchanged' };
  const qBlank = isBlank(field, q);
  const kBlank = isBlank(field, k);
  if (qBlank || kBlank) return copy(ctx, field, qBlank ? 'karbon' : 'quickbooks', true);
  if (ctx.firstLinkPolicy === 'fill-blanks')
    return { field, action: 'different', quickbooks: q, karbon: k, firstLink: true };
  return conflict(ctx, field, ctx.firstLinkPolicy, 'policy', true);
}

function planLinked(ctx: Ctx, field: SyncField, q: string, k: string, base: FieldBase): FieldOutcome {
  if (sameValue(field, q, k)) return { field, action: 'unchanged' };
  const qChanged = !sameValue(field, q, base.quickbooks);
  const kChanged = !sameValue(field, k, base.karbon);
  if (!qChanged && !kChanged)
    return { field, action: 'different', quickbooks: q, karbon: k, firstLink: false };
  if (qChanged !== kChanged) return copy(ctx, field, qChanged ? 'quickbooks' : 'karbon', false);
  const decision = decideConflict(ctx.conflictPolicy, {
    field,
    quickbooks: q,
    karbon: k,
    quickbooksModified: ctx.input.quickbooksModified,
    karbonModified: ctx.input.karbonModified,
    tieWinner: ctx.tieWinner,
  });
  return conflict(ctx, field, decision.winner, decision.reason, false);
}

/** Decide, for every synced field of one linked pair, what to write where and what to report. */
export function planFields(input: ThreeWayInput): FieldPlan {
  const ctx: Ctx = {
    input,
    conflictPolicy: input.conflictPolicy ?? DEFAULT_CONFLICT_POLICY,
    firstLinkPolicy: input.firstLinkPolicy ?? DEFAULT_FIRST_LINK_POLICY,
    tieWinner: input.tieWinner ?? DEFAULT_TIE_WINNER,
  };
  const plan: FieldPlan = { outcomes: [], toQuickBooks: {}, toKarbon: {}, newBase: {} };
  for (const field of input.fields ?? fieldsForKind(input.kind)) {
    const q = input.quickbooks[field];
    const k = input.karbon[field];
    const base = input.base?.[field];
    const outcome = base ? planLinked(ctx, field, q, k, base) : planFirstLink(ctx, field, q, k);
    plan.outcomes.push(outcome);
    const next: FieldBase = { quickbooks: q, karbon: k };
    if (outcome.action === 'copy' || outcome.action === 'conflict') {
      (outcome.to === 'quickbooks' ? plan.toQuickBooks : plan.toKarbon)[field] = outcome.value;
      next[outcome.to] = outcome.value;
    }
    plan.newBase[field] = next;
  }
  return plan;
}

/** How the writes of a plan went, per side. Pass `{ ok: true }` for a side that had nothing to write. */
export type WriteResult = { ok: true; readBack?: ContactFields } | { ok: false };

/**
 * The base to store after the writes. A field written to a side takes that side's read-back
 * value (what it actually stores: this is the echo suppression). A field whose write failed
 * keeps its previous base on both sides, so the next run sees the same change again.
 * Fields not written keep the values read at planning time: never the read-back, which could
 * carry a person's edit made in between and would hide it.
 */
export function settleBase(
  previous: LinkBase | null,
  plan: FieldPlan,
  results: { quickbooks: WriteResult; karbon: WriteResult },
): LinkBase {
  const base: LinkBase = {};
  for (const [field, planned] of Object.entries(plan.newBase) as [SyncField, FieldBase][]) {
    const wroteQ = field in plan.toQuickBooks;
    const wroteK = field in plan.toKarbon;
    if ((wroteQ && !results.quickbooks.ok) || (wroteK && !results.karbon.ok)) {
      const old = previous?.[field];
      if (old) base[field] = old;
      continue;
    }
    const entry = { ...planned };
    if (wroteQ && results.quickbooks.ok && results.quickbooks.readBack)
      entry.quickbooks = results.quickbooks.readBack[field];
    if (wroteK && results.karbon.ok && results.karbon.readBack) entry.karbon = results.karbon.readBack[field];
    base[field] = entry;
  }
  return base;
}

/** True when the plan writes nothing to either side. */
export function isQuiet(plan: FieldPlan): boolean {
  return Object.keys(plan.toQuickBooks).length === 0 && Object.keys(plan.toKarbon).length === 0;
}

// The pure planner of Sync Now (shared/spec/product.md, "Matching rules"): both sides' records
// plus the database in, typed operations out. No I/O, no clock: the same input always gives the
// same plan, which is why the preview equals the run.
//
// For each active, non-job QuickBooks customer that is not linked yet:
//   0. skipped by a person and unchanged since → left out;
//   1. a Karbon record carrying our UserDefinedIdentifier (created by an earlier, maybe killed,
//      run) and not unlinked by a person → link it;
//   2. exactly one Karbon record matches by name AND email, is not linked (nor claimed by
//      another customer in this plan) and the pair was not unlinked by a person → link;
//   3. otherwise, before creating or reviewing, Karbon's own integration is asked
//      (ExternalKey): one unlinked record holds the customer id → link it;
//   4. no record matches by name or email → create in Karbon (or review when the fuzzy
//      suggestions see a likely duplicate and the setting is on, when a person's name is a
//      single word Karbon cannot hold, or when Karbon does not accept one of its values);
//   5. anything else → a duplicate item listing every candidate with its reasons.
import { emailKeys, quickBooksNameKeys } from '../contact/keys';
import type {
  CandidateRow,
  DuplicateRow,
  KarbonKeysRow,
  LinkRow,
  LinkStatus,
  ReviewReason,
  UnlinkRow,
} from '../db/rows';
import type { Settings } from '../db/settings';
import { customerFingerprint } from './fingerprint';
import { karbonIdentifiersFor, karbonRef } from './identity';
import { buildKarbonIndex, candidatesFor, type KarbonIndex, type KarbonView } from './karbon-index';
import { hasKarbonPersonName } from './karbon-name';
import type { KarbonRefNeed, LinkOperation, Plan, PlanOperation, ReviewOperation } from './plan';
import type { KarbonKind, KarbonRecord, KarbonSummary, QuickBooksCustomer } from './ports';
import { karbonCreateRefusal, rememberedRefusal } from './refused-values';

/** At most this many partial candidates of one customer get their details fetched. */
export const MAX_DETAILED_CANDIDATES = 10;

export interface Suggestion {
  ref: string;
  score: number;
  agreeing: string[];
}

/** Fuzzy suggestions for a customer among the Karbon records (lib/sync/suggestions). */
export type SuggestFn = (customer: QuickBooksCustomer, index: KarbonIndex) => Suggestion[];

/** Scores and explains a known list of candidates (ref = the view's ref), for "Resolve duplicates". */
export type RankFn = (customer: QuickBooksCustomer, candidates: readonly KarbonView[]) => Suggestion[];

export interface PlannerInput {
  customers: readonly QuickBooksCustomer[];
  karbon: readonly KarbonSummary[];
  /** Full Karbon records fetched so far, by karbonRef; null = no longer exists. */
  details: ReadonlyMap<string, KarbonRecord | null>;
  /** Detail keys remembered from earlier runs, by karbonRef (used while the record is unchanged). */
  knownKeys?: ReadonlyMap<string, KarbonKeysRow>;
  /** ExternalKey lookups by QuickBooks id: Karbon keys found ([] none), or null when the lookup failed. */
  externalKeys: ReadonlyMap<string, readonly string[] | null>;
  links: readonly LinkRow[];
  unlinks: readonly UnlinkRow[];
  /** Duplicate items of QuickBooks origin that are open or skipped. */
  items: readonly DuplicateRow[];
  settings: Pick<Settings, 'newContactType' | 'fuzzyReview' | 'fuzzyThreshold' | 'includeSubCustomers'>;
  suggest?: SuggestFn;
  rank?: RankFn;
  /**
   * Incremental runs: a side's list holds only the records that changed. A record absent from a
   * partial list is "not read", not "gone": its link is not marked and its open item not closed.
   */
  partial?: { quickbooks: boolean; karbon: boolean };
}

export function karbonKindOf(customer: QuickBooksCustomer): KarbonKind {
  return customer.contact.kind === 'organization' ? 'organization' : 'contact';
}

interface Matching {
  customer: QuickBooksCustomer;
  item: DuplicateRow | undefined;
  exact: KarbonView[];
  candidates: Map<string, { view: KarbonView; name: boolean; email: boolean }>;
}

export function plan(input: PlannerInput): Plan {
  const index = buildKarbonIndex(input.karbon, input.details, input.knownKeys);
  const linkByCustomer = new Map(input.links.map((l) => [l.quickBooksId, l]));
  // Every Karbon record linked (or claimed in this plan) → the customer holding it.
  const claimed = new Map(input.links.map((l) => [karbonRef(l.karbonKind, l.karbonKey), l.quickBooksId]));
  const unlinked = new Set(input.unlinks.map((u) => `${u.quickBooksId}|${u.karbonKey}`));
  const itemByCustomer = new Map(
    input.items.filter((i) => i.origin === 'quickbooks').map((i) => [i.sourceId, i]),
  );
  const customers = [...input.customers].sort((a, b) => compareIds(a.id, b.id));
  const ops: PlanOperation[] = [...markLinks(input, index)];
  const needDetails = new Map<string, KarbonRefNeed>();
  const needExternal: Plan['needs']['externalKeys'] = [];
  const handled = new Set<string>();

  // Steps 0–1 and the candidate sets, in id order.
  const pending: Matching[] = [];
  for (const c of customers) {
    if (linkByCustomer.has(c.id)) continue;
    handled.add(c.id);
    const item = itemByCustomer.get(c.id);
    const leaveOut =
      c.isJob && !input.settings.includeSubCustomers ? 'sub-customer' : !c.active ? 'inactive' : null;
    if (leaveOut) {
      ops.push({ type: 'leave-out', quickBooksId: c.id, reason: leaveOut });
      if (item?.status === 'open') ops.push({ type: 'close-item', itemId: item.id, quickBooksId: c.id });
      continue;
    }
    if (item?.status === 'skipped' && item.fingerprint === customerFingerprint(c)) {
      ops.push({ type: 'leave-out', quickBooksId: c.id, reason: 'skipped' });
      continue;
    }
    const own = ownRecords(index, c.id).find((v) => !claimed.has(v.ref) && !unlinked.has(`${c.id}|${v.key}`));
    if (own) {
      claimed.set(own.ref, c.id);
      ops.push(linkOp(c.id, own, 'identifier', item));
      continue;
    }
    const candidates = candidatesFor(index, quickBooksNameKeys(c), emailKeys(c.contact.fields.email));
    const exact = [...candidates.values()].filter((e) => e.name && e.email).map((e) => e.view);
    pending.push({ customer: c, item, exact, candidates });
  }

  // Step 2: a sole exact candidate is linked unless something else holds it. Counted over the
  // whole plan first so that the outcome does not depend on the order of customers.
  const soleExactCount = new Map<string, number>();
  for (const m of pending) {
    const only = m.exact.length === 1 ? m.exact[0] : undefined;
    if (only) soleExactCount.set(only.ref, (soleExactCount.get(only.ref) ?? 0) + 1);
  }
  const undecided: Array<Matching & { why: ReviewReason | null }> = [];
  for (const m of pending) {
    const only = m.exact.length === 1 ? m.exact[0] : undefined;
    if (!only) {
      undecided.push({
        ...m,
        why: m.exact.length > 1 ? 'several-exact' : m.candidates.size > 0 ? 'partial' : null,
      });
      continue;
    }
    const why: ReviewReason | null = claimed.has(only.ref)
      ? 'exact-already-linked'
      : unlinked.has(`${m.customer.id}|${only.key}`)
        ? 'exact-unlinked-by-person'
        : (soleExactCount.get(only.ref) ?? 0) > 1
          ? 'shared-candidate'
          : null;
    if (why) {
      undecided.push({ ...m, why });
      continue;
    }
    claimed.set(only.ref, m.customer.id);
    ops.push(linkOp(m.customer.id, only, 'exact-match', m.item));
  }

  // Steps 3–5.
  for (const m of undecided) {
    const c = m.customer;
    const kind = karbonKindOf(c);
    const external = input.externalKeys.get(c.id);
    if (external === undefined) needExternal.push({ quickBooksId: c.id, kind });
    const externalViews = (external ?? [])
      .map((key) => index.byRef.get(karbonRef(kind, key)))
      .filter((v): v is KarbonView => v !== undefined);
    let why = m.why;
    if (externalViews.length === 1 && externalViews[0]) {
      const target = externalViews[0];
      if (!claimed.has(target.ref) && !unlinked.has(`${c.id}|${target.key}`)) {
        claimed.set(target.ref, c.id);
        ops.push(linkOp(c.id, target, 'external-key', m.item));
        continue;
      }
      if (claimed.has(target.ref)) why = why ?? 'external-key-conflict';
    }
    for (const v of externalViews) {
      if (!m.candidates.has(v.ref)) m.candidates.set(v.ref, { view: v, name: false, email: false });
    }
    if (why === null && m.candidates.size > 0) why = 'partial';

    if (why === null) {
      const strong = input.settings.fuzzyReview && input.suggest ? strongSuggestions(input, c, index) : [];
      if (strong.length > 0) {
        ops.push(reviewOp(index, m, 'likely-duplicate', strong, claimed, unlinked, new Set(), input.rank));
        continue;
      }
      if (external === null) {
        ops.push({ type: 'leave-out', quickBooksId: c.id, reason: 'unchecked' });
        continue;
      }
      if (kind === 'contact' && !hasKarbonPersonName(c)) {
        // Karbon would refuse it on every run: a person says what the name is (docs/engine.md).
        ops.push(reviewOp(index, m, 'name-incomplete', [], claimed, unlinked, new Set(), input.rank));
        continue;
      }
      // A value Karbon does not accept (seen before sending, or remembered from Karbon's answer
      // while the customer is unchanged): it waits with what to correct, not refused on every run.
      const refused = karbonCreateRefusal(c, kind) ?? rememberedRefusal(m.item, customerFingerprint(c));
      if (refused) {
        const op = reviewOp(index, m, 'value-refused', [], claimed, unlinked, new Set(), input.rank);
        ops.push({ ...op, refused });
        continue;
      }
      ops.push({
        type: 'create-in-karbon',
        quickBooksId: c.id,
        kind,
        contactType: input.settings.newContactType,
        identifier: freeIdentifier(index, c.id),
        itemId: m.item?.status === 'open' ? m.item.id : null,
      });
      continue;
    }
    if (why === 'partial') {
      // A partial candidate's other emails or name parts can make it exact: fetch its details.
      let asked = 0;
      for (const { view } of m.candidates.values()) {
        if (asked >= MAX_DETAILED_CANDIDATES) break;
        asked++;
        if (!view.detailed) needDetails.set(view.ref, { kind: view.kind, key: view.key });
      }
    }
    const externalRefs = new Set(externalViews.map((v) => v.ref));
    ops.push(reviewOp(index, m, why, [], claimed, unlinked, externalRefs, input.rank));
  }

  // Open items whose customer is now linked, or no longer listed at all.
  for (const item of itemByCustomer.values()) {
    const listed = handled.has(item.sourceId) || linkByCustomer.has(item.sourceId);
    const known = listed || !input.partial?.quickbooks;
    if (item.status === 'open' && !handled.has(item.sourceId) && known) {
      ops.push({ type: 'close-item', itemId: item.id, quickBooksId: item.sourceId });
    }
  }
  return { operations: ops, needs: { details: [...needDetails.values()], externalKeys: needExternal } };
}

/** Records carrying one of our identifiers for this customer (made by an earlier, maybe stopped, run). */
function ownRecords(index: KarbonIndex, quickBooksId: string): KarbonView[] {
  const out: KarbonView[] = [];
  for (let n = 1; ; n++) {
    const view = index.byIdentifier.get(karbonIdentifiersFor(quickBooksId, n).toLowerCase());
    if (!view) return out;
    out.push(view);
  }
}

/** The first of our identifiers for this customer that no Karbon record holds. */
export function freeIdentifier(index: KarbonIndex, quickBooksId: string): string {
  for (let n = 1; ; n++) {
    const id = karbonIdentifiersFor(quickBooksId, n);
    if (!index.byIdentifier.has(id.toLowerCase())) return id;
  }
}

function linkOp(
  quickBooksId: string,
  view: KarbonView,
  how: LinkOperation['how'],
  item: DuplicateRow | undefined,
): LinkOperation {
  return {
    type: 'link',
    quickBooksId,
    karbon: { kind: view.kind, key: view.key, name: view.name, email: view.email },
    how,
    itemId: item?.status === 'open' ? item.id : null,
  };
}

function strongSuggestions(input: PlannerInput, c: QuickBooksCustomer, index: KarbonIndex): Suggestion[] {
  const threshold = input.settings.fuzzyThreshold;
  return (input.suggest?.(c, index) ?? []).filter((s) => s.score >= threshold && index.byRef.has(s.ref));
}

function reviewOp(
  index: KarbonIndex,
  m: Matching,
  why: ReviewReason,
  suggestions: Suggestion[],
  claimed: ReadonlyMap<string, string>,
  unlinked: ReadonlySet<string>,
  externalRefs: ReadonlySet<string>,
  rank: RankFn | undefined,
): ReviewOperation {
  const c = m.customer;
  const rows: CandidateRow[] = [];
  const candidateRow = (view: KarbonView, name: boolean, email: boolean, s?: Suggestion): CandidateRow => ({
    id: view.key,
    kind: view.kind,
    name: view.name,
    email: view.email,
    reasons: [...(name ? (['name'] as const) : []), ...(email ? (['email'] as const) : [])],
    score: s?.score ?? null,
    agreeing: s?.agreeing ?? [...(email ? ['email'] : []), ...(name ? ['name'] : [])],
    linkedTo: claimed.get(view.ref) ?? null,
    unlinkedByPerson: unlinked.has(`${c.id}|${view.key}`),
    externalKey: externalRefs.has(view.ref),
  });
  const ranked =
    rank && m.candidates.size > 0
      ? rank(
          c,
          [...m.candidates.values()].map((e) => e.view),
        )
      : [];
  const scored = new Map([...ranked, ...suggestions].map((s) => [s.ref, s]));
  for (const { view, name, email } of m.candidates.values()) {
    rows.push(candidateRow(view, name, email, scored.get(view.ref)));
  }
  for (const s of suggestions) {
    const view = index.byRef.get(s.ref);
    if (view && !m.candidates.has(s.ref)) rows.push(candidateRow(view, false, false, s));
  }
  return {
    type: 'review',
    quickBooksId: c.id,
    sourceKind: c.contact.kind,
    name: c.displayName,
    email: c.contact.fields.email,
    why,
    candidates: rows.sort(byStrength),
    fingerprint: customerFingerprint(c),
    itemId: m.item?.id ?? null,
  };
}

/** Exact candidates first, then email, then name; ties by name and key for a stable order. */
export function byStrength(a: CandidateRow, b: CandidateRow): number {
  const rank = (r: CandidateRow) => (r.reasons.length === 2 ? 0 : r.reasons.includes('email') ? 1 : 2);
  return (
    rank(a) - rank(b) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    a.name.localeCompare(b.name) ||
    a.id.localeCompare(b.id)
  );
}

/** QuickBooks ids are numeric strings: order them as numbers, anything else as text. */
export function compareIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Links whose records went inactive, were deleted or archived, or came back. */
function markLinks(input: PlannerInput, index: KarbonIndex): PlanOperation[] {
  const customers = new Map(input.customers.map((c) => [c.id, c]));
  const ops: PlanOperation[] = [];
  for (const link of [...input.links].sort((a, b) => compareIds(a.quickBooksId, b.quickBooksId))) {
    const c = customers.get(link.quickBooksId);
    if (!c && input.partial?.quickbooks) continue;
    const ref = karbonRef(link.karbonKind, link.karbonKey);
    // A partial Karbon list cannot tell "gone" from "not changed"; a full one can.
    const karbonGone = !index.byRef.has(ref) && !input.partial?.karbon;
    let to: LinkStatus = 'active';
    let note = '';
    if (!c || c.deleted) {
      to = 'gone';
      note = 'The QuickBooks customer was deleted';
    } else if (karbonGone) {
      to = 'gone';
      note = 'The Karbon record was archived or deleted';
    } else if (!c.active) {
      to = 'inactive';
      note = 'The QuickBooks customer was made inactive';
    }
    if (to !== link.status)
      ops.push({ type: 'mark-link', quickBooksId: link.quickBooksId, from: link.status, to, note });
  }
  return ops;
}

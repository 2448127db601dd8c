// Pushing Karbon contacts to QuickBooks (product.md, "Pushing Karbon contacts to QuickBooks"):
// the matching rules of Sync Now, mirrored. Pure: records and database rows in, operations out.
// For each Karbon record to push (not linked, of a pushed type, new or changed since the first
// sync, or chosen by a person):
//   0. a create of it may have landed (its intent is pending) → sent again as it was (requestid);
//      skipped by a person and unchanged since → left out;
//   1. exactly one active QuickBooks customer matches by name AND email, is not linked (nor
//      claimed by another record in this plan) and the pair was not unlinked by a person → link;
//   2. no customer matches by name or by email (inactive ones included) → create the customer,
//      unless the fuzzy suggestions see a likely duplicate (setting "fuzzy review") → review, or
//      QuickBooks does not accept one of its values → review (`value-refused`);
//   3. anything else → a duplicate item (origin 'karbon') listing every candidate with its
//      reasons; its "create new" creates the customer in QuickBooks.
// Sub-customers (jobs) are not clients: they are never candidates.
import { contactNameKeys, emailKeys, quickBooksNameKeys } from '../contact/keys';
import type {
  CandidateRow,
  DuplicateRefusal,
  DuplicateRow,
  LinkRow,
  ReviewReason,
  UnlinkRow,
} from '../db/rows';
import { karbonRef } from './identity';
import { byStrength } from './planner';
import type { KarbonRecord, QuickBooksCustomer } from './ports';
import { quickBooksCreateRefusal, rememberedRefusal } from './refused-values';
import {
  buildSuggestionIndex,
  matchRecordFromCustomer,
  matchRecordFromKarbonRecord,
  type Suggestion,
  suggest,
} from './suggestions';
import { karbonFingerprint } from './twoway-items';

export type PushOperation =
  | { type: 'link'; record: KarbonRecord; customerId: string; itemId: string | null }
  | { type: 'create-in-quickbooks'; record: KarbonRecord; itemId: string | null }
  | {
      type: 'review';
      record: KarbonRecord;
      why: ReviewReason;
      candidates: CandidateRow[];
      fingerprint: string;
      refused?: DuplicateRefusal;
    }
  | { type: 'leave-out'; record: KarbonRecord; reason: 'skipped' | 'linked' };

export interface PushInput {
  records: readonly KarbonRecord[];
  /** Every QuickBooks customer, inactive ones included. */
  customers: readonly QuickBooksCustomer[];
  links: readonly LinkRow[];
  unlinks: readonly UnlinkRow[];
  /** Items of origin 'karbon' that are open or skipped. */
  items: readonly DuplicateRow[];
  /** Likely duplicates wait for review instead of being created (null = off). */
  fuzzyThreshold: number | null;
  /** Records (karbonRef) whose create may have landed: sent again as they were, never matched. */
  pendingCreates?: ReadonlySet<string>;
}

interface Candidate {
  customer: QuickBooksCustomer;
  name: boolean;
  email: boolean;
}

export function planPush(input: PushInput): PushOperation[] {
  const customers = input.customers.filter((c) => !c.isJob && !c.deleted);
  const byId = new Map(customers.map((c) => [c.id, c]));
  const byName = indexBy(customers, (c) => quickBooksNameKeys(c));
  const byEmail = indexBy(customers, (c) => emailKeys(c.contact.fields.email));
  const linkedKarbon = new Set(input.links.map((l) => karbonRef(l.karbonKind, l.karbonKey)));
  const holderOf = new Map(input.links.map((l) => [l.quickBooksId, l.karbonKey]));
  const unlinked = new Set(input.unlinks.map((u) => `${u.quickBooksId}|${u.karbonKey}`));
  const itemOf = new Map(input.items.map((i) => [i.sourceId, i]));
  const ops: PushOperation[] = [];

  const pending: Array<{ record: KarbonRecord; candidates: Candidate[]; item: DuplicateRow | undefined }> =
    [];
  for (const record of [...input.records].sort((a, b) => a.key.localeCompare(b.key))) {
    if (linkedKarbon.has(karbonRef(record.kind, record.key))) {
      ops.push({ type: 'leave-out', record, reason: 'linked' });
      continue;
    }
    const item = itemOf.get(record.key);
    if (input.pendingCreates?.has(karbonRef(record.kind, record.key))) {
      ops.push({ type: 'create-in-quickbooks', record, itemId: item?.status === 'open' ? item.id : null });
      continue;
    }
    if (item?.status === 'skipped' && item.fingerprint === karbonFingerprint(record)) {
      ops.push({ type: 'leave-out', record, reason: 'skipped' });
      continue;
    }
    const found = new Map<string, Candidate>();
    const hit = (c: QuickBooksCustomer, reason: 'name' | 'email') => {
      const entry = found.get(c.id) ?? { customer: c, name: false, email: false };
      entry[reason] = true;
      found.set(c.id, entry);
    };
    for (const k of contactNameKeys(record.contact)) for (const c of byName.get(k) ?? []) hit(c, 'name');
    for (const k of emailKeys(record.contact.fields.email))
      for (const c of byEmail.get(k) ?? []) hit(c, 'email');
    pending.push({ record, candidates: [...found.values()], item });
  }

  // A sole exact customer shared by several records of this plan links none of them.
  const soleExact = new Map<string, number>();
  const exactOf = (cands: Candidate[]) => cands.filter((c) => c.name && c.email && c.customer.active);
  for (const p of pending) {
    const exact = exactOf(p.candidates);
    const only = exact.length === 1 ? exact[0] : undefined;
    if (only) soleExact.set(only.customer.id, (soleExact.get(only.customer.id) ?? 0) + 1);
  }

  let fuzzy: ReturnType<typeof buildSuggestionIndex> | null = null;
  const claimed = new Set(holderOf.keys());
  for (const { record, candidates, item } of pending) {
    const itemId = item?.status === 'open' ? item.id : null;
    const exact = exactOf(candidates);
    const only = exact.length === 1 ? exact[0] : undefined;
    let why: ReviewReason | null = null;
    if (only) {
      const id = only.customer.id;
      why = claimed.has(id)
        ? 'exact-already-linked'
        : unlinked.has(`${id}|${record.key}`)
          ? 'exact-unlinked-by-person'
          : (soleExact.get(id) ?? 0) > 1
            ? 'shared-candidate'
            : null;
      if (!why) {
        claimed.add(id);
        ops.push({ type: 'link', record, customerId: id, itemId });
        continue;
      }
    } else if (exact.length > 1) why = 'several-exact';
    else if (candidates.some((c) => c.name && c.email)) why = 'exact-inactive';
    else if (candidates.length > 0) why = 'partial';

    let suggestions: Suggestion[] = [];
    if (!why && input.fuzzyThreshold !== null) {
      fuzzy ??= buildSuggestionIndex(customers.map((c) => matchRecordFromCustomer(c)));
      const threshold = input.fuzzyThreshold;
      suggestions = suggest(fuzzy, matchRecordFromKarbonRecord(record)).filter((s) => s.score >= threshold);
      if (suggestions.length > 0) why = 'likely-duplicate';
    }
    if (!why) {
      // A value QuickBooks does not accept (seen before sending, or remembered from its answer
      // while the record is unchanged): the record waits with what to correct in Karbon.
      const refused = quickBooksCreateRefusal(record) ?? rememberedRefusal(item, karbonFingerprint(record));
      if (refused) {
        ops.push({
          type: 'review',
          record,
          why: 'value-refused',
          candidates: [],
          fingerprint: karbonFingerprint(record),
          refused,
        });
        continue;
      }
      ops.push({ type: 'create-in-quickbooks', record, itemId });
      continue;
    }
    const row = (
      c: QuickBooksCustomer,
      name: boolean,
      email: boolean,
      s: Suggestion | null,
    ): CandidateRow => ({
      id: c.id,
      kind: 'customer',
      name: c.displayName + (c.active ? '' : ' (inactive)'),
      email: c.contact.fields.email,
      reasons: [...(name ? (['name'] as const) : []), ...(email ? (['email'] as const) : [])],
      score: s?.score ?? null,
      agreeing: s?.agreeing ?? [...(email ? ['email'] : []), ...(name ? ['name'] : [])],
      linkedTo: holderOf.get(c.id) ?? null,
      unlinkedByPerson: unlinked.has(`${c.id}|${record.key}`),
      externalKey: false,
    });
    const rows = candidates.map((c) => row(c.customer, c.name, c.email, null));
    for (const s of suggestions) {
      const c = byId.get(s.id);
      if (c && !candidates.some((k) => k.customer.id === s.id)) rows.push(row(c, false, false, s));
    }
    ops.push({
      type: 'review',
      record,
      why,
      candidates: rows.sort(byStrength),
      fingerprint: karbonFingerprint(record),
    });
  }
  return ops;
}

function indexBy(
  customers: readonly QuickBooksCustomer[],
  keys: (c: QuickBooksCustomer) => Set<string>,
): Map<string, QuickBooksCustomer[]> {
  const out = new Map<string, QuickBooksCustomer[]>();
  for (const c of customers) {
    for (const k of keys(c)) {
      const list = out.get(k);
      if (list) list.push(c);
      else out.set(k, [c]);
    }
  }
  return out;
}

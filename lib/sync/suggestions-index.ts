// Blocking: only candidates that share a cheap key with the record are scored, so 10,000
// customers against 10,000 contacts costs a few candidates each instead of 10^8 comparisons.
// Keys: each email address, the last seven digits of each phone, each postal code, the
// email's company domain, each name word, and word pairs with one side cut to its initial
// (a typo in one word of a two-word name still shares a key); a one-word name also gets its
// one-letter deletions, which every single typo shares. Keys held by too many records say
// little and are skipped (the usual stop-word rule of blocking).
import type { PreparedRecord, TokenStats } from './suggestions-score';

/** A key shared by more records than this is not used to find candidates. */
export const BLOCK_CAP = 100;
/** At most this many candidates (those sharing the most keys) are scored per record. */
export const MAX_SCORED = 20;
const MAX_NAME_WORDS = 5;

function nameKeys(core: readonly string[], out: Set<string>): void {
  const words = [...new Set(core)].sort().slice(0, MAX_NAME_WORDS);
  for (const w of words) if (w.length >= 2) out.add(`t:${w}`);
  if (words.length === 1) {
    const w = words[0] ?? '';
    if (w.length >= 4) for (let i = 0; i < w.length; i++) out.add(`x:${w.slice(0, i)}${w.slice(i + 1)}`);
    return;
  }
  // Each word with the initial of each other word, so the key does not depend on the words' order:
  // a typo can change which of two words sorts first ("judj jmoi" / "judj jxoi"), not its initial.
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j < words.length; j++) {
      const a = words[i] ?? '';
      const b = words[j] ?? '';
      out.add(`n:${a}|${b[0]}`);
      out.add(`n:${b}|${a[0]}`);
    }
  }
}

export function blockingKeys(r: PreparedRecord): string[] {
  const keys = new Set<string>();
  for (const e of r.emails) keys.add(`e:${e}`);
  for (const d of r.domains) keys.add(`d:${d}`);
  for (const p of r.phones) keys.add(`p:${p.slice(-7)}`);
  for (const z of r.postalCodes) keys.add(`z:${z}`);
  for (const n of r.names) nameKeys(n.core, keys);
  return [...keys];
}

export interface BlockingIndex extends TokenStats {
  records: PreparedRecord[];
  postings: Map<string, number[]>;
}

export function buildBlockingIndex(records: readonly PreparedRecord[]): BlockingIndex {
  const postings = new Map<string, number[]>();
  const wordCounts = new Map<string, number>();
  records.forEach((r, i) => {
    for (const k of blockingKeys(r)) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
    const words = new Set(r.names.flatMap((n) => n.core));
    for (const w of words) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  });
  return {
    records: [...records],
    postings,
    size: records.length,
    df: (token) => wordCounts.get(token) ?? 0,
    weights: new Map(),
  };
}

/** Records sharing a usable key with `record`, most shared keys first, at most MAX_SCORED. */
export function blockCandidates(index: BlockingIndex, record: PreparedRecord): PreparedRecord[] {
  const shared = new Map<number, number>();
  for (const k of blockingKeys(record)) {
    const list = index.postings.get(k);
    if (!list || list.length > BLOCK_CAP) continue;
    for (const i of list) shared.set(i, (shared.get(i) ?? 0) + 1);
  }
  return [...shared]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_SCORED)
    .flatMap(([i]) => index.records[i] ?? []);
}

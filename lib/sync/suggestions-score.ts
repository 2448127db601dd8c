// Scoring one pair of records, Fellegi–Sunter style: each field adds a weight (log2 of how much
// likelier its agreement is for one client than for two), a missing value adds nothing, and
// the total becomes a 0–100 score. Name weights follow how rare the name's words are among the
// candidates, so "John Smith" agreeing counts for less than "Quixotic Widgets". Every weight is
// kept with its field so a person sees why (docs/matching.md, "How suggestions score").
import { jaroWinkler } from './suggestions-jaro';
import { type NormalizedName, phonesAgree } from './suggestions-normalize';

/** A name with what every comparison needs worked out once. */
export interface PreparedName extends NormalizedName {
  sorted: string[];
  sortedKey: string;
  joined: string;
  set: Set<string>;
}

export function prepareName(n: NormalizedName): PreparedName {
  const sorted = [...n.core].sort();
  return { ...n, sorted, sortedKey: sorted.join(' '), joined: n.core.join(''), set: new Set(sorted) };
}

export interface PreparedRecord {
  id: string;
  names: PreparedName[];
  emails: Set<string>;
  domains: Set<string>;
  phones: string[];
  postalCodes: Set<string>;
}

export type EvidenceField = 'email' | 'name' | 'phone' | 'postalCode';
export type EvidenceLevel = 'exact' | 'close' | 'similar' | 'partial' | 'domain' | 'different';

export interface Evidence {
  field: EvidenceField;
  level: EvidenceLevel;
  /** log2 weight this evidence added (negative for a disagreement). */
  weight: number;
  /** What agreed or differed, in the records' own words. */
  detail: string;
}

/** How often each name word occurs among the indexed candidates. */
export interface TokenStats {
  size: number;
  df(token: string): number;
  /** Memo of word weights (they depend only on the stats). */
  weights: Map<string, number>;
}

export const WEIGHTS = {
  emailExact: 13,
  emailDomain: 4,
  emailDifferent: -1,
  phoneAgree: 11,
  phoneDifferent: -1.5,
  postalAgree: 4,
  postalDifferent: -1.5,
  nameDifferent: -4,
  /** An exact name is worth at least this much (a rare word is worth more) and at most the cap. */
  nameExactFloor: 11,
  nameExactCap: 16,
  nameSubset: 0.9,
  nameClose: 0.6,
  nameSimilar: 0.3,
  /** A shared word alone: half its rarity, at most the cap. */
  namePartialShare: 0.5,
  namePartialCap: 5,
  /** Total weight that scores 50. */
  midpoint: 7,
} as const;

// Smoothing toward a typical name word (1 in 64) so a handful of candidates gives sane weights.
const PRIOR_COUNT = 1000;
const TYPICAL_WORD_FREQUENCY = 1 / 64;

function tokenWeight(stats: TokenStats, token: string): number {
  let w = stats.weights.get(token);
  if (w === undefined) {
    const u = (stats.df(token) + PRIOR_COUNT * TYPICAL_WORD_FREQUENCY) / (stats.size + PRIOR_COUNT);
    w = Math.min(10, Math.max(1, -Math.log2(u)));
    stats.weights.set(token, w);
  }
  return w;
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  // An initial against the name it abbreviates.
  if ((a.length === 1 || b.length === 1) && a[0] === b[0]) return 0.9;
  return jaroWinkler(a, b);
}

/** Monge-Elkan: each word's best match in the other name, averaged, both ways. */
function mongeElkan(a: readonly string[], b: readonly string[]): number {
  // best[i] for a's words, bestB[j] for b's: one pass over the pairs fills both directions.
  const bestB = new Array<number>(b.length).fill(0);
  let sumA = 0;
  for (const t of a) {
    let best = 0;
    for (let j = 0; j < b.length; j++) {
      const sim = tokenSimilarity(t, b[j] ?? '');
      if (sim > best) best = sim;
      if (sim > (bestB[j] ?? 0)) bestB[j] = sim;
    }
    sumA += best;
  }
  const sumB = bestB.reduce((x, y) => x + y, 0);
  return (sumA / a.length + sumB / b.length) / 2;
}

interface NameComparison {
  level: EvidenceLevel;
  weight: number;
}

function compareNames(a: PreparedName, b: PreparedName, stats: TokenStats): NameComparison {
  const words = (n: PreparedName) => n.core.reduce((s, t) => s + tokenWeight(stats, t), 0);
  // The shorter name bounds the evidence: "Jane Smith" within "Jane A Smith" proves no more than "Jane Smith".
  const exactWeight = Math.min(
    WEIGHTS.nameExactCap,
    Math.max(WEIGHTS.nameExactFloor, Math.min(words(a), words(b))),
  );
  // "Mc Donald" and "McDonald": the same letters, spaced differently.
  if (a.sortedKey === b.sortedKey || a.joined === b.joined) return { level: 'exact', weight: exactWeight };
  const [small, big] = a.set.size <= b.set.size ? [a.set, b.set] : [b.set, a.set];
  if (small.size >= 2 && [...small].every((t) => big.has(t)))
    return { level: 'close', weight: WEIGHTS.nameSubset * exactWeight };
  const similarity = mongeElkan(a.sorted, b.sorted);
  if (similarity >= 0.94) return { level: 'close', weight: WEIGHTS.nameClose * exactWeight };
  if (similarity >= 0.88) return { level: 'similar', weight: WEIGHTS.nameSimilar * exactWeight };
  const shared = b.sorted.filter((t) => a.set.has(t));
  if (shared.length > 0) {
    const rarest = Math.max(...shared.map((t) => tokenWeight(stats, t)));
    return { level: 'partial', weight: Math.min(WEIGHTS.namePartialCap, rarest * WEIGHTS.namePartialShare) };
  }
  return { level: 'different', weight: WEIGHTS.nameDifferent };
}

function nameEvidence(a: PreparedRecord, b: PreparedRecord, stats: TokenStats): Evidence | null {
  let best: (NameComparison & { detail: string }) | null = null;
  for (const na of a.names) {
    for (const nb of b.names) {
      const c = compareNames(na, nb, stats);
      if (!best || c.weight > best.weight)
        best = { ...c, detail: `"${na.tokens.join(' ')}" / "${nb.tokens.join(' ')}"` };
    }
  }
  return best && { field: 'name', level: best.level, weight: best.weight, detail: best.detail };
}

function emailEvidence(a: PreparedRecord, b: PreparedRecord): Evidence | null {
  if (a.emails.size === 0 || b.emails.size === 0) return null;
  for (const e of a.emails)
    if (b.emails.has(e)) return { field: 'email', level: 'exact', weight: WEIGHTS.emailExact, detail: e };
  for (const d of a.domains)
    if (b.domains.has(d))
      return { field: 'email', level: 'domain', weight: WEIGHTS.emailDomain, detail: `@${d}` };
  return { field: 'email', level: 'different', weight: WEIGHTS.emailDifferent, detail: '' };
}

function phoneEvidence(a: PreparedRecord, b: PreparedRecord): Evidence | null {
  if (a.phones.length === 0 || b.phones.length === 0) return null;
  for (const p of a.phones)
    for (const q of b.phones)
      if (phonesAgree(p, q))
        return { field: 'phone', level: 'exact', weight: WEIGHTS.phoneAgree, detail: `…${p.slice(-4)}` };
  return { field: 'phone', level: 'different', weight: WEIGHTS.phoneDifferent, detail: '' };
}

function postalEvidence(a: PreparedRecord, b: PreparedRecord): Evidence | null {
  if (a.postalCodes.size === 0 || b.postalCodes.size === 0) return null;
  for (const p of a.postalCodes)
    if (b.postalCodes.has(p))
      return { field: 'postalCode', level: 'exact', weight: WEIGHTS.postalAgree, detail: p };
  return { field: 'postalCode', level: 'different', weight: WEIGHTS.postalDifferent, detail: '' };
}

export interface PairScore {
  score: number;
  /** The summed weight behind the score: ranks candidates whose rounded scores tie. */
  total: number;
  /** Fields that agree, strongest first. */
  agreements: Evidence[];
  /** Fields both records hold that differ. */
  disagreements: Evidence[];
}

/** Score `candidate` as the same client as `record` (0–100), with the evidence. */
export function scorePair(record: PreparedRecord, candidate: PreparedRecord, stats: TokenStats): PairScore {
  const evidence = [
    emailEvidence(record, candidate),
    nameEvidence(record, candidate, stats),
    phoneEvidence(record, candidate),
    postalEvidence(record, candidate),
  ].filter((e): e is Evidence => e !== null);
  const total = evidence.reduce((s, e) => s + e.weight, 0);
  const score = Math.round(100 / (1 + 2 ** -(total - WEIGHTS.midpoint)));
  return {
    score,
    total,
    agreements: evidence.filter((e) => e.weight > 0).sort((x, y) => y.weight - x.weight),
    disagreements: evidence.filter((e) => e.weight <= 0),
  };
}

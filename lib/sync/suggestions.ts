// Ranked, explained duplicate suggestions for "Resolve duplicates" and for the planner's
// "likely duplicates are not created blindly" rule. Suggestions never link anything: they
// are data a person (or the planner, to choose review over create) reads.
//
//   const index = buildSuggestionIndex(karbonSummaries.map((s) => matchRecordFromKarbonSummary(s, ref)));
//   const ranked = suggest(index, matchRecordFromCustomer(customer));      // best first, score 0–100
//   const strong = strongFuzzyCandidate(ranked);                           // top one if ≥ 85, else null
//   scoreCandidates(record, candidates)                                    // no blocking: score a known list
//
// Scoring, normalisation and blocking: docs/matching.md.
import type { Contact } from '../contact/model';
import { displayNameOf, splitEmails } from '../contact/model';
import type { KarbonRecord, KarbonSummary, QuickBooksCustomer } from './ports';
import { type BlockingIndex, blockCandidates, buildBlockingIndex } from './suggestions-index';
import { normalizeName, phoneKey, postalKey, telltaleDomain } from './suggestions-normalize';
import {
  type Evidence,
  type EvidenceField,
  type PreparedRecord,
  prepareName,
  scorePair,
} from './suggestions-score';

export type { Evidence, EvidenceField, EvidenceLevel } from './suggestions-score';

/** What suggestions know of a record, from either side. */
export interface MatchRecord {
  /** Whatever the caller uses to find the record again (QuickBooks id, Karbon ref…). */
  id: string;
  /** Every name the record goes by (display name, "First Last", company name…). */
  names: readonly string[];
  emails: readonly string[];
  phones: readonly string[];
  postalCodes: readonly string[];
}

export interface Suggestion {
  id: string;
  /** 0–100: how likely the candidate is the same client. */
  score: number;
  /** Fields that agree, strongest first (what the person reads as "why"). */
  agreements: Evidence[];
  /** Fields both hold that differ. */
  disagreements: Evidence[];
  /** The agreeing fields' names, for a compact list. */
  agreeing: EvidenceField[];
}

/**
 * From this score a candidate is a likely duplicate: a customer with no exact or partial match
 * but such a candidate goes to review instead of being created (setting on by default).
 * Calibrated so that a name equal after normalisation ("Acme Ltd" / "ACME Limited",
 * "Dr. Jane Smith" / "Smith, Jane") reaches it even when the emails differ, and a near name
 * ("Jon" / "John Smith") reaches it only with a phone, postal code or email domain agreeing.
 */
export const STRONG_FUZZY_CANDIDATE_SCORE = 85;
/** Below this a candidate is not worth a person's time. */
export const MIN_SUGGESTION_SCORE = 20;

export interface SuggestionIndex {
  readonly blocking: BlockingIndex;
}

function prepare(r: MatchRecord): PreparedRecord {
  const emails = new Set(r.emails.flatMap(splitEmails).map((e) => e.replace(/\s/g, '').toLowerCase()));
  return {
    id: r.id,
    names: r.names
      .map(normalizeName)
      .filter((n) => n.core.length > 0)
      .map(prepareName),
    emails,
    domains: new Set([...emails].flatMap((e) => telltaleDomain(e) ?? [])),
    phones: [...new Set(r.phones.map(phoneKey).filter(Boolean))],
    postalCodes: new Set(r.postalCodes.map(postalKey).filter(Boolean)),
  };
}

export function buildSuggestionIndex(candidates: readonly MatchRecord[]): SuggestionIndex {
  return { blocking: buildBlockingIndex(candidates.map(prepare)) };
}

function rank(
  record: PreparedRecord,
  candidates: readonly PreparedRecord[],
  index: BlockingIndex,
): Suggestion[] {
  return candidates
    .map((c) => {
      const { total, ...s } = scorePair(record, c, index);
      return {
        total,
        suggestion: { id: c.id, ...s, agreeing: [...new Set(s.agreements.map((e) => e.field))] },
      };
    })
    .sort((a, b) => b.total - a.total || (a.suggestion.id < b.suggestion.id ? -1 : 1))
    .map((r) => r.suggestion);
}

/** Candidates for `record` among the index, best first. */
export function suggest(
  index: SuggestionIndex,
  record: MatchRecord,
  opts: { limit?: number; minScore?: number } = {},
): Suggestion[] {
  const prepared = prepare(record);
  const min = opts.minScore ?? MIN_SUGGESTION_SCORE;
  return rank(prepared, blockCandidates(index.blocking, prepared), index.blocking)
    .filter((s) => s.score >= min)
    .slice(0, opts.limit ?? 5);
}

/** Score every one of a known list of candidates (no blocking, nothing left out), best first. */
export function scoreCandidates(record: MatchRecord, candidates: readonly MatchRecord[]): Suggestion[] {
  const index = buildSuggestionIndex(candidates);
  return rank(prepare(record), index.blocking.records, index.blocking);
}

/** The best suggestion when it is strong enough to hold a create back for review, else null. */
export function strongFuzzyCandidate(
  suggestions: readonly Suggestion[],
  threshold = STRONG_FUZZY_CANDIDATE_SCORE,
): Suggestion | null {
  const best = suggestions.reduce<Suggestion | null>((b, s) => (!b || s.score > b.score ? s : b), null);
  return best && best.score >= threshold ? best : null;
}

// ---------- Records from the engine's shapes ----------

function contactParts(c: Contact): Omit<MatchRecord, 'id' | 'names'> {
  const f = c.fields;
  return {
    emails: splitEmails(f.email),
    phones: [f.phoneWork, f.phoneMobile, f.phoneOther, f.phoneFax].filter(Boolean),
    postalCodes: [f.physicalPostalCode, f.mailingPostalCode].filter(Boolean),
  };
}

export function matchRecordFromContact(
  id: string,
  c: Contact,
  extraNames: readonly string[] = [],
): MatchRecord {
  const names = [displayNameOf(c), ...extraNames];
  if (c.kind === 'person' && c.fields.organizationName) names.push(c.fields.organizationName);
  return { id, names: [...new Set(names.filter(Boolean))], ...contactParts(c) };
}

/** A QuickBooks customer under all its names (DisplayName, Given Family, CompanyName). */
export function matchRecordFromCustomer(c: QuickBooksCustomer, id = c.id): MatchRecord {
  const given = [c.givenName, c.familyName].filter(Boolean).join(' ');
  return matchRecordFromContact(id, c.contact, [c.displayName, given, c.companyName].filter(Boolean));
}

/** A Karbon list row: FullName, first email and phone only (no details fetched). */
export function matchRecordFromKarbonSummary(s: KarbonSummary, id = s.key): MatchRecord {
  return {
    id,
    names: s.fullName ? [s.fullName] : [],
    emails: s.email ? [s.email] : [],
    phones: s.phone ? [s.phone] : [],
    postalCodes: [],
  };
}

export function matchRecordFromKarbonRecord(r: KarbonRecord, id = r.key): MatchRecord {
  return matchRecordFromContact(id, r.contact);
}

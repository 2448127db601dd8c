// The planner's SuggestFn over lib/sync/suggestions: the fuzzy index is built once per Karbon
// index (one per plan) and reused for every customer, so a plan of 10,000 customers costs one
// index build and 10,000 blocked look-ups, not 10,000 builds.
import type { KarbonIndex } from './karbon-index';
import type { SuggestFn } from './planner';
import { buildSuggestionIndex, matchRecordFromCustomer, type SuggestionIndex, suggest } from './suggestions';

const built = new WeakMap<KarbonIndex, SuggestionIndex>();

function fuzzyIndexOf(index: KarbonIndex): SuggestionIndex {
  let fuzzy = built.get(index);
  if (!fuzzy) {
    fuzzy = buildSuggestionIndex(
      [...index.byRef.values()].map((v) => ({
        id: v.ref,
        names: v.name ? [v.name] : [],
        emails: v.email ? [v.email] : [],
        phones: [],
        postalCodes: [],
      })),
    );
    built.set(index, fuzzy);
  }
  return fuzzy;
}

/** Ranked Karbon candidates for a QuickBooks customer, as the planner takes them (ref = karbonRef). */
export const suggestKarbonForCustomer: SuggestFn = (customer, index) =>
  suggest(fuzzyIndexOf(index), matchRecordFromCustomer(customer)).map((s) => ({
    ref: s.id,
    score: s.score,
    agreeing: s.agreeing,
  }));

// Scores and explains every candidate of a duplicate item (product.md "Ranked, explained
// suggestions"), with lib/sync/suggestions over what the planner knows of each Karbon record.
import type { KarbonView } from './karbon-index';
import type { RankFn } from './planner';
import { matchRecordFromCustomer, scoreCandidates } from './suggestions';

export const rankKarbonCandidates: RankFn = (customer, candidates: readonly KarbonView[]) =>
  scoreCandidates(
    matchRecordFromCustomer(customer),
    candidates.map((v) => ({
      id: v.ref,
      names: v.name ? [v.name] : [],
      emails: [...v.emailKeys],
      phones: [],
      postalCodes: [],
    })),
  ).map((s) => ({ ref: s.id, score: s.score, agreeing: s.agreeing }));

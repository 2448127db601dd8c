// The planner's CPU time on both full lists (the 10,000 × 10,000 question): one plan() over a
// snapshot read the way a run reads it, timed alone (no I/O inside the planner). Measured on a
// database with nothing linked (a first sync's first planning round: every customer matched
// against every Karbon row, fuzzy suggestions included) and on the database after the first
// sync (the steady state a daily full read plans).
import type { Services } from '../cli/connect';
import type { SyncDatabase } from '../lib/db/database';
import { planSnapshot, readSnapshot, type Snapshot } from '../lib/sync/gather';
import { rankKarbonCandidates } from '../lib/sync/rank-candidates';
import { suggestKarbonForCustomer } from '../lib/sync/suggestions-planner';

const REPEATS = 3;

export async function readPlannerInput(services: Services, db: SyncDatabase): Promise<Snapshot> {
  return readSnapshot(
    { db, quickbooks: services.quickbooks, karbon: services.karbon, now: () => new Date() },
    () => undefined,
  );
}

/** Median CPU milliseconds (user + system) of one plan() over the snapshot. */
export function plannerCpuMs(snap: Snapshot): number {
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = process.cpuUsage();
    planSnapshot(snap, { suggest: suggestKarbonForCustomer, rank: rankKarbonCandidates });
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] ?? 0);
}

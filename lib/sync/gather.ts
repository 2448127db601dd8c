// The reads of a run: both sides' lists, the database, then the few extra reads the planner
// asks for (candidate details, ExternalKey lookups) until its plan is final. Shared by the run
// and the preview, which is why the preview's plan is the run's plan.
import type { SyncDatabase } from '../db/database';
import type {
  DuplicateRow,
  ExternalKeyCheckRow,
  KarbonKeysRow,
  LinkRow,
  RunPhase,
  UnlinkRow,
} from '../db/rows';
import { readSettings, type Settings } from '../db/settings';
import { NotFoundError } from '../errors';
import { mapLimit } from './concurrency';
import { stopsTheRun } from './describe-error';
import { karbonRef } from './identity';
import { detailKeys } from './karbon-index';
import { hasNeeds, type KarbonRefNeed, type Plan } from './plan';
import { karbonKindOf, plan, type RankFn, type SuggestFn } from './planner';
import type {
  KarbonKind,
  KarbonPort,
  KarbonRecord,
  KarbonSummary,
  QuickBooksCustomer,
  QuickBooksPort,
} from './ports';

export interface Snapshot {
  customers: QuickBooksCustomer[];
  karbon: KarbonSummary[];
  links: LinkRow[];
  unlinks: UnlinkRow[];
  items: DuplicateRow[];
  settings: Settings;
  details: Map<string, KarbonRecord | null>;
  /** ExternalKey answers by QuickBooks id, with the kind asked (a customer may change kind). */
  externalKeys: Map<string, { kind: KarbonKind; keys: string[] | null }>;
  knownKeys: Map<string, KarbonKeysRow>;
  /** Lists read only in part (two-way incremental runs): see PlannerInput.partial. */
  partial?: { quickbooks: boolean; karbon: boolean };
}

export interface GatherDeps {
  db: SyncDatabase;
  quickbooks: QuickBooksPort;
  karbon: KarbonPort;
  now: () => Date;
  suggest?: SuggestFn;
  rank?: RankFn;
}

export type Progress = (phase: RunPhase, done: number, total: number) => Promise<void> | void;

/** Parallel reads per service; the clients' limiters pace them. */
const READ_CONCURRENCY = 4;
/** A plan settles in two or three rounds; more means a defect, not data. */
const MAX_PLAN_ROUNDS = 12;

export async function readSnapshot(deps: GatherDeps, progress: Progress): Promise<Snapshot> {
  await progress('reading-quickbooks', 0, 0);
  // Inactive customers are read too: their links are marked, and they are counted, never created.
  const customers = await deps.quickbooks.listCustomers({
    includeInactive: true,
    onProgress: (n) => void progress('reading-quickbooks', n, 0),
  });
  await progress('reading-karbon', 0, 0);
  const contacts = await deps.karbon.listSummaries('contact', {
    onProgress: (n) => void progress('reading-karbon', n, 0),
  });
  const organizations = await deps.karbon.listSummaries('organization', {
    onProgress: (n) => void progress('reading-karbon', contacts.length + n, 0),
  });
  return snapshotOf(deps.db, customers, [...contacts, ...organizations]);
}

/** A snapshot of the given records with the database's state (two-way runs read only what changed). */
export async function snapshotOf(
  db: SyncDatabase,
  customers: QuickBooksCustomer[],
  karbon: KarbonSummary[],
): Promise<Snapshot> {
  const [links, unlinks, open, skipped, settings, checks, known] = await Promise.all([
    db.links.toArray(),
    db.unlinks.toArray(),
    db.duplicates.where('status').equals('open').toArray(),
    db.duplicates.where('status').equals('skipped').toArray(),
    readSettings(db),
    db.externalKeyChecks.toArray(),
    db.karbonKeys.toArray(),
  ]);
  return {
    customers,
    karbon,
    links,
    unlinks,
    // The planner's own items: an undo's waiting fields (lib/sync/undo.ts) are not about matching.
    items: [...open, ...skipped].filter((i) => i.origin === 'quickbooks' && !i.undo),
    settings,
    details: new Map(),
    externalKeys: new Map(checks.map((c) => [c.quickBooksId, { kind: c.karbonKind, keys: c.karbonKeys }])),
    knownKeys: new Map(known.map((k) => [k.ref, k])),
  };
}

export function planSnapshot(snap: Snapshot, fuzzy: { suggest?: SuggestFn; rank?: RankFn } = {}): Plan {
  const byId = new Map(snap.customers.map((c) => [c.id, c]));
  const externalKeys = new Map<string, string[] | null>();
  for (const [id, answer] of snap.externalKeys) {
    const c = byId.get(id);
    if (c && karbonKindOf(c) === answer.kind) externalKeys.set(id, answer.keys);
  }
  return plan({ ...snap, externalKeys, suggest: fuzzy.suggest, rank: fuzzy.rank });
}

/**
 * Plan, fetch what the planner asks for, plan again, until the plan needs nothing more.
 * `remember` stores ExternalKey answers (a run does; a preview writes nothing).
 */
export async function settlePlan(
  deps: GatherDeps,
  snap: Snapshot,
  opts: { remember: boolean; progress: Progress },
): Promise<Plan> {
  for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
    await opts.progress('matching', 0, 0);
    const p = planSnapshot(snap, deps);
    if (!hasNeeds(p)) return p;
    const total = p.needs.details.length + p.needs.externalKeys.length;
    let done = 0;
    const tick = () => opts.progress('checking-karbon', ++done, total);
    await mapLimit(p.needs.details, READ_CONCURRENCY, async ({ kind, key }) => {
      snap.details.set(karbonRef(kind, key), await readDetail(deps.karbon, kind, key));
      await tick();
    });
    if (opts.remember) await rememberDetailKeys(deps.db, snap, p.needs.details);
    const answers: ExternalKeyCheckRow[] = [];
    await mapLimit(p.needs.externalKeys, READ_CONCURRENCY, async ({ quickBooksId, kind }) => {
      const keys = await lookUpExternalKey(deps.karbon, kind, quickBooksId, snap);
      snap.externalKeys.set(quickBooksId, { kind, keys });
      if (keys)
        answers.push({
          quickBooksId,
          karbonKind: kind,
          karbonKeys: keys,
          checkedAt: deps.now().toISOString(),
        });
      await tick();
    });
    if (opts.remember && answers.length > 0) await deps.db.externalKeyChecks.bulkPut(answers);
  }
  throw new Error(`The plan did not settle after ${MAX_PLAN_ROUNDS} rounds of reads`);
}

async function rememberDetailKeys(
  db: SyncDatabase,
  snap: Snapshot,
  read: readonly KarbonRefNeed[],
): Promise<void> {
  const listed = new Map(snap.karbon.map((s) => [karbonRef(s.kind, s.key), s.lastModified]));
  const rows: KarbonKeysRow[] = [];
  for (const { kind, key } of read) {
    const ref = karbonRef(kind, key);
    const record = snap.details.get(ref);
    const lastModified = listed.get(ref);
    // Keyed to the list row's time: that is what the next run compares.
    if (record && lastModified) rows.push({ ref, lastModified, ...detailKeys(record) });
  }
  if (rows.length > 0) await db.karbonKeys.bulkPut(rows);
}

async function readDetail(karbon: KarbonPort, kind: KarbonKind, key: string): Promise<KarbonRecord | null> {
  try {
    return await karbon.getRecord(kind, key);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** Keys holding the ExternalKey, or null when Karbon could not answer for this one customer. */
async function lookUpExternalKey(
  karbon: KarbonPort,
  kind: KarbonKind,
  quickBooksId: string,
  snap: Snapshot,
): Promise<string[] | null> {
  try {
    const rows = await karbon.findByExternalKey(kind, quickBooksId);
    for (const row of rows) {
      // A record the list did not show (hidden from list reads) still becomes a known record.
      if (!snap.karbon.some((s) => s.kind === row.kind && s.key === row.key)) snap.karbon.push(row);
    }
    return rows.filter((r) => r.kind === kind).map((r) => r.key);
  } catch (err) {
    if (stopsTheRun(err)) throw err;
    return null;
  }
}

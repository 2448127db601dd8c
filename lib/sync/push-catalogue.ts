// The back catalogue (product.md "Beyond the reference"): the Karbon contacts that are not
// linked ("Not in QuickBooks"), filterable by type, and pushing a chosen set — or every one of
// a type — through the same rules as automatic pushes, as a recorded run (trigger 'push').
// No CSV round trip.
import { DecisionError } from './decisions';
import type { RunReport } from './engine';
import { karbonRef } from './identity';
import type { KarbonKind, KarbonSummary } from './ports';
import { pushRecords, readRecords } from './push';
import { FIRST_SYNC_KEY, toDuplicateItem } from './queries';
import { recordedRun } from './recorded-run';
import type { SyncDeps } from './run-sync';

export interface NotInQuickBooksRow {
  kind: KarbonKind;
  key: string;
  name: string;
  email: string;
  contactType: string;
  lastModified: string;
  /** An item about it waits in Resolve duplicates. */
  waiting: boolean;
}

export interface PushRequest {
  /** Every unlinked contact of these Contact Types. */
  types?: string[];
  /** These Karbon keys (contacts or organizations). */
  karbonKeys?: string[];
}

const sameType = (types: readonly string[]) => {
  const wanted = new Set(types.map((t) => t.trim().toLowerCase()));
  return (t: string) => wanted.size === 0 || wanted.has(t.toLowerCase());
};

async function unlinkedRows(deps: SyncDeps, types: readonly string[]): Promise<KarbonSummary[]> {
  const linked = new Set((await deps.db.links.toArray()).map((l) => karbonRef(l.karbonKind, l.karbonKey)));
  const ofType = sameType(types);
  const rows = [
    ...(await deps.karbon.listSummaries('contact')),
    ...(await deps.karbon.listSummaries('organization')),
  ];
  return rows.filter((r) => !linked.has(karbonRef(r.kind, r.key)) && ofType(r.contactType));
}

/** Unlinked Karbon contacts and organizations, by name (reads the Karbon lists). */
export async function listNotInQuickBooks(
  deps: SyncDeps,
  opts: { types?: string[] } = {},
): Promise<NotInQuickBooksRow[]> {
  const rows = await unlinkedRows(deps, opts.types ?? []);
  const open = (await deps.db.duplicates.where('status').equals('open').toArray()).filter(
    (i) => i.origin === 'karbon',
  );
  const waiting = new Set(open.map((i) => i.sourceId));
  return rows
    .map((r) => ({
      kind: r.kind,
      key: r.key,
      name: r.fullName,
      email: r.email,
      contactType: r.contactType,
      lastModified: r.lastModified,
      waiting: waiting.has(r.key),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
}

export async function performPush(deps: SyncDeps, request: PushRequest): Promise<RunReport> {
  const keys = request.karbonKeys ?? [];
  const types = request.types ?? [];
  if (keys.length === 0 && types.length === 0)
    throw new DecisionError('Choose Karbon contacts or a Contact Type to push');
  if (!(await deps.db.meta.get(FIRST_SYNC_KEY))) {
    throw new DecisionError(
      'Run the first sync before pushing Karbon contacts: it links the clients both sides already share',
    );
  }
  // A key that names nothing is refused before the run starts: a typo is not a failed run (the
  // badge would warn of one). Contacts and organizations are separate key spaces: a bare key is
  // looked up in both.
  const chosen: Array<{ kind: KarbonKind; key: string }> = [];
  for (const key of keys) {
    const found =
      (await deps.karbon.getRecord('contact', key)) ?? (await deps.karbon.getRecord('organization', key));
    if (!found) throw new DecisionError(`Karbon has no contact or organization ${key}`);
    chosen.push({ kind: found.kind, key: found.key });
  }
  const report = await recordedRun(deps, 'push', async (x) => {
    await x.recorder.progress('reading-karbon', 0, 0);
    const refs = [...chosen];
    if (types.length > 0)
      for (const r of await unlinkedRows(deps, types)) refs.push({ kind: r.kind, key: r.key });
    const unique = [...new Map(refs.map((r) => [karbonRef(r.kind, r.key), r])).values()];
    const linked = new Set((await x.db.links.toArray()).map((l) => karbonRef(l.karbonKind, l.karbonKey)));
    const records = await readRecords(
      x,
      unique.filter((r) => !linked.has(karbonRef(r.kind, r.key))),
    );
    x.recorder.set('readKarbon', records.length);
    const failed = await pushRecords(x, records);
    if (failed.length > 0) x.recorder.set('skipped', failed.length);
    const waiting = await x.db.duplicates.where('status').equals('open').toArray();
    x.recorder.set('duplicates', waiting.filter((i) => i.origin === 'karbon').length);
  });
  const open = await deps.db.duplicates.where('status').equals('open').toArray();
  return { ...report, duplicates: open.filter((i) => i.origin === 'karbon').map(toDuplicateItem) };
}

// What a scenario's work was, seen from the sandbox's own data rather than from the engine:
// how many records each side holds, which records a run created or changed (content compared,
// server stamps ignored, so a write that changed nothing shows up as waste, not as work), and
// how many records changed after a given time (what an incremental read has to page through).
import { createHash } from 'node:crypto';
import type { SandboxStateView } from './control';

type Kind = 'contact' | 'organization';

interface KarbonEntry {
  kind: Kind;
  hash: string;
  modified: number;
  /** Listed by the API (the sandbox hides Private and Hidden records from the application by default). */
  visible: boolean;
}

export interface StateDigest {
  qbo: Map<string, { hash: string; updated: number }>;
  karbon: Map<string, KarbonEntry>;
}

function hashOf(record: Record<string, unknown>, skip: readonly string[]): string {
  const rest = Object.fromEntries(Object.entries(record).filter(([k]) => !skip.includes(k)));
  return createHash('sha1').update(JSON.stringify(rest)).digest('hex');
}

export function digest(state: SandboxStateView): StateDigest {
  const qbo = new Map<string, { hash: string; updated: number }>();
  for (const c of state.qbo.Customer) {
    qbo.set(c.Id, {
      hash: hashOf(c, ['SyncToken', 'MetaData']),
      updated: Date.parse(c.MetaData.LastUpdatedTime),
    });
  }
  const karbon = new Map<string, KarbonEntry>();
  const add = (kind: Kind, key: string, r: { LastModifiedDateTime: string; RestrictionLevel?: string }) =>
    karbon.set(`${kind}:${key}`, {
      kind,
      hash: hashOf(r, ['LastModifiedDateTime']),
      modified: Date.parse(r.LastModifiedDateTime),
      visible: r.RestrictionLevel === undefined || r.RestrictionLevel === 'Public',
    });
  for (const c of state.karbon.Contacts) add('contact', c.ContactKey, c);
  for (const o of state.karbon.Organizations) add('organization', o.OrganizationKey, o);
  return { qbo, karbon };
}

export interface Sizes {
  customers: number;
  karbon: Record<Kind, number>;
}

/** Records each API lists: QuickBooks customers (inactive included), visible Karbon rows per kind. */
export function sizesOf(d: StateDigest): Sizes {
  const karbon: Record<Kind, number> = { contact: 0, organization: 0 };
  for (const e of d.karbon.values()) if (e.visible) karbon[e.kind] += 1;
  return { customers: d.qbo.size, karbon };
}

export interface StateDiff {
  qboCreated: number;
  qboUpdated: number;
  karbonCreated: Record<Kind, number>;
  karbonUpdated: Record<Kind, number>;
  /** Refs (kind:key) of Karbon records whose content changed. */
  karbonUpdatedRefs: string[];
  qboUpdatedIds: string[];
}

export function diff(before: StateDigest, after: StateDigest): StateDiff {
  const out: StateDiff = {
    qboCreated: 0,
    qboUpdated: 0,
    karbonCreated: { contact: 0, organization: 0 },
    karbonUpdated: { contact: 0, organization: 0 },
    karbonUpdatedRefs: [],
    qboUpdatedIds: [],
  };
  for (const [id, c] of after.qbo) {
    const was = before.qbo.get(id);
    if (!was) out.qboCreated += 1;
    else if (was.hash !== c.hash) {
      out.qboUpdated += 1;
      out.qboUpdatedIds.push(id);
    }
  }
  for (const [ref, r] of after.karbon) {
    const was = before.karbon.get(ref);
    if (!was) out.karbonCreated[r.kind] += 1;
    else if (was.hash !== r.hash) {
      out.karbonUpdated[r.kind] += 1;
      out.karbonUpdatedRefs.push(ref);
    }
  }
  return out;
}

export interface ChangedSince {
  customers: number;
  karbon: Record<Kind, number>;
}

/** Records stamped after `since` (ISO): what CDC returns and what a newest-first read pages through. */
export function changedSince(d: StateDigest, since: string): ChangedSince {
  const t = Date.parse(since);
  let customers = 0;
  for (const c of d.qbo.values()) if (c.updated > t) customers += 1;
  const karbon: Record<Kind, number> = { contact: 0, organization: 0 };
  for (const e of d.karbon.values()) if (e.visible && e.modified > t) karbon[e.kind] += 1;
  return { customers, karbon };
}

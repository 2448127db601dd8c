// What every Karbon handler shares: the tenant, the live behaviour, the sandbox clock, the
// RestrictionLevel visibility rule and the write gate that makes racing writes lose with 409.
import type { SandboxClock, SandboxResponse } from '../core/types';
import { conflict, fail, JSON_TYPE } from './errors';
import type { KarbonBehaviour } from './options';
import type { EntityType } from './state';
import { type Entry, type KarbonTenant, recordKey } from './tenant';
import { karbonTimestamp } from './time';

export interface KarbonApi {
  tenant: KarbonTenant;
  behaviour: KarbonBehaviour;
  clock: SandboxClock;
  /** Absolute API root as the client sees it, e.g. http://127.0.0.1:8787/karbon/v3. */
  base: string;
  tenantName: string;
}

/**
 * Private and Hidden records exist only for an application Karbon Support granted access to
 * (karbon-notes §7 "Permissions"): without it they 404 and are left out of lists.
 */
export function visible(api: KarbonApi, entry: Entry | undefined): entry is Entry {
  if (!entry) return false;
  const level = entry.rec.RestrictionLevel;
  return (
    level === 'Public' ||
    (level === 'Private' && api.behaviour.includePrivate) ||
    (level === 'Hidden' && api.behaviour.includeHidden)
  );
}

export function findVisible(api: KarbonApi, type: EntityType, key: string): Entry | undefined {
  const entry = api.tenant.get(type, key);
  return visible(api, entry) ? entry : undefined;
}

/**
 * Karbon reads a record, works, then commits with optimistic concurrency (KarbonAPI.json 409
 * "Stale Object State"). The wait between read and commit is `writeMs` (at least one turn of the
 * event loop), so two writes to one record that overlap in time really race: the later commit loses.
 */
export async function writeGate(api: KarbonApi, entry: Entry | undefined): Promise<void> {
  const version = entry?.version;
  await new Promise<void>((resolve) => {
    if (api.behaviour.writeMs > 0) setTimeout(resolve, api.behaviour.writeMs);
    else setImmediate(resolve);
  });
  if (!entry) return;
  // A newer commit, or a state load that replaced the record, means this write's read is stale.
  if (api.tenant.get(entry.type, recordKey(entry.rec)) !== entry || entry.version !== version)
    fail(conflict());
}

export function nowStamp(api: KarbonApi): string {
  return karbonTimestamp(api.clock.now());
}

export function ok(status: number, body?: unknown, headers: Record<string, string> = {}): SandboxResponse {
  if (body === undefined) return { status, headers };
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body };
}

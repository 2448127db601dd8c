// One Contact or Organization: GET (with $expand), the UserDefinedIdentifier lookup, POST (201 +
// Location + the full record), PUT (204) and PATCH (200 with the record when asked, else 204).
import type { SandboxResponse } from '../core/types';
import { findVisible, type KarbonApi, nowStamp, ok, visible, writeGate } from './api';
import { appError, badRequest, fail } from './errors';
import { membersOf } from './list';
import { applyPatch } from './patch-body';
import { parseExpand, readQueryOptions } from './query';
import { readRecordBody } from './record-body';
import type { EntityType } from './state';
import type { AnyRecord, Entry } from './tenant';
import { contactView, organizationView } from './views';

const EXPANDABLE: Record<EntityType, string[]> = {
  Contact: ['BusinessCards', 'ClientTeam', 'ClientAccess'],
  Organization: ['BusinessCards', 'ClientTeam', 'Contacts'],
};
const collectionOf = (type: EntityType): string => (type === 'Contact' ? 'Contacts' : 'Organizations');

function notFound(type: EntityType, key: string): never {
  return fail(
    appError(
      404,
      '4004',
      type === 'Contact'
        ? 'No Contact found for provided key'
        : `No organization exists with a key of ${key}.`,
    ),
  );
}

function view(
  api: KarbonApi,
  rec: AnyRecord,
  expand: ReadonlySet<string>,
  patched = false,
): Record<string, unknown> {
  const opts = { base: api.base, expand, patched };
  if ('ContactKey' in rec) return contactView(rec, opts);
  return organizationView(rec, { ...opts, members: () => membersOf(api, rec.OrganizationKey) });
}

function expandOf(type: EntityType, url: URL, allowed = EXPANDABLE[type]): Set<string> {
  return parseExpand(readQueryOptions(url, ['$expand']).$expand, `KarbonService.${type}DTO`, allowed);
}

export function getRecord(api: KarbonApi, type: EntityType, key: string, url: URL): SandboxResponse {
  const expand = expandOf(type, url);
  const entry = findVisible(api, type, key);
  if (!entry) notFound(type, key);
  return ok(200, view(api, entry.rec, expand));
}

export function getByUserDefinedIdentifier(
  api: KarbonApi,
  type: EntityType,
  udi: string | null,
  url: URL,
): SandboxResponse {
  const expand = expandOf(type, url, ['BusinessCards']);
  if (!udi?.trim()) fail(badRequest('UserDefinedIdentifier is missing or empty'));
  const entry = api.tenant.udiHolder(udi.trim());
  if (!entry || entry.type !== type || !visible(api, entry)) {
    fail(appError(404, '4004', `No ${type} found for provided UserDefinedIdentifer`));
  }
  return ok(200, view(api, entry.rec, expand));
}

/** Duplicate UserDefinedIdentifier: Karbon answers 500 code 5001 (KarbonAPI.json Duplicate_UDI). */
function checkUdiFree(api: KarbonApi, rec: AnyRecord, self?: Entry): void {
  const udi = rec.UserDefinedIdentifier;
  const holder = udi ? api.tenant.udiHolder(udi) : undefined;
  if (holder && holder !== self) fail(appError(500, '5001', 'User defined identifier already in use'));
}

export async function createRecord(
  api: KarbonApi,
  type: EntityType,
  url: URL,
  body: string,
): Promise<SandboxResponse> {
  readQueryOptions(url, []);
  const key = api.tenant.newKey();
  const rec = readRecordBody(body, { type, key, tenant: api.tenant, behaviour: api.behaviour });
  checkUdiFree(api, rec);
  await writeGate(api, undefined);
  checkUdiFree(api, rec);
  rec.LastModifiedDateTime = nowStamp(api);
  api.tenant.insert(type, rec);
  return ok(201, view(api, rec, new Set(['BusinessCards'])), {
    location: `${api.base}/${collectionOf(type)}('${key}')/KarbonService.${type}DTO`,
  });
}

export async function updateRecord(
  api: KarbonApi,
  type: EntityType,
  key: string,
  url: URL,
  body: string,
): Promise<SandboxResponse> {
  // Karbon's own tests PUT with `$expand=BusinessCard`; the option changes nothing (the array does).
  parseExpand(readQueryOptions(url, ['$expand']).$expand, `KarbonService.${type}DTO`, [
    'BusinessCards',
    'BusinessCard',
  ]);
  const entry = findVisible(api, type, key);
  if (!entry) notFound(type, key);
  const rec = readRecordBody(body, {
    type,
    key,
    existing: entry.rec,
    tenant: api.tenant,
    behaviour: api.behaviour,
  });
  checkUdiFree(api, rec, entry);
  await writeGate(api, entry);
  checkUdiFree(api, rec, entry);
  rec.LastModifiedDateTime = nowStamp(api);
  api.tenant.replace(entry, rec);
  return ok(204);
}

export async function patchRecord(
  api: KarbonApi,
  type: EntityType,
  key: string,
  url: URL,
  body: string,
  prefer: string | undefined,
): Promise<SandboxResponse> {
  readQueryOptions(url, []);
  const entry = findVisible(api, type, key);
  if (!entry) notFound(type, key);
  const rec = applyPatch(entry.rec, body, api.behaviour);
  await writeGate(api, entry);
  rec.LastModifiedDateTime = nowStamp(api);
  api.tenant.replace(entry, rec);
  const represent =
    /return=representation/i.test(prefer ?? '') || api.behaviour.patchWithoutPrefer === 'representation';
  return represent ? ok(200, view(api, rec, new Set(), true)) : ok(204);
}

// GET /v3/TenantSettings (KarbonAPI.json GetTenantSettings): the tenant's Contact Types as
// {Name, ContactTypeKey}, plus the work settings Karbon returns beside them. `TenantName` is a
// sandbox addition the OpenAPI file does not have (docs/sandbox-karbon.md): real clients must
// not depend on it.
import type { SandboxResponse } from '../core/types';
import { type KarbonApi, ok } from './api';
import { createKeyMaker, seededRandom } from './keys';
import { readQueryOptions } from './query';

function stableKey(seed: string): string {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return createKeyMaker(seededRandom(h)).permaKey();
}

const WORK_STATUSES = [
  { Name: 'Planned', Type: 'Primary', Children: [] },
  { Name: 'ReadyToStart', Type: 'Primary', Children: [] },
  {
    Name: 'InProgress',
    Type: 'Primary',
    Children: [{ Name: 'Review', Type: 'Secondary', WorkStatusKey: stableKey('Review') }],
  },
  {
    Name: 'Waiting',
    Type: 'Primary',
    Children: [{ Name: 'Waiting for client', Type: 'Secondary', WorkStatusKey: stableKey('Waiting') }],
  },
  { Name: 'Completed', Type: 'Primary', Children: [] },
];
const WORK_TYPES = ['Accounting', 'Bookkeeping', 'Tax Return'].map((Name) => ({
  Name,
  WorkTypeKey: stableKey(Name),
  AvailableStatuses: { Primary: ['Ready To Start', 'In Progress', 'Waiting', 'Completed'], Secondary: [] },
}));

export function tenantSettings(api: KarbonApi, url: URL): SandboxResponse {
  readQueryOptions(url, []);
  return ok(200, {
    '@odata.context': `${api.base}/$metadata#TenantSettings/$entity`,
    TenantKey: stableKey(api.tenantName),
    TenantName: api.tenantName,
    ClientAccessActivated: false,
    WorkStatuses: WORK_STATUSES,
    WorkTypes: WORK_TYPES,
    ContactTypes: api.tenant.contactTypes.map((t) => ({ Name: t.Name, ContactTypeKey: t.ContactTypeKey })),
    ServiceTypes: [
      {
        Name: 'Tax Compliance',
        ServiceTypeKey: stableKey('Tax Compliance'),
        WorkTypeKeys: [WORK_TYPES[2]?.WorkTypeKey ?? ''],
      },
    ],
  });
}

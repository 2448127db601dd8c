// GET and PUT /v3/BusinessCards/{key}: one card, replaced whole (every property sent, omitted
// ones cleared; karbon-notes §3.4). IsPrimaryCard cannot be changed here ("has no effect",
// release note 2022-08-22). A card change bumps its owner's LastModifiedDateTime.
import type { SandboxResponse } from '../core/types';
import { type KarbonApi, nowStamp, ok, visible, writeGate } from './api';
import { BodyReader } from './body';
import { CARD_TYPE, readCard } from './cards';
import { appError, badRequest, fail, payloadMissing } from './errors';
import { readQueryOptions } from './query';
import { parseJsonObject } from './record-body';
import { recordKey } from './tenant';
import { cardView } from './views';

function findCard(api: KarbonApi, key: string) {
  const found = api.tenant.card(key);
  if (!found || !visible(api, found.owner))
    fail(appError(404, '4004', `Invalid businessCardPermaKey ${key}`));
  return found;
}

export function getCard(api: KarbonApi, key: string, url: URL): SandboxResponse {
  readQueryOptions(url, []);
  return ok(200, cardView(findCard(api, key).card, api.base));
}

export async function putCard(api: KarbonApi, key: string, url: URL, body: string): Promise<SandboxResponse> {
  readQueryOptions(url, []);
  const { card, owner } = findCard(api, key);
  const r = new BodyReader(parseJsonObject(body, 'update'), '', CARD_TYPE);
  const sentKey = r.str('BusinessCardKey');
  if (sentKey === undefined) fail(payloadMissing('BusinessCardKey'));
  if (sentKey !== key)
    fail(badRequest(`BusinessCardKey '${sentKey}' does not match the key in the request URI.`));
  const next = readCard(
    r,
    {
      owner: { type: owner.type, key: recordKey(owner.rec) },
      existing: card,
      keys: api.tenant.keys,
      offListLabels: api.behaviour.offListLabels,
      organizationExists: (k) => api.tenant.organizations.has(k),
    },
    key,
  );
  await writeGate(api, owner);
  const rec = structuredClone(owner.rec);
  rec.BusinessCards = rec.BusinessCards.map((c) => (c.BusinessCardKey === key ? next : c));
  rec.LastModifiedDateTime = nowStamp(api);
  api.tenant.replace(owner, rec);
  return ok(204);
}

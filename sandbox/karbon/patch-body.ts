// PATCH on Contacts and Organizations (KarbonAPI.json): only the name fields and RestrictionLevel.
// The refusal keeps the wording Karbon's own tests and the file's example assert, which does not
// list RestrictionLevel even though it became patchable later (docs/sandbox-karbon.md).
import { BodyReader } from './body';
import { badRequest, fail, payloadMissing } from './errors';
import type { KarbonBehaviour } from './options';
import { checkRestrictionLevel, parseJsonObject } from './record-body';
import { RESTRICTION_LEVELS } from './state';
import type { AnyRecord } from './tenant';

const CONTACT_NAMES = ['FirstName', 'MiddleName', 'LastName', 'PreferredName', 'Salutation', 'Suffix'];
const REQUIRED = ['FirstName', 'LastName', 'FullName'];

export function applyPatch(existing: AnyRecord, body: string, behaviour: KarbonBehaviour): AnyRecord {
  const r = new BodyReader(parseJsonObject(body, 'update'), '', 'patch');
  const names = 'ContactKey' in existing ? CONTACT_NAMES : ['FullName'];
  for (const name of Object.keys(r.obj)) {
    if (names.includes(name) || name === 'RestrictionLevel' || name.startsWith('@odata.')) continue;
    fail(badRequest(`Invalid property to update. Only ${names.join(',')} can be patched.`));
  }
  const next: Record<string, unknown> = { ...structuredClone(existing) };
  for (const name of names) {
    if (!r.has(name)) continue;
    const value = r.str(name, name === 'FullName' ? 255 : 100)?.trim();
    if (!value && REQUIRED.includes(name)) fail(payloadMissing(name));
    if (value) next[name] = value;
    else delete next[name];
  }
  const level = r.oneOf('RestrictionLevel', RESTRICTION_LEVELS);
  if (level !== undefined && level !== existing.RestrictionLevel) {
    checkRestrictionLevel(level, behaviour);
    next.RestrictionLevel = level;
  }
  return next as unknown as AnyRecord;
}

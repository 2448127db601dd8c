import { isRecord } from '../core/control';
import { assignAddressIds, CREATE_DEFAULTS, fillNames } from './customers';
import { QboFault } from './faults';
import { checkName, type JsonObject, NAME_PARTS, validateCustomerFields } from './fields';
import { NAME_ENTITIES, type NameEntity } from './state';
import { type QboStore, SERVER_KEYS, type StoredRecord } from './store';
import { parseQboTime } from './time';

/**
 * Loads a QboState into an empty store (PUT /__sandbox/state, seeds, demo data). Everything the
 * API would refuse is refused here too, with the record named, so the sandbox never holds a
 * company the real service could not (duplicate names, broken parents).
 */
export function loadQboState(store: QboStore, input: unknown, nowMs: number): void {
  if (!isRecord(input)) throw new Error('qbo: expected an object { realmId, Customer, Vendor, Employee }');
  for (const key of Object.keys(input)) {
    if (key !== 'realmId' && !(NAME_ENTITIES as readonly string[]).includes(key)) {
      throw new Error(`qbo: unknown key "${key}" (expected realmId, Customer, Vendor, Employee)`);
    }
  }
  const realmId = input.realmId;
  if (typeof realmId !== 'string' || !/^\d{1,20}$/.test(realmId)) {
    throw new Error('qbo.realmId: must be a string of digits, e.g. "9341455130166501"');
  }
  store.reset(realmId);
  const pending: { rec: JsonObject; where: string; entity: NameEntity }[] = [];
  for (const entity of NAME_ENTITIES) {
    const list = input[entity] ?? [];
    if (!Array.isArray(list)) throw new Error(`qbo.${entity}: must be an array`);
    list.forEach((rec: unknown, i) => {
      const where = `qbo.${entity}[${i}]`;
      if (!isRecord(rec)) throw new Error(`${where}: must be an object`);
      pending.push({ rec, where, entity });
    });
  }
  // Explicit ids first, so generated ones never collide with them.
  const withId = pending.filter((p) => p.rec.Id !== undefined);
  const withoutId = pending.filter((p) => p.rec.Id === undefined);
  for (const p of [...withId, ...withoutId]) insertOne(store, p.entity, p.rec, p.where, nowMs);
  checkReferences(store);
}

function insertOne(store: QboStore, entity: NameEntity, rec: JsonObject, where: string, nowMs: number): void {
  let id: number | undefined;
  if (rec.Id !== undefined) {
    if ((typeof rec.Id !== 'string' && typeof rec.Id !== 'number') || !/^\d{1,15}$/.test(String(rec.Id))) {
      throw new Error(`${where}.Id: must be a numeric string`);
    }
    id = Number(rec.Id);
    if (store.get(entity, id)) throw new Error(`${where}.Id: ${id} is used twice`);
  }
  let syncToken = 0;
  if (rec.SyncToken !== undefined) {
    if (!/^\d{1,9}$/.test(String(rec.SyncToken)))
      throw new Error(`${where}.SyncToken: must be a numeric string`);
    syncToken = Number(rec.SyncToken);
  }
  const created = metaTime(rec, 'CreateTime', where) ?? nowMs;
  const updated = metaTime(rec, 'LastUpdatedTime', where) ?? created;
  let fields: JsonObject;
  try {
    fields = entity === 'Customer' ? customerFields(store, rec) : otherFields(rec);
  } catch (e) {
    if (e instanceof QboFault) throw new Error(`${where}: ${e.errors[0]?.Detail ?? e.message}`);
    throw e;
  }
  const stored = store.insert(entity, fields, created, id, syncToken);
  stored.updatedMs = Math.max(updated, created);
}

function customerFields(store: QboStore, rec: JsonObject): JsonObject {
  const given = validateCustomerFields(rec);
  const fields: JsonObject = { ...CREATE_DEFAULTS };
  for (const [k, v] of Object.entries(given)) if (v !== null) fields[k] = v;
  // Server-owned amounts may be seeded (a customer with a balance), never invented.
  for (const k of ['Balance', 'BalanceWithJobs']) if (typeof rec[k] === 'number') fields[k] = rec[k];
  fillNames(fields);
  if (fields.ParentRef !== undefined) fields.Job = true;
  assignAddressIds(store, fields);
  return fields;
}

/** Vendors and employees are read-only here: kept as given, name rules still enforced. */
function otherFields(rec: JsonObject): JsonObject {
  const fields: JsonObject = { Active: true };
  for (const [k, v] of Object.entries(rec)) {
    if (!SERVER_KEYS.has(k) && v !== null && v !== '') fields[k] = v;
  }
  for (const k of [...NAME_PARTS, 'DisplayName', 'PrintOnCheckName']) {
    const v = fields[k];
    if (v !== undefined && typeof v !== 'string') throw new Error(`${k} must be a string`);
    if (typeof v === 'string') checkName(k, v);
  }
  if (typeof fields.Active !== 'boolean') throw new Error('Active must be a boolean');
  fillNames(fields);
  return fields;
}

function metaTime(rec: JsonObject, key: 'CreateTime' | 'LastUpdatedTime', where: string): number | undefined {
  const meta = rec.MetaData;
  if (meta === undefined) return undefined;
  if (!isRecord(meta)) throw new Error(`${where}.MetaData: must be an object`);
  const text = meta[key];
  if (text === undefined) return undefined;
  const ms = typeof text === 'string' ? parseQboTime(text) : null;
  if (ms === null) throw new Error(`${where}.MetaData.${key}: not a date-time`);
  return ms;
}

function checkReferences(store: QboStore): void {
  for (const entity of NAME_ENTITIES) {
    for (const rec of store.list(entity)) {
      const where = `qbo.${entity} Id ${rec.id}`;
      if (entity === 'Customer' && rec.fields.ParentRef !== undefined) checkParentChain(store, rec, where);
      const other = store.nameHolder(String(rec.fields.DisplayName), rec);
      if (other) {
        throw new Error(
          `${where}: DisplayName "${String(rec.fields.DisplayName)}" is also used by ${other.entity} Id ${other.id} (names are unique across Customer, Vendor and Employee)`,
        );
      }
    }
  }
}

function checkParentChain(store: QboStore, rec: StoredRecord, where: string): void {
  let cur: StoredRecord | undefined = rec;
  for (let depth = 0; depth <= 5; depth += 1) {
    const ref: unknown = cur.fields.ParentRef;
    if (ref === undefined) return;
    const parent = store.parentOf(cur);
    if (!parent) throw new Error(`${where}.ParentRef: customer ${JSON.stringify(ref)} does not exist`);
    if (parent === rec) throw new Error(`${where}.ParentRef: the parent chain loops back to itself`);
    cur = parent;
  }
  throw new Error(`${where}.ParentRef: sub-customers nest at most 4 levels deep`);
}

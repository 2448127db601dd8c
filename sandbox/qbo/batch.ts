import { writeCustomer } from './customers';
import { faults, QboFault } from './faults';
import type { JsonObject } from './fields';
import { parseQuery } from './query-parse';
import { planQuery, runQuery } from './query-run';
import { NAME_ENTITIES } from './state';
import type { QboStore, StoredRecord } from './store';

const MAX_ITEMS = 30;

/**
 * POST /batch (qbo-notes §7): at most 30 items, HTTP 200 even when items fail, each failure its
 * own Fault. Items run in order but cannot see records created earlier in the same batch.
 */
export function runBatch(store: QboStore, body: unknown, nowMs: number, hasRequestId: boolean): JsonObject {
  const items = isObject(body) ? body.BatchItemRequest : undefined;
  if (!Array.isArray(items)) throw faults.unsupportedProperty('BatchItemRequest must be an array');
  if (items.length === 0) throw faults.requiredParam('BatchItemRequest', 'BatchItemRequest');
  if (items.length > MAX_ITEMS) {
    throw faults.businessValidation(
      `A batch may hold at most ${MAX_ITEMS} items; this one holds ${items.length}.`,
    );
  }
  const seen = new Set<string>();
  for (const item of items) {
    const bId = isObject(item) ? item.bId : undefined;
    if (typeof bId !== 'string' || bId === '') throw faults.requiredParam('bId', 'bId');
    if (seen.has(bId)) throw faults.businessValidation(`bId ${bId} is used twice in this batch.`, 'bId');
    // With a requestid, each bId may be at most 10 characters (qbo-notes §5.6).
    if (hasRequestId && bId.length > 10) {
      throw faults.businessValidation('With a requestid, bId may be at most 10 characters.', 'bId');
    }
    seen.add(bId);
  }
  const createdHere = new Set<StoredRecord>();
  const responses = items.map((item: unknown) => {
    const fields = isObject(item) ? item : {};
    const bId = String(fields.bId);
    try {
      return { bId, ...runItem(store, fields, nowMs, createdHere) };
    } catch (e) {
      if (!(e instanceof QboFault)) throw e;
      return { bId, Fault: { Error: e.errors, type: e.type } };
    }
  });
  return { BatchItemResponse: responses };
}

function runItem(
  store: QboStore,
  item: JsonObject,
  nowMs: number,
  createdHere: Set<StoredRecord>,
): JsonObject {
  const known = new Set(['bId', 'operation', 'optionsData', 'Query', ...NAME_ENTITIES]);
  for (const key of Object.keys(item)) {
    if (!known.has(key))
      throw faults.unsupportedProperty(`Unrecognized field "${key}" (class BatchItemRequest)`);
  }
  if (item.Query !== undefined) {
    if (typeof item.Query !== 'string') throw faults.unsupportedProperty('Query must be a string');
    const plan = planQuery(parseQuery(item.Query));
    return { QueryResponse: runQuery(store, plan, (r) => createdHere.has(r)) };
  }
  const entity = NAME_ENTITIES.find((e) => item[e] !== undefined);
  if (!entity) throw faults.requiredParam('Customer or Query', 'BatchItemRequest');
  const operation = item.operation;
  if (entity !== 'Customer' || (operation !== 'create' && operation !== 'update')) {
    throw faults.unsupportedOperation(`${String(operation)} ${entity}`);
  }
  const payload = item.Customer;
  if (!isObject(payload)) throw faults.unsupportedProperty('Customer must be an object');
  const hasId = payload.Id !== undefined && payload.Id !== null && payload.Id !== '';
  if (operation === 'create' && hasId) throw faults.unsupportedProperty('Id is not allowed when creating');
  if (operation === 'update') {
    if (!hasId) throw faults.requiredParam('Id', 'Id');
    const target = store.get('Customer', String(payload.Id));
    if (!target || createdHere.has(target)) throw faults.notFound();
  }
  const rec = writeCustomer(store, payload, nowMs);
  if (operation === 'create') createdHere.add(rec);
  return { Customer: store.serialize(rec) };
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

import { faults } from './faults';
import { type JsonObject, NAME_PARTS, validateCustomerFields } from './fields';
import type { QboStore, StoredRecord } from './store';

/** Filled in on create when absent, as the create response in the API reference shows. */
export const CREATE_DEFAULTS: JsonObject = {
  Active: true,
  Job: false,
  BillWithParent: false,
  Taxable: false,
  PreferredDeliveryMethod: 'Print',
  CurrencyRef: { value: 'USD', name: 'United States Dollar' },
  Balance: 0,
  BalanceWithJobs: 0,
  IsProject: false,
};

/** Kept through a full update even when the body leaves them out: the client cannot set them. */
const SERVER_KEPT = ['CurrencyRef', 'Balance', 'BalanceWithJobs', 'IsProject'];

/**
 * POST /customer: a body without Id creates, with Id updates (full, or sparse when
 * `"sparse": true`), qbo-api.md "API". Throws QboFault on every rule the real service enforces.
 */
export function writeCustomer(store: QboStore, body: unknown, nowMs: number): StoredRecord {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw faults.unsupportedProperty('the request body must be a Customer object');
  }
  const input = Object.fromEntries(Object.entries(body));
  if (input.sparse !== undefined && typeof input.sparse !== 'boolean') {
    throw faults.unsupportedProperty('Customer.sparse must be a boolean');
  }
  const fields = validateCustomerFields(input);
  const hasId = input.Id !== undefined && input.Id !== null && input.Id !== '';
  return hasId ? update(store, input, fields, nowMs) : create(store, fields, nowMs);
}

function create(store: QboStore, given: JsonObject, nowMs: number): StoredRecord {
  const fields: JsonObject = { ...CREATE_DEFAULTS, ...dropNulls(given) };
  finish(store, fields, undefined);
  return store.insert('Customer', fields, nowMs);
}

function update(store: QboStore, input: JsonObject, given: JsonObject, nowMs: number): StoredRecord {
  if (input.SyncToken === undefined || input.SyncToken === null || input.SyncToken === '') {
    throw faults.requiredParam('SyncToken', 'SyncToken');
  }
  if (typeof input.Id !== 'string' && typeof input.Id !== 'number') {
    throw faults.unsupportedProperty('Customer.Id must be a string');
  }
  const rec = store.get('Customer', input.Id);
  if (!rec) throw faults.notFound();
  if (String(input.SyncToken) !== String(rec.syncToken)) throw faults.stale();

  let fields: JsonObject;
  if (input.sparse === true) {
    // DisplayName and PrintOnCheckName cannot be removed by a sparse update (API reference).
    for (const key of ['DisplayName', 'PrintOnCheckName']) {
      if (key in given && given[key] === null) throw faults.requiredParam(key, key);
    }
    fields = { ...rec.fields };
    for (const [key, value] of Object.entries(given)) {
      if (value === null) delete fields[key];
      else fields[key] = value;
    }
  } else {
    // Full update: writable fields left out become empty (qbo-notes §5.3).
    const kept = Object.fromEntries(
      SERVER_KEPT.filter((k) => k in rec.fields).map((k) => [k, rec.fields[k]]),
    );
    fields = { ...CREATE_DEFAULTS, ...kept, ...dropNulls(given) };
  }
  finish(store, fields, rec);
  return store.update(rec, fields, nowMs);
}

/** Rules shared by create and update: name, parent, uniqueness, derived fields, address ids. */
function finish(store: QboStore, fields: JsonObject, self: StoredRecord | undefined): void {
  const name = fillNames(fields);
  checkParent(store, fields, self);
  if (store.nameTaken(name, self)) throw faults.duplicateName();
  assignAddressIds(store, fields);
}

/**
 * DisplayName, generated from the name parts when absent (API reference), and PrintOnCheckName,
 * defaulted from CompanyName, else DisplayName, as the reference's create response shows.
 */
export function fillNames(fields: JsonObject): string {
  let name = typeof fields.DisplayName === 'string' ? fields.DisplayName.trim() : '';
  if (name === '') {
    const generated = NAME_PARTS.map((k) => fields[k])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .join(' ');
    if (generated === '') {
      throw faults.requiredParam(
        'DisplayName, or one of Title, GivenName, MiddleName, FamilyName, Suffix,',
        'DisplayName',
      );
    }
    if ([...generated].length > 500) throw faults.stringLength('DisplayName', 500, [...generated].length);
    name = generated;
  }
  fields.DisplayName = name;
  if (typeof fields.PrintOnCheckName !== 'string') {
    const company =
      typeof fields.CompanyName === 'string' ? fields.CompanyName.replace(/[:\t\r\n]/g, ' ') : '';
    fields.PrintOnCheckName = [...(company.trim() || name)].slice(0, 110).join('');
  }
  return name;
}

/** Every address gets its own Id; one the client echoes back is kept. */
export function assignAddressIds(store: QboStore, fields: JsonObject): void {
  for (const key of ['BillAddr', 'ShipAddr']) {
    const addr = fields[key];
    if (typeof addr !== 'object' || addr === null) continue;
    const copy = Object.fromEntries(Object.entries(addr));
    if (typeof copy.Id === 'string' && copy.Id !== '') store.noteAddressId(copy.Id);
    else copy.Id = store.newAddressId();
    fields[key] = copy;
  }
}

function checkParent(store: QboStore, fields: JsonObject, self: StoredRecord | undefined): void {
  const ref = fields.ParentRef;
  if (ref === undefined) {
    if (fields.Job === true) throw faults.requiredParam('ParentRef', 'ParentRef');
    fields.BillWithParent = false;
    return;
  }
  const value = typeof ref === 'object' && ref !== null && 'value' in ref ? String(ref.value) : '';
  const parent = store.get('Customer', value);
  if (!parent) throw faults.invalidReference(`ParentRef ${value} does not exist`);
  if (parent.fields.Active === false) throw faults.notFound();
  // Sub-customers nest at most four levels under a top-level customer (qbo-notes §3.3).
  if (store.level(parent) >= 4)
    throw faults.businessValidation('Sub-customers can be nested only 4 levels deep.', 'ParentRef');
  let cur: StoredRecord | undefined = parent;
  for (let depth = 0; cur && depth < 6; depth += 1, cur = store.parentOf(cur)) {
    if (cur === self) throw faults.businessValidation('A customer cannot be its own parent.', 'ParentRef');
  }
  fields.ParentRef = { value };
  fields.Job = true;
}

function dropNulls(o: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}

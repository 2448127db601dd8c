import { faults } from './faults';
import { CUSTOMER_FIELDS, type JsonObject } from './fields';
import type { Condition, Literal, ParsedQuery } from './query-parse';
import { NAME_ENTITIES, type NameEntity } from './state';
import type { QboStore, StoredRecord } from './store';
import { parseQboTime } from './time';

type Kind = 'string' | 'number' | 'bool' | 'date';

/** Filterable properties per entity (qbo-notes §4.1 from the API reference), with their types. */
const COMMON: Record<string, Kind> = {
  Id: 'number',
  DisplayName: 'string',
  GivenName: 'string',
  MiddleName: 'string',
  FamilyName: 'string',
  PrintOnCheckName: 'string',
  PrimaryEmailAddr: 'string',
  Active: 'bool',
  'MetaData.CreateTime': 'date',
  'MetaData.LastUpdatedTime': 'date',
};
const FILTERABLE: Record<NameEntity, Record<string, Kind>> = {
  Customer: {
    ...COMMON,
    CompanyName: 'string',
    FullyQualifiedName: 'string',
    Balance: 'number',
    Job: 'bool',
    ParentRef: 'string',
  },
  Vendor: { ...COMMON, CompanyName: 'string', Balance: 'number' },
  Employee: { ...COMMON },
};
/** Email is filterable but not sortable (API reference). */
const NOT_SORTABLE = new Set(['PrimaryEmailAddr', 'ParentRef']);

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

export function resolveEntity(name: string): NameEntity {
  const entity = NAME_ENTITIES.find((e) => e.toLowerCase() === name.toLowerCase());
  if (!entity)
    throw faults.queryValidation(
      `Entity ${name} is not supported by this company (sandbox: Customer, Vendor, Employee)`,
    );
  return entity;
}

function resolveProperty(entity: NameEntity, name: string, sorting: boolean): { path: string; kind: Kind } {
  const props = FILTERABLE[entity];
  const path = Object.keys(props).find((p) => p.toLowerCase() === name.toLowerCase());
  if (!path) {
    const known = Object.keys(CUSTOMER_FIELDS).some(
      (k) => k.toLowerCase() === name.toLowerCase().split('.')[0],
    );
    throw faults.queryValidation(
      known
        ? `Property ${name} is not queryable for Entity ${entity}`
        : `Property ${name} not found for Entity ${entity}`,
    );
  }
  if (sorting && NOT_SORTABLE.has(path))
    throw faults.queryValidation(`Property ${name} is not sortable for Entity ${entity}`);
  return { path, kind: props[path] ?? 'string' };
}

type Value = string | number | boolean | undefined;

function propertyValue(row: JsonObject, path: string, kind: Kind): Value {
  let v: unknown;
  if (path.startsWith('MetaData.')) {
    const meta = row.MetaData;
    v =
      typeof meta === 'object' && meta !== null
        ? Object.fromEntries(Object.entries(meta))[path.slice(9)]
        : undefined;
  } else if (path === 'PrimaryEmailAddr' || path === 'ParentRef') {
    const o = row[path];
    const inner = typeof o === 'object' && o !== null ? Object.fromEntries(Object.entries(o)) : {};
    v = path === 'ParentRef' ? inner.value : inner.Address;
  } else {
    v = row[path];
  }
  if (v === undefined || v === null) return path === 'Active' ? true : undefined;
  if (kind === 'date') return typeof v === 'string' ? (parseQboTime(v) ?? undefined) : undefined;
  if (kind === 'number') return Number(v);
  if (kind === 'bool') return v === true;
  return String(v).toLowerCase();
}

function literalValue(lit: Literal, kind: Kind, property: string): Value {
  if (kind === 'bool') {
    if (lit.kind === 'bool') return lit.value;
    if (lit.kind === 'string' && /^(true|false)$/i.test(lit.value)) return lit.value.toLowerCase() === 'true';
  } else if (kind === 'number') {
    const n = lit.kind === 'bool' ? Number.NaN : Number(lit.value);
    if (!Number.isNaN(n)) return n;
  } else if (kind === 'date') {
    const ms = lit.kind === 'string' ? parseQboTime(lit.value) : null;
    if (ms !== null) return ms;
  } else if (lit.kind !== 'bool') {
    return String(lit.value).toLowerCase();
  }
  throw faults.queryValidation(`Invalid value ${JSON.stringify(lit.value)} for property ${property}`);
}

function likeRegex(pattern: string): RegExp {
  const body = pattern
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 's');
}

function matcher(entity: NameEntity, c: Condition): (row: JsonObject) => boolean {
  const { path, kind } = resolveProperty(entity, c.property, false);
  if (c.op === 'LIKE') {
    const lit = c.values[0];
    if (kind !== 'string' || lit?.kind !== 'string') {
      throw faults.queryValidation(`LIKE needs a string property and a quoted pattern (${c.property})`);
    }
    const re = likeRegex(lit.value.toLowerCase());
    return (row) => {
      const v = propertyValue(row, path, kind);
      return typeof v === 'string' && re.test(v);
    };
  }
  const wanted = c.values.map((l) => literalValue(l, kind, c.property));
  return (row) => {
    const v = propertyValue(row, path, kind);
    if (v === undefined) return false;
    const w = wanted[0];
    switch (c.op) {
      case 'IN':
        return wanted.includes(v);
      case '=':
        return v === w;
      case '<':
        return w !== undefined && v < w;
      case '>':
        return w !== undefined && v > w;
      case '<=':
        return w !== undefined && v <= w;
      case '>=':
        return w !== undefined && v >= w;
      default:
        return false;
    }
  };
}

export interface QueryPlan {
  entity: NameEntity;
  count: boolean;
  /** False when the default Id order applies (the store lists records in Id order already). */
  sorted: boolean;
  filter: (row: JsonObject) => boolean;
  compare: (a: JsonObject, b: JsonObject) => number;
  startPosition: number;
  maxResults: number;
}

/** Checks the parsed query against the entity's properties; throws 4001 faults. */
export function planQuery(q: ParsedQuery): QueryPlan {
  const entity = resolveEntity(q.entity);
  const filters = q.where.map((c) => matcher(entity, c));
  // Plain queries return active records only, unless the query itself talks about Active (§4.3).
  if (!q.where.some((c) => c.property.toLowerCase() === 'active'))
    filters.push((row) => row.Active !== false);
  const order = q.orderBy.map((o) => ({ ...resolveProperty(entity, o.property, true), desc: o.desc }));
  order.push({ path: 'Id', kind: 'number', desc: false });
  if (q.startPosition !== undefined && q.startPosition < 1) {
    throw faults.queryValidation('STARTPOSITION must be 1 or more (positions are 1-based)');
  }
  if (q.maxResults !== undefined && q.maxResults < 1)
    throw faults.queryValidation('MAXRESULTS must be 1 or more');
  return {
    entity,
    count: q.count,
    sorted: q.orderBy.length > 0,
    filter: (row) => filters.every((f) => f(row)),
    compare: (a, b) => {
      for (const o of order) {
        const va = propertyValue(a, o.path, o.kind);
        const vb = propertyValue(b, o.path, o.kind);
        if (va === vb) continue;
        // Empty values sort first ascending, as SQL NULLs do in Intuit's answers.
        const cmp = va === undefined ? -1 : vb === undefined ? 1 : va < vb ? -1 : 1;
        return o.desc ? -cmp : cmp;
      }
      return 0;
    },
    startPosition: q.startPosition ?? 1,
    // Above 1000 Intuit quietly returns 1000 (qbo-notes §4.2); the sandbox does the same.
    maxResults: Math.min(q.maxResults ?? DEFAULT_PAGE, MAX_PAGE),
  };
}

/** The QueryResponse object of qbo-notes §4.4. `exclude` hides records (batch snapshots). */
export function runQuery(
  store: QboStore,
  plan: QueryPlan,
  exclude?: (rec: StoredRecord) => boolean,
): JsonObject {
  const rows = store
    .list(plan.entity)
    .filter((r) => !exclude?.(r))
    .map((r) => store.serialize(r))
    .filter(plan.filter);
  if (plan.count) return { totalCount: rows.length };
  if (plan.sorted) rows.sort(plan.compare);
  const page = rows.slice(plan.startPosition - 1, plan.startPosition - 1 + plan.maxResults);
  if (page.length === 0) return {};
  return { [plan.entity]: page, startPosition: plan.startPosition, maxResults: page.length };
}

import { DEFAULT_QBO_RULES } from '../core/config';
import type { QboRules } from '../core/types';
import type { JsonObject } from './fields';
import { NAME_ENTITIES, type NameEntity } from './state';
import { formatQboTime, truncateToSecond } from './time';

/** One Customer, Vendor or Employee. `fields` holds the content in QBO's JSON shape. */
export interface StoredRecord {
  entity: NameEntity;
  id: number;
  syncToken: number;
  createdMs: number;
  updatedMs: number;
  fields: JsonObject;
}

/** Server-generated keys; never part of `fields`. */
export const SERVER_KEYS = new Set([
  'Id',
  'SyncToken',
  'MetaData',
  'domain',
  'sparse',
  'FullyQualifiedName',
  'Level',
]);

const MAX_DEPTH = 5;

/** The company's name lists. Ids are per entity, numeric, never reused. */
export class QboStore {
  realmId = '';
  private records = new Map<NameEntity, Map<number, StoredRecord>>();
  private nextId = new Map<NameEntity, number>();
  private nextAddressId = 1;
  /** Lower-cased trimmed DisplayName → records, so the uniqueness check stays cheap at 10,000s. */
  private names = new Map<string, Set<StoredRecord>>();
  /**
   * Serialized records, valid while nothing in the store changes (a rename changes children's
   * FullyQualifiedName, so any write clears all). Paging through 10,000 customers reuses them.
   */
  private version = 0;
  private cache = new WeakMap<StoredRecord, { version: number; suffix: boolean; out: JsonObject }>();

  constructor(private readonly rules: () => QboRules = () => DEFAULT_QBO_RULES) {
    this.reset('');
  }

  reset(realmId: string): void {
    this.realmId = realmId;
    for (const entity of NAME_ENTITIES) {
      this.records.set(entity, new Map());
      this.nextId.set(entity, 1);
    }
    this.nextAddressId = 1;
    this.names.clear();
    this.version += 1;
  }

  get(entity: NameEntity, id: string | number): StoredRecord | undefined {
    const text = String(id);
    if (!/^\d{1,15}$/.test(text)) return undefined;
    return this.map(entity).get(Number(text));
  }

  /** Records in Id order (the default order of queries). */
  list(entity: NameEntity): StoredRecord[] {
    return [...this.map(entity).values()].sort((a, b) => a.id - b.id);
  }

  insert(entity: NameEntity, fields: JsonObject, nowMs: number, id?: number, syncToken = 0): StoredRecord {
    const assigned = id ?? this.nextId.get(entity) ?? 1;
    const rec: StoredRecord = { entity, id: assigned, syncToken, createdMs: nowMs, updatedMs: nowMs, fields };
    this.map(entity).set(assigned, rec);
    this.index(rec);
    this.version += 1;
    this.nextId.set(entity, Math.max(this.nextId.get(entity) ?? 1, assigned + 1));
    return rec;
  }

  update(rec: StoredRecord, fields: JsonObject, nowMs: number): StoredRecord {
    this.unindex(rec);
    rec.fields = fields;
    this.index(rec);
    this.version += 1;
    rec.syncToken += 1;
    rec.updatedMs = Math.max(nowMs, rec.updatedMs);
    return rec;
  }

  newAddressId(): string {
    const id = this.nextAddressId;
    this.nextAddressId += 1;
    return String(id);
  }

  noteAddressId(id: string): void {
    if (/^\d+$/.test(id)) this.nextAddressId = Math.max(this.nextAddressId, Number(id) + 1);
  }

  /** DisplayName is unique across Customer, Vendor and Employee (qbo-notes §3.3). */
  nameTaken(name: string, except?: StoredRecord): boolean {
    return this.nameHolder(name, except) !== undefined;
  }

  /** The record (other than `except`) whose DisplayName clashes with `name` under the rules. */
  nameHolder(name: string, except?: StoredRecord): StoredRecord | undefined {
    const { nameUniqueIgnoresCase, inactiveNamesBlock } = this.rules();
    const trimmed = name.trim();
    for (const rec of this.names.get(trimmed.toLowerCase()) ?? []) {
      if (rec === except) continue;
      if (!inactiveNamesBlock && rec.fields.Active === false) continue;
      if (!nameUniqueIgnoresCase && String(rec.fields.DisplayName).trim() !== trimmed) continue;
      return rec;
    }
    return undefined;
  }

  private index(rec: StoredRecord): void {
    const key = String(rec.fields.DisplayName ?? '')
      .trim()
      .toLowerCase();
    let set = this.names.get(key);
    if (!set) {
      set = new Set();
      this.names.set(key, set);
    }
    set.add(rec);
  }

  private unindex(rec: StoredRecord): void {
    const key = String(rec.fields.DisplayName ?? '')
      .trim()
      .toLowerCase();
    const set = this.names.get(key);
    set?.delete(rec);
    if (set?.size === 0) this.names.delete(key);
  }

  /** Depth below the top-level customer (0 = top level), following ParentRef. */
  level(rec: StoredRecord): number {
    let depth = 0;
    let cur: StoredRecord | undefined = rec;
    while (cur && depth <= MAX_DEPTH) {
      const parent = this.parentOf(cur);
      if (!parent) break;
      depth += 1;
      cur = parent;
    }
    return depth;
  }

  parentOf(rec: StoredRecord): StoredRecord | undefined {
    const ref = rec.fields.ParentRef;
    if (typeof ref !== 'object' || ref === null || !('value' in ref)) return undefined;
    return this.get('Customer', String(ref.value));
  }

  /** The record as the API returns it (`forState`: without display-only changes, for reloading). */
  serialize(rec: StoredRecord, forState = false): JsonObject {
    const suffix = !forState && this.rules().deletedSuffix;
    const cached = this.cache.get(rec);
    if (cached && cached.version === this.version && cached.suffix === suffix) return cached.out;
    const out = this.build(rec, suffix);
    this.cache.set(rec, { version: this.version, suffix, out });
    return out;
  }

  private build(rec: StoredRecord, suffix: boolean): JsonObject {
    const out: JsonObject = { ...rec.fields };
    if (rec.entity === 'Customer') {
      out.FullyQualifiedName = this.fullyQualifiedName(rec);
      if (rec.fields.Job === true) out.Level = this.level(rec);
    }
    if (suffix && rec.fields.Active === false && typeof out.DisplayName === 'string') {
      out.DisplayName = `${out.DisplayName} (deleted)`;
    }
    out.domain = 'QBO';
    out.sparse = false;
    out.Id = String(rec.id);
    out.SyncToken = String(rec.syncToken);
    out.MetaData = {
      CreateTime: formatQboTime(truncateToSecond(rec.createdMs), false),
      LastUpdatedTime: formatQboTime(truncateToSecond(rec.updatedMs), false),
    };
    return out;
  }

  /** "Parent:Child:Job", from the current names up the ParentRef chain. */
  fullyQualifiedName(rec: StoredRecord): string {
    const names: string[] = [];
    let cur: StoredRecord | undefined = rec;
    while (cur && names.length <= MAX_DEPTH) {
      names.unshift(String(cur.fields.DisplayName ?? ''));
      cur = this.parentOf(cur);
    }
    return names.join(':');
  }

  private map(entity: NameEntity): Map<number, StoredRecord> {
    let m = this.records.get(entity);
    if (!m) {
      m = new Map();
      this.records.set(entity, m);
    }
    return m;
  }
}

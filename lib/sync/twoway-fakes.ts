// In-memory QuickBooks and Karbon that keep versions and times the way the real services do
// (SyncToken, MetaData.LastUpdatedTime, CDC's 30-day window, requestid replay, DisplayName
// uniqueness across customers/vendors/employees, LastModifiedDateTime bumped by every write),
// for the two-way unit and property tests. Integration tests use the sandbox instead.
import { type Contact, type ContactFields, displayNameOf, makeContact } from '../contact/model';
import { NameClashError, NotFoundError, RejectedWriteError, StaleObjectError } from '../errors';
import { displayNameKey } from './display-name';
import { karbonRef } from './identity';
import type {
  KarbonKind,
  KarbonPort,
  KarbonRecord,
  KarbonSummary,
  NameHolder,
  QuickBooksCustomer,
  QuickBooksPort,
} from './ports';

const DAY_MS = 24 * 3600_000;

/** One clock for both services: every write moves it on a second, so edits are ordered. */
export class FakeTime {
  constructor(public ms = Date.parse('2026-03-01T09:00:00Z')) {}
  now(): string {
    return new Date(this.ms).toISOString();
  }
  tick(ms = 1000): string {
    this.ms += ms;
    return this.now();
  }
}

export class TwoWayQuickBooks implements QuickBooksPort {
  calls: string[] = [];
  customers = new Map<string, QuickBooksCustomer>();
  vendors: string[] = [];
  employees: string[] = [];
  private replies = new Map<string, QuickBooksCustomer>();
  private nextId = 1000;
  /** Runs before each call (throw to fail it). */
  before?: (call: string) => void;

  constructor(readonly time: FakeTime) {}

  private call(name: string): void {
    this.calls.push(name);
    this.before?.(name);
  }

  /** A customer as a person would type it in QuickBooks. */
  add(id: string, contact: Contact, displayName = displayNameOf(contact), active = true): QuickBooksCustomer {
    const c: QuickBooksCustomer = {
      id,
      syncToken: '0',
      active,
      isJob: false,
      parentId: null,
      lastUpdated: this.time.tick(),
      displayName,
      givenName: contact.kind === 'person' ? contact.fields.firstName : '',
      familyName: contact.kind === 'person' ? contact.fields.lastName : '',
      companyName: contact.fields.organizationName,
      deleted: false,
      contact: { ...structuredClone(contact), contactType: '' },
    };
    this.customers.set(id, c);
    return structuredClone(c);
  }

  /** A person's edit in QuickBooks (bumps SyncToken and LastUpdatedTime). */
  edit(id: string, change: Partial<ContactFields> & { displayName?: string; active?: boolean }): void {
    const c = this.customers.get(id);
    if (!c) throw new Error(`no customer ${id}`);
    this.customers.set(id, this.apply(c, change));
  }

  private apply(
    c: QuickBooksCustomer,
    change: Partial<ContactFields> & { displayName?: string; active?: boolean },
  ): QuickBooksCustomer {
    const { displayName, active, ...fields } = change;
    const merged = { ...c.contact.fields, ...fields };
    return {
      ...c,
      syncToken: String(Number(c.syncToken) + 1),
      lastUpdated: this.time.tick(),
      active: active ?? c.active,
      displayName: displayName ?? c.displayName,
      givenName: c.contact.kind === 'person' ? merged.firstName : '',
      familyName: c.contact.kind === 'person' ? merged.lastName : '',
      companyName: merged.organizationName,
      contact: makeContact(c.contact.kind, merged),
    };
  }

  private holders(name: string, except?: string): NameHolder[] {
    const key = displayNameKey(name);
    const out: NameHolder[] = [];
    for (const c of this.customers.values()) {
      if (c.id !== except && displayNameKey(c.displayName) === key)
        out.push({ entity: 'Customer', id: c.id, displayName: c.displayName, active: c.active });
    }
    this.vendors.forEach((v, i) => {
      if (displayNameKey(v) === key)
        out.push({ entity: 'Vendor', id: `V${i}`, displayName: v, active: true });
    });
    this.employees.forEach((v, i) => {
      if (displayNameKey(v) === key)
        out.push({ entity: 'Employee', id: `E${i}`, displayName: v, active: true });
    });
    return out;
  }

  async listCustomers(opts: { includeInactive: boolean }) {
    this.call('listCustomers');
    return [...this.customers.values()]
      .filter((c) => opts.includeInactive || c.active)
      .map((c) => structuredClone(c));
  }
  async getCustomer(id: string) {
    this.call('getCustomer');
    const c = this.customers.get(id);
    if (!c) throw new NotFoundError('quickbooks', `customer ${id}`);
    return structuredClone(c);
  }
  async getCustomers(ids: readonly string[]) {
    this.call('getCustomers');
    return ids.flatMap((id) => {
      const c = this.customers.get(id);
      return c ? [structuredClone(c)] : [];
    });
  }
  async createCustomer(contact: Contact, opts: { requestId: string; displayName: string }) {
    this.call('createCustomer');
    const replay = this.replies.get(opts.requestId);
    if (replay) return structuredClone(replay);
    if (this.holders(opts.displayName).length > 0) throw new NameClashError(opts.displayName);
    const created = this.add(String(this.nextId++), contact, opts.displayName);
    this.replies.set(opts.requestId, created);
    return structuredClone(created);
  }
  async updateCustomer(
    id: string,
    syncToken: string,
    changes: Partial<ContactFields> & { displayName?: string; active?: boolean },
  ) {
    this.call('updateCustomer');
    const c = this.customers.get(id);
    if (!c) throw new NotFoundError('quickbooks', `customer ${id}`);
    if (c.syncToken !== syncToken) throw new StaleObjectError(id);
    if (changes.displayName !== undefined && this.holders(changes.displayName, id).length > 0)
      throw new NameClashError(changes.displayName);
    if (changes.email !== undefined && changes.email !== '' && !changes.email.includes('@'))
      throw new RejectedWriteError(
        'quickbooks',
        '2050',
        'Email Address does not conform to the syntax rules',
      );
    const next = this.apply(c, changes);
    this.customers.set(id, next);
    return structuredClone(next);
  }
  async changesSince(since: string) {
    this.call('changesSince');
    if (this.time.ms - Date.parse(since) > 30 * DAY_MS) return null;
    return this.updatedSinceNow(since);
  }
  async updatedSince(since: string) {
    this.call('updatedSince');
    return this.updatedSinceNow(since);
  }
  private updatedSinceNow(since: string) {
    const from = Date.parse(since);
    return {
      customers: [...this.customers.values()]
        .filter((c) => Date.parse(c.lastUpdated) >= from)
        .map((c) => structuredClone(c)),
      serverTime: this.time.now(),
    };
  }
  async findNameHolders(displayName: string) {
    this.call('findNameHolders');
    return this.holders(displayName);
  }
  async countCustomers() {
    return this.customers.size;
  }
  async companyName() {
    return 'Fake Company';
  }
}

export class TwoWayKarbon implements KarbonPort {
  calls: string[] = [];
  records = new Map<string, KarbonRecord>();
  types = ['Client', 'Prospect', 'Supplier'];
  private nextKey = 1;
  before?: (call: string) => void;

  constructor(readonly time: FakeTime) {}

  private call(name: string): void {
    this.calls.push(name);
    this.before?.(name);
  }

  /** A record as a person would type it in Karbon. */
  add(kind: KarbonKind, contact: Contact, key = `K${this.nextKey++}`): KarbonRecord {
    const r: KarbonRecord = {
      kind,
      key,
      userDefinedIdentifier: '',
      lastModified: this.time.tick(),
      archived: false,
      contact: structuredClone(contact),
    };
    this.records.set(karbonRef(kind, key), r);
    return structuredClone(r);
  }

  /** A person's edit in Karbon (bumps LastModifiedDateTime). */
  edit(kind: KarbonKind, key: string, change: Partial<ContactFields> & { contactType?: string }): void {
    const r = this.records.get(karbonRef(kind, key));
    if (!r) throw new Error(`no record ${key}`);
    this.records.set(karbonRef(kind, key), this.apply(r, change));
  }

  remove(kind: KarbonKind, key: string): void {
    this.records.delete(karbonRef(kind, key));
  }

  private apply(r: KarbonRecord, change: Partial<ContactFields> & { contactType?: string }): KarbonRecord {
    const { contactType, ...fields } = change;
    return {
      ...r,
      lastModified: this.time.tick(),
      contact: makeContact(
        r.contact.kind,
        { ...r.contact.fields, ...fields },
        contactType ?? r.contact.contactType,
      ),
    };
  }

  private summaryOf(r: KarbonRecord): KarbonSummary {
    return {
      kind: r.kind,
      key: r.key,
      fullName: displayNameOf(r.contact),
      email: r.contact.fields.email.split(',')[0]?.trim() ?? '',
      phone: r.contact.fields.phoneWork,
      contactType: r.contact.contactType,
      userDefinedIdentifier: r.userDefinedIdentifier,
      lastModified: r.lastModified,
    };
  }

  async listSummaries(kind: KarbonKind, opts: { newestFirst?: boolean; stopBefore?: string } = {}) {
    this.call(`listSummaries:${kind}${opts.newestFirst ? ':newest' : ''}`);
    const rows = [...this.records.values()].filter((r) => r.kind === kind).map((r) => this.summaryOf(r));
    if (!opts.newestFirst) return rows;
    const stop = opts.stopBefore ? Date.parse(opts.stopBefore) : Number.NEGATIVE_INFINITY;
    return rows
      .sort((a, b) => Date.parse(b.lastModified) - Date.parse(a.lastModified))
      .filter((r) => Date.parse(r.lastModified) >= stop);
  }
  async getRecord(kind: KarbonKind, key: string) {
    this.call('getRecord');
    const r = this.records.get(karbonRef(kind, key));
    return r ? structuredClone(r) : null;
  }
  async createRecord(kind: KarbonKind, contact: Contact, udi: string) {
    this.call('createRecord');
    if ([...this.records.values()].some((r) => r.userDefinedIdentifier.toLowerCase() === udi.toLowerCase()))
      throw new RejectedWriteError('karbon', '5001', 'User defined identifier already in use');
    const r = this.add(kind, contact);
    const stored = { ...r, userDefinedIdentifier: udi };
    this.records.set(karbonRef(kind, r.key), stored);
    return structuredClone(stored);
  }
  async findByUserDefinedIdentifier(kind: KarbonKind, udi: string) {
    this.call('findByUserDefinedIdentifier');
    const r = [...this.records.values()].find(
      (x) => x.kind === kind && x.userDefinedIdentifier.toLowerCase() === udi.toLowerCase(),
    );
    return r ? structuredClone(r) : null;
  }
  async findByExternalKey() {
    this.call('findByExternalKey');
    return [];
  }
  async updateRecord(
    kind: KarbonKind,
    key: string,
    changes: Partial<ContactFields> & { contactType?: string },
  ) {
    this.call('updateRecord');
    const r = this.records.get(karbonRef(kind, key));
    if (!r) throw new NotFoundError('karbon', `${kind} ${key}`);
    const next = this.apply(r, changes);
    this.records.set(karbonRef(kind, key), next);
    return structuredClone(next);
  }
  async contactTypes() {
    return [...this.types];
  }
  async tenantName() {
    return 'Fake Tenant';
  }
}

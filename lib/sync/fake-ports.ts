// In-memory QuickBooksPort and KarbonPort for the engine's unit tests: they keep records, count
// calls and let a test break a call. The integration tests use the real clients and the sandbox.
import { type Contact, displayNameOf } from '../contact/model';
import { NotFoundError, RejectedWriteError } from '../errors';
import type {
  KarbonKind,
  KarbonPort,
  KarbonRecord,
  KarbonSummary,
  QuickBooksCustomer,
  QuickBooksPort,
} from './ports';

export type Hook = (call: string) => void | Promise<void>;

export class FakeQuickBooks implements QuickBooksPort {
  calls: string[] = [];
  customers = new Map<string, QuickBooksCustomer>();
  /** Runs before each call (throw to fail it). */
  before?: Hook;

  constructor(customers: QuickBooksCustomer[] = []) {
    for (const c of customers) this.customers.set(c.id, c);
  }

  private async call(name: string): Promise<void> {
    this.calls.push(name);
    await this.before?.(name);
  }

  async listCustomers(opts: { includeInactive: boolean }) {
    await this.call('listCustomers');
    return [...this.customers.values()]
      .filter((c) => opts.includeInactive || c.active)
      .map((c) => structuredClone(c));
  }
  async getCustomer(id: string) {
    await this.call('getCustomer');
    const c = this.customers.get(id);
    if (!c) throw new NotFoundError('quickbooks', `customer ${id}`);
    return structuredClone(c);
  }
  async getCustomers(ids: readonly string[]) {
    await this.call('getCustomers');
    return ids.flatMap((id) => {
      const c = this.customers.get(id);
      return c ? [structuredClone(c)] : [];
    });
  }
  async createCustomer(): Promise<QuickBooksCustomer> {
    throw new Error('not used in these tests');
  }
  async updateCustomer(id: string, _token: string, changes: Partial<Contact['fields']>) {
    await this.call('updateCustomer');
    const c = this.customers.get(id);
    if (!c) throw new NotFoundError('quickbooks', `customer ${id}`);
    const next: QuickBooksCustomer = {
      ...c,
      syncToken: String(Number(c.syncToken) + 1),
      contact: { ...c.contact, fields: { ...c.contact.fields, ...changes } },
    };
    this.customers.set(id, next);
    return structuredClone(next);
  }
  /** No change feed: every run falls back to updatedSince. */
  async changesSince() {
    return null;
  }
  /** These records carry no real times: every customer counts as changed, as a full read would. */
  async updatedSince() {
    await this.call('updatedSince');
    return {
      customers: [...this.customers.values()].map((c) => structuredClone(c)),
      serverTime: '2026-03-01T00:00:00.000Z',
    };
  }
  async findNameHolders() {
    return [];
  }
  async countCustomers() {
    return this.customers.size;
  }
  async companyName() {
    return 'Fake Company';
  }
}

export class FakeKarbon implements KarbonPort {
  calls: string[] = [];
  records = new Map<string, KarbonRecord>();
  externalKeys = new Map<string, string>();
  before?: Hook;
  /** Runs after a create landed, before its answer returns (throw to lose the answer). */
  afterCreate?: Hook;
  private next = 1;

  constructor(records: KarbonRecord[] = []) {
    for (const r of records) this.records.set(r.key, r);
  }

  private async call(name: string): Promise<void> {
    this.calls.push(name);
    await this.before?.(name);
  }

  writes(): string[] {
    return this.calls.filter((c) => c === 'createRecord' || c === 'updateRecord');
  }

  async listSummaries(kind: KarbonKind): Promise<KarbonSummary[]> {
    await this.call(`listSummaries:${kind}`);
    return [...this.records.values()]
      .filter((r) => r.kind === kind)
      .map((r) => ({
        kind: r.kind,
        key: r.key,
        fullName: displayNameOf(r.contact),
        email: r.contact.fields.email.split(',')[0]?.trim() ?? '',
        phone: '',
        contactType: r.contact.contactType,
        userDefinedIdentifier: r.userDefinedIdentifier,
        lastModified: r.lastModified,
      }));
  }
  async getRecord(kind: KarbonKind, key: string) {
    await this.call('getRecord');
    const r = this.records.get(key);
    return r && r.kind === kind ? structuredClone(r) : null;
  }
  async createRecord(kind: KarbonKind, contact: Contact, udi: string) {
    await this.call('createRecord');
    if ([...this.records.values()].some((r) => r.userDefinedIdentifier.toLowerCase() === udi.toLowerCase())) {
      throw new RejectedWriteError('karbon', '5001', 'User defined identifier already in use');
    }
    const key = `NEW${this.next++}`;
    const record: KarbonRecord = {
      kind,
      key,
      userDefinedIdentifier: udi,
      lastModified: '2026-03-01T00:00:00.000Z',
      archived: false,
      contact: structuredClone(contact),
    };
    this.records.set(key, record);
    await this.afterCreate?.('createRecord');
    return structuredClone(record);
  }
  async findByUserDefinedIdentifier(kind: KarbonKind, udi: string) {
    await this.call('findByUserDefinedIdentifier');
    const r = [...this.records.values()].find(
      (x) => x.kind === kind && x.userDefinedIdentifier.toLowerCase() === udi.toLowerCase(),
    );
    return r ? structuredClone(r) : null;
  }
  async findByExternalKey(kind: KarbonKind, quickBooksId: string) {
    await this.call('findByExternalKey');
    const all = await this.listSummaries(kind);
    this.calls.pop();
    return all.filter((s) => this.externalKeys.get(s.key) === quickBooksId);
  }
  async updateRecord(
    kind: KarbonKind,
    key: string,
    changes: Partial<Contact['fields']> & { contactType?: string },
  ) {
    await this.call('updateRecord');
    const r = this.records.get(key);
    if (!r || r.kind !== kind) throw new NotFoundError('karbon', `${kind} ${key}`);
    const { contactType, ...fields } = changes;
    const next: KarbonRecord = {
      ...r,
      lastModified: '2026-03-02T00:00:00.000Z',
      contact: {
        ...r.contact,
        contactType: contactType ?? r.contact.contactType,
        fields: { ...r.contact.fields, ...fields },
      },
    };
    this.records.set(key, next);
    return structuredClone(next);
  }
  async contactTypes() {
    return ['Client', 'Prospect', 'Supplier'];
  }
  async tenantName() {
    return 'Fake Tenant';
  }
}

// The engine's view of the two services. lib/quickbooks and lib/karbon implement these over
// HTTP (wire schemas validated, mappers pure); the engine (planner, executor, runSync) only
// ever sees these shapes, so it runs the same in the extension, the CLI, tests and benchmarks.
import type { Contact, ContactFields } from '../contact/model';

/**
 * What a port read, kept for its own next write to the same record (docs/clients.md "Writing
 * from what was read"). Opaque: the wire record stays inside the port that read it, and only
 * that port can use it. It is a non-enumerable property of the record the port returns, so a
 * copy (`{...record}`), a structured clone or a stored row leaves it behind; the port then reads
 * the record again before writing, as it would without it.
 */
export interface ReadSnapshot {
  /** When the answer arrived, on the port's clock (ms since the epoch). */
  readonly readAt: number;
  /**
   * Still young enough for the port to write from (Karbon: a bounded age, since Karbon has no
   * version to refuse a stale write; QuickBooks: always, its SyncToken refuses a stale one).
   */
  fresh(): boolean;
}

// ---------- QuickBooks ----------

export interface QuickBooksCustomer {
  id: string;
  syncToken: string;
  active: boolean;
  /** Sub-customer (job): `Job: true` with a ParentRef. */
  isJob: boolean;
  parentId: string | null;
  /** MetaData.LastUpdatedTime, ISO 8601. */
  lastUpdated: string;
  /** Raw name fields, as the matching rules use them. */
  displayName: string;
  givenName: string;
  familyName: string;
  companyName: string;
  /** CDC marks deleted objects with status "Deleted". */
  deleted: boolean;
  contact: Contact;
  /** The port's copy of what it read under `syncToken` (address ids): see ReadSnapshot. */
  readonly snapshot?: ReadSnapshot;
}

export type NameHolderEntity = 'Customer' | 'Vendor' | 'Employee';

export interface NameHolder {
  entity: NameHolderEntity;
  id: string;
  displayName: string;
  active: boolean;
}

export interface QuickBooksChanges {
  customers: QuickBooksCustomer[];
  /** Server time of the answer: the next checkpoint. */
  serverTime: string;
}

export interface QuickBooksPort {
  /** Every customer (paged query, 1000 a page); inactive ones only when asked. */
  listCustomers(opts: {
    includeInactive: boolean;
    onProgress?: (read: number) => void;
  }): Promise<QuickBooksCustomer[]>;
  getCustomer(id: string): Promise<QuickBooksCustomer>;
  /** Several by id (`Id IN (...)` queries), inactive included. Missing ids are left out. */
  getCustomers(ids: readonly string[]): Promise<QuickBooksCustomer[]>;
  /**
   * Create a customer. `requestId` makes the create safe to retry (QuickBooks replays the
   * first answer for a repeated requestid). Throws NameClashError on 6240.
   */
  createCustomer(
    contact: Contact,
    opts: { requestId: string; displayName: string },
  ): Promise<QuickBooksCustomer>;
  /**
   * Sparse update of the given fields (and DisplayName when given). Throws StaleObjectError
   * on 5010 so the caller re-reads and re-plans; NameClashError on 6240. A sparse update
   * replaces a whole address, so changing part of one needs the address as stored: taken from
   * `basedOn` (the customer this port returned) when it was read under `syncToken`, else read.
   */
  updateCustomer(
    id: string,
    syncToken: string,
    changes: Partial<ContactFields> & { displayName?: string; active?: boolean },
    opts: { requestId: string; kind: Contact['kind']; basedOn?: QuickBooksCustomer },
  ): Promise<QuickBooksCustomer>;
  /**
   * Change Data Capture since `since` (≤ 30 days). Returns null when CDC cannot answer
   * completely (older than 30 days, or the 1000-object cap reached): use updatedSince then.
   */
  changesSince(since: string): Promise<QuickBooksChanges | null>;
  /** Paged `MetaData.LastUpdatedTime >= since` query, inactive included. */
  updatedSince(since: string): Promise<QuickBooksChanges>;
  /** Customers, vendors and employees holding this DisplayName (case-insensitive). */
  findNameHolders(displayName: string): Promise<NameHolder[]>;
  countCustomers(opts: { includeInactive: boolean }): Promise<number>;
  companyName(): Promise<string>;
}

// ---------- Karbon ----------

export type KarbonKind = 'contact' | 'organization';

/** A row of `GET /v3/Contacts` or `/v3/Organizations`: no name parts, no business cards. */
export interface KarbonSummary {
  kind: KarbonKind;
  key: string;
  fullName: string;
  /** First email of the primary card, or ''. */
  email: string;
  phone: string;
  contactType: string;
  userDefinedIdentifier: string;
  lastModified: string;
}

/** A full record (`$expand=BusinessCards`), mapped to the canonical contact. */
export interface KarbonRecord {
  kind: KarbonKind;
  key: string;
  userDefinedIdentifier: string;
  lastModified: string;
  contact: Contact;
  /** Archived / deleted in Karbon, where the API tells. */
  archived: boolean;
  /** The port's copy of the record as read (every card and key): see ReadSnapshot. */
  readonly snapshot?: ReadSnapshot;
}

export interface KarbonPort {
  /**
   * List rows. Oldest-first by default; with `newestFirst`, pages `LastModifiedDateTime desc`
   * and stops after the first row older than `stopBefore` (the high-water mark).
   */
  listSummaries(
    kind: KarbonKind,
    opts?: { newestFirst?: boolean; stopBefore?: string; onProgress?: (read: number) => void },
  ): Promise<KarbonSummary[]>;
  /** Full record with business cards; null when the key no longer exists (404). */
  getRecord(kind: KarbonKind, key: string): Promise<KarbonRecord | null>;
  /** Create with a UserDefinedIdentifier derived from the QuickBooks id (the retry-safe key). */
  createRecord(kind: KarbonKind, contact: Contact, userDefinedIdentifier: string): Promise<KarbonRecord>;
  findByUserDefinedIdentifier(kind: KarbonKind, udi: string): Promise<KarbonRecord | null>;
  /** Records Karbon's built-in QuickBooks integration linked to this customer id. */
  findByExternalKey(kind: KarbonKind, quickBooksId: string): Promise<KarbonSummary[]>;
  /**
   * Change the given fields (and the contact type) on the primary card, keeping every card,
   * phone and address the engine does not own. The PUT echoes the record as `basedOn` holds it
   * when this port read it moments ago (`basedOn.snapshot.fresh()`), else as read now (GET);
   * 409 → re-read and retry.
   */
  updateRecord(
    kind: KarbonKind,
    key: string,
    changes: Partial<ContactFields> & { contactType?: string },
    opts?: { basedOn?: KarbonRecord },
  ): Promise<KarbonRecord>;
  contactTypes(): Promise<string[]>;
  tenantName(): Promise<string>;
}

// The fewest requests the two APIs permit for a piece of work, from first principles (the
// reasoning behind each term is in docs/benchmarks.md, "The minimum"). Pure: the harness
// describes the work from the sandbox's own data, this turns it into request counts.

type Kind = 'contact' | 'organization';

/** QuickBooks answers at most 1000 rows a query page and Karbon 100 a list page. */
const QBO_PAGE = 1000;
const KARBON_PAGE = 100;
/** CDC answers at most 1000 objects; at the cap a paged LastUpdatedTime query takes over. */
export const CDC_CAP = 1000;
/** Operations per QuickBooks batch request. */
const QBO_BATCH = 30;

export interface ReadWork {
  /** full: every list from the start; incremental: CDC and newest-first Karbon pages since the checkpoint. */
  mode: 'full' | 'incremental';
  /** Customers the query lists (inactive included) and Karbon rows listed, per kind. */
  customers: number;
  karbon: Record<Kind, number>;
  /** Incremental: customers changed since the checkpoint, Karbon rows modified since the mark. */
  changedCustomers: number;
  changedKarbon: Record<Kind, number>;
}

export interface Work {
  read: ReadWork;
  /** Distinct partial candidates of customers waiting for review (their other emails and name parts). */
  candidateDetails: number;
  /** Karbon records linked for the first time: the full record is compared and blanks filled. */
  linkDetails: number;
  /** Karbon rows a person changed since the last run (the list row does not say which field). */
  changedDetails: number;
  /** Customers about to be created or queued: has Karbon's own integration linked them? */
  externalKeyLookups: number;
  /** Creates ahead: Karbon refuses an unknown Contact Type, so its list is read once. */
  contactTypesCheck: boolean;
  karbonCreates: number;
  /** Karbon records changed: `read` were read in full this run, `unread` were not. */
  karbonUpdates: { read: number; unread: number };
  qboCreates: number;
  qboUpdates: number;
}

export interface ServiceMinimum {
  total: number;
  parts: Record<string, number>;
}

export interface Minimum {
  quickbooks: ServiceMinimum;
  karbon: ServiceMinimum;
  /** QuickBooks with writes sent 30 to a batch request (40 batches a minute). */
  quickbooksWithBatch: number;
}

/** A full query read: the last page must come back short (or empty) to show it is the last. */
export function queryPages(rows: number): number {
  return Math.floor(rows / QBO_PAGE) + 1;
}

/** Karbon says when more rows remain (`@odata.nextLink`), so a full read is exactly ceil(rows/100). */
export function listPages(rows: number): number {
  return Math.max(1, Math.ceil(rows / KARBON_PAGE));
}

/** Newest first until a row older than the mark shows (or the list ends). */
export function newestFirstPages(changed: number, total: number): number {
  return Math.min(listPages(total), Math.max(1, Math.ceil((changed + 1) / KARBON_PAGE)));
}

export function cdcRequests(changed: number): number {
  return changed < CDC_CAP ? 1 : 1 + queryPages(changed);
}

function service(parts: Record<string, number>): ServiceMinimum {
  const kept = Object.fromEntries(Object.entries(parts).filter(([, v]) => v > 0));
  return { total: Object.values(kept).reduce((a, b) => a + b, 0), parts: kept };
}

export function minimumOf(w: Work): Minimum {
  const r = w.read;
  const qboRead: Record<string, number> =
    r.mode === 'full' ? { 'query pages': queryPages(r.customers) } : { CDC: cdcRequests(r.changedCustomers) };
  const karbonRead: Record<string, number> =
    r.mode === 'full'
      ? { 'list pages': listPages(r.karbon.contact) + listPages(r.karbon.organization) }
      : {
          'newest-first pages':
            newestFirstPages(r.changedKarbon.contact, r.karbon.contact) +
            newestFirstPages(r.changedKarbon.organization, r.karbon.organization),
        };
  const updates = w.karbonUpdates.read + w.karbonUpdates.unread;
  const quickbooks = service({ ...qboRead, creates: w.qboCreates, updates: w.qboUpdates });
  const karbon = service({
    ...karbonRead,
    'candidate details': w.candidateDetails,
    'link details': w.linkDetails,
    'changed details': w.changedDetails,
    'ExternalKey lookups': w.externalKeyLookups,
    TenantSettings: w.contactTypesCheck ? 1 : 0,
    creates: w.karbonCreates,
    // PUT replaces the card set, so the cards must be known: read before unless read this run.
    'reads before PUT': w.karbonUpdates.unread,
    'updates (PUT)': updates,
    // PUT answers 204: the new LastModifiedDateTime is learnt by a read, or the next run mistakes our write for an edit.
    'read-backs after PUT': updates,
  });
  const writes = w.qboCreates + w.qboUpdates;
  const quickbooksWithBatch = quickbooks.total - writes + Math.ceil(writes / QBO_BATCH);
  return { quickbooks, karbon, quickbooksWithBatch };
}

/** actual / minimum, two decimals; null when the minimum is 0 but requests were made. */
export function ratio(actual: number, minimum: number): number | null {
  if (minimum === 0) return actual === 0 ? 1 : null;
  return Math.round((actual / minimum) * 100) / 100;
}

/** The published limits: what a firm waits for, whatever our speed. */
const REAL_LIMITS = { quickbooksPerMinute: 500, karbonPerMinute: 120 } as const;

export function realMinutes(requests: { quickbooks: number; karbon: number }) {
  const quickbooks = requests.quickbooks / REAL_LIMITS.quickbooksPerMinute;
  const karbon = requests.karbon / REAL_LIMITS.karbonPerMinute;
  const round = (x: number) => Math.round(x * 100) / 100;
  // The services are paced independently: a run takes at least the slower one's share.
  return {
    quickbooks: round(quickbooks),
    karbon: round(karbon),
    atLeast: round(Math.max(quickbooks, karbon)),
  };
}

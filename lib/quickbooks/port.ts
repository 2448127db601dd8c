// QuickBooksPort over HTTP (lib/sync/ports.ts). Each method's request pattern follows
// shared/spec/qbo-api.md; docs/clients.md explains the choices.
import type { Contact } from '../contact';
import { NameClashError, NotFoundError, StaleObjectError } from '../errors';
import { type Clock, SnapshotKeeper, systemClock } from '../http';
import type {
  NameHolder,
  NameHolderEntity,
  QuickBooksChanges,
  QuickBooksCustomer,
  QuickBooksPort,
} from '../sync/ports';
import {
  type AccessTokenSource,
  faultOf,
  QuickBooksClient,
  type QuickBooksClientOptions,
  quote,
} from './client';
import { quickBooksProblems, rejectProblems } from './limits';
import {
  type CustomerChanges,
  changesToSparse,
  contactToCustomer,
  toQuickBooksCustomer,
  touchedAddresses,
} from './mapper';
import {
  CdcEnvelopeSchema,
  CompanyInfoEnvelopeSchema,
  CountEnvelopeSchema,
  type Customer,
  CustomerEnvelopeSchema,
  CustomerQuerySchema,
  EmployeeQuerySchema,
  type PhysicalAddress,
  VendorQuerySchema,
} from './schema';

const PAGE_SIZE = 1000;
/** CDC answers at most 1000 objects and looks back at most 30 days (qbo-api.md "Change Data Capture"). */
const CDC_CAP = 1000;
const CDC_WINDOW_MS = 30 * 24 * 3600_000;
/** Ids per `Id IN (...)` query: keeps the URL well under common 8 KB limits. */
const IDS_PER_QUERY = 200;

export interface QuickBooksPortOptions extends Omit<QuickBooksClientOptions, 'tokens'> {
  /** A token source with refresh (lib/auth/intuit.ts), or a plain getter (no refresh on 401). */
  tokens?: AccessTokenSource;
  getAccessToken?: () => Promise<string>;
  /** Used when the company does not serve CompanyInfo (e.g. the sandbox's credentials' name). */
  companyName?: string;
  /** Rows per query page (QuickBooks' maximum, 1000, unless a test wants smaller pages). */
  pageSize?: number;
}

const ALL = 'Active IN (true,false)';

/** What a sparse address change needs of the customer as read: its addresses with their Ids. */
interface AddressBasis {
  id: string;
  syncToken: string;
  addresses: Pick<Customer, 'BillAddr' | 'ShipAddr'>;
}

export function createQuickBooksPort(o: QuickBooksPortOptions): QuickBooksPort {
  const getter = o.getAccessToken;
  const tokens: AccessTokenSource | undefined = o.tokens ?? (getter ? { accessToken: getter } : undefined);
  if (!tokens) throw new TypeError('createQuickBooksPort needs `tokens` or `getAccessToken`');
  const client = new QuickBooksClient({ ...o, tokens });
  const clock: Clock = o.clock ?? systemClock;
  const pageSize = o.pageSize ?? PAGE_SIZE;
  let companyName: Promise<string> | null = null;
  // No age limit: QuickBooks refuses a sparse update whose SyncToken has moved (5010), so the
  // addresses read under a SyncToken are the stored ones whenever an update with it succeeds.
  const snapshots = new SnapshotKeeper<AddressBasis>(clock, Number.POSITIVE_INFINITY);

  /** The engine's customer, carrying what a later address change needs. */
  function customerOf(c: Customer): QuickBooksCustomer {
    const addresses: { BillAddr?: PhysicalAddress | null; ShipAddr?: PhysicalAddress | null } = {
      BillAddr: c.BillAddr,
      ShipAddr: c.ShipAddr,
    };
    return snapshots.attach(toQuickBooksCustomer(c), { id: c.Id, syncToken: c.SyncToken ?? '', addresses });
  }

  /** Pages `SELECT * FROM Customer <where>` by STARTPOSITION; Id order keeps pages stable. */
  async function pagedCustomers(where: string, onPage?: (read: number) => void) {
    const rows: Customer[] = [];
    let firstTime: string | null = null;
    for (let start = 1; ; start += pageSize) {
      const page = await client.query(
        `SELECT * FROM Customer WHERE ${where} STARTPOSITION ${start} MAXRESULTS ${pageSize}`,
        CustomerQuerySchema,
      );
      firstTime ??= page.time ?? null;
      const got = page.QueryResponse.Customer ?? [];
      rows.push(...got);
      onPage?.(rows.length);
      if (got.length < pageSize) break;
    }
    return { rows, firstTime };
  }

  async function readCustomer(id: string): Promise<Customer> {
    return (await client.get(`customer/${encodeURIComponent(id)}`, {}, CustomerEnvelopeSchema)).Customer;
  }

  /** 5010 → StaleObjectError; 6240 → NameClashError; other faults stay RejectedWriteError. */
  function translateWriteError(error: unknown, id: string, displayName: string): never {
    const fault = faultOf(error);
    if (fault?.code === '5010') throw new StaleObjectError(id, { cause: error });
    if (fault?.code === '6240') throw new NameClashError(displayName, { cause: error });
    throw error;
  }

  return {
    async listCustomers({ includeInactive, onProgress }) {
      // Inactive ones are read too and dropped here: a customer made inactive mid-listing would
      // otherwise shift the pages and push another customer out of sight.
      const { rows } = await pagedCustomers(ALL, onProgress);
      const all = rows.map(customerOf);
      return includeInactive ? all : all.filter((c) => c.active);
    },

    async getCustomer(id) {
      return customerOf(await readCustomer(id));
    },

    async getCustomers(ids) {
      const unique = [...new Set(ids)];
      const out: QuickBooksCustomer[] = [];
      for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
        const chunk = unique.slice(i, i + IDS_PER_QUERY);
        const page = await client.query(
          `SELECT * FROM Customer WHERE Id IN (${chunk.map(quote).join(',')}) AND ${ALL} MAXRESULTS ${PAGE_SIZE}`,
          CustomerQuerySchema,
        );
        out.push(...(page.QueryResponse.Customer ?? []).map(customerOf));
      }
      return out;
    },

    async createCustomer(contact: Contact, { requestId, displayName }) {
      const body = contactToCustomer(contact, displayName);
      rejectProblems('quickbooks', quickBooksProblems({ ...contact.fields, displayName }));
      try {
        const res = await client.post('customer', body, requestId, CustomerEnvelopeSchema);
        return customerOf(res.Customer);
      } catch (error) {
        translateWriteError(error, '', displayName);
      }
    },

    async updateCustomer(id, syncToken, changes: CustomerChanges, { requestId, kind, basedOn }) {
      rejectProblems('quickbooks', quickBooksProblems(changes));
      // A sparse update replaces a whole address: the current one keeps its other parts and its
      // Id. The customer as the caller read it holds them when read under this SyncToken (any
      // change since would move the SyncToken and make QuickBooks refuse this update); else read.
      let current: Customer | undefined;
      if (touchedAddresses(changes).length > 0) {
        const held = snapshots.get(basedOn?.snapshot)?.value;
        if (held && held.id === id && held.syncToken === syncToken)
          current = { Id: id, SyncToken: syncToken, ...held.addresses };
        else {
          const read = await readCustomer(id);
          if (read.SyncToken !== syncToken) throw new StaleObjectError(id);
          current = read;
        }
      }
      const body = { ...changesToSparse(changes, kind, current), Id: id, SyncToken: syncToken, sparse: true };
      try {
        const res = await client.post('customer', body, requestId, CustomerEnvelopeSchema);
        return customerOf(res.Customer);
      } catch (error) {
        translateWriteError(error, id, changes.displayName ?? '');
      }
    },

    async changesSince(since) {
      const sinceMs = Date.parse(since);
      // A margin of an hour: the company's clock and ours may differ a little.
      if (!Number.isFinite(sinceMs) || clock.now() - sinceMs > CDC_WINDOW_MS - 3600_000) return null;
      let res: { CDCResponse: { QueryResponse?: { Customer?: Customer[] }[] }[]; time: string };
      try {
        res = await client.get('cdc', { entities: 'Customer', changedSince: since }, CdcEnvelopeSchema);
      } catch (error) {
        // QuickBooks refuses a window it cannot answer: the caller falls back to a query.
        if (faultOf(error)?.status === 400) return null;
        throw error;
      }
      const customers = res.CDCResponse.flatMap((r) => r.QueryResponse ?? []).flatMap(
        (q) => q.Customer ?? [],
      );
      if (customers.length >= CDC_CAP) return null;
      return { customers: customers.map(customerOf), serverTime: res.time };
    },

    async updatedSince(since): Promise<QuickBooksChanges> {
      const { rows, firstTime } = await pagedCustomers(
        `MetaData.LastUpdatedTime >= ${quote(since)} AND ${ALL}`,
      );
      // The first page's time: anything changed while later pages were read is read again next time.
      return {
        customers: rows.map(customerOf),
        serverTime: firstTime ?? new Date(clock.now()).toISOString(),
      };
    },

    async findNameHolders(displayName) {
      const where = `DisplayName = ${quote(displayName)} AND ${ALL}`;
      const [customers, vendors, employees] = await Promise.all([
        client.query(`SELECT * FROM Customer WHERE ${where}`, CustomerQuerySchema),
        client.query(`SELECT * FROM Vendor WHERE ${where}`, VendorQuerySchema),
        client.query(`SELECT * FROM Employee WHERE ${where}`, EmployeeQuerySchema),
      ]);
      const holder =
        (entity: NameHolderEntity) =>
        (r: { Id: string; DisplayName?: string | null; Active?: boolean | null }): NameHolder => ({
          entity,
          id: r.Id,
          displayName: r.DisplayName ?? '',
          active: r.Active !== false,
        });
      return [
        ...(customers.QueryResponse.Customer ?? []).map(holder('Customer')),
        ...(vendors.QueryResponse.Vendor ?? []).map(holder('Vendor')),
        ...(employees.QueryResponse.Employee ?? []).map(holder('Employee')),
      ];
    },

    async countCustomers({ includeInactive }) {
      const where = includeInactive ? ` WHERE ${ALL}` : '';
      const res = await client.query(`SELECT COUNT(*) FROM Customer${where}`, CountEnvelopeSchema);
      return res.QueryResponse.totalCount;
    },

    companyName() {
      companyName ??= readCompanyName().catch((error: unknown) => {
        companyName = null;
        throw error;
      });
      return companyName;
    },
  };

  async function readCompanyName(): Promise<string> {
    try {
      const res = await client.get(
        `companyinfo/${encodeURIComponent(o.realmId)}`,
        {},
        CompanyInfoEnvelopeSchema,
      );
      const name = res.CompanyInfo.CompanyName || res.CompanyInfo.LegalName;
      if (name) return name;
    } catch (error) {
      // A company that does not serve CompanyInfo (the local sandbox) answers 404, 610 or 500.
      const notServed = error instanceof NotFoundError || faultOf(error)?.code === '500';
      if (!notServed || o.companyName === undefined) throw error;
    }
    return o.companyName ?? '';
  }
}

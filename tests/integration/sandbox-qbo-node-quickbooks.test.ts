// node-quickbooks (a client nobody here wrote) pointed at the sandbox must behave as against
// QuickBooks: create, read, sparse update, fetchAll paging over 1000+, CDC, batch, requestid.
import QuickBooks from 'node-quickbooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QboHarness, RELAXED, startQboHarness } from './sandbox-qbo-helpers';

let h: QboHarness;
let qbo: QuickBooks;

type Callback = (err: unknown, data?: unknown) => void;

/** node-quickbooks is callback-based; this turns one call into a promise. */
function call<T = Record<string, unknown>>(fn: (cb: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, data) => (err ? reject(err) : resolve(data as T)));
  });
}

/** The Fault a failed node-quickbooks call carries (axios error → response.data). */
function faultCode(err: unknown): string | undefined {
  const data = (err as { response?: { data?: { Fault?: { Error?: { code?: string }[] } } } }).response?.data;
  return data?.Fault?.Error?.[0]?.code;
}

beforeAll(async () => {
  h = await startQboHarness({ config: RELAXED });
  QuickBooks.V3_ENDPOINT_BASE_URL = `${h.creds.urls.qbo}/v3/company/`;
  QuickBooks.TOKEN_URL = h.creds.urls.token;
  QuickBooks.REVOKE_URL = h.creds.urls.revoke;
  const { clientId, clientSecret } = h.creds.intuit;
  const { accessToken, realmId, refreshToken } = h.creds.qbo;
  qbo = new QuickBooks(
    clientId,
    clientSecret,
    accessToken,
    false,
    realmId,
    true,
    false,
    null,
    '2.0',
    refreshToken,
  );
});
afterAll(() => h.close());

describe('node-quickbooks against the sandbox', () => {
  it('createCustomer, getCustomer and a sparse updateCustomer round-trip', async () => {
    const created = await call((cb) =>
      qbo.createCustomer(
        {
          DisplayName: 'Nora Quinn',
          GivenName: 'Nora',
          FamilyName: 'Quinn',
          PrimaryEmailAddr: { Address: 'nora@quinn.example' },
        },
        cb,
      ),
    );
    expect(created).toMatchObject({ DisplayName: 'Nora Quinn', SyncToken: '0', Active: true, domain: 'QBO' });
    const id = String(created.Id);
    const read = await call((cb) => qbo.getCustomer(id, cb));
    expect(read).toEqual(created);

    const updated = await call((cb) => qbo.updateCustomer({ Id: id, SyncToken: '0', MiddleName: 'J' }, cb));
    expect(updated).toMatchObject({
      Id: id,
      SyncToken: '1',
      MiddleName: 'J',
      GivenName: 'Nora',
      sparse: false,
    });
    expect(updated.PrimaryEmailAddr).toEqual({ Address: 'nora@quinn.example' });

    const stale = await call((cb) =>
      qbo.updateCustomer({ Id: id, SyncToken: '0', MiddleName: 'K' }, cb),
    ).catch((e: unknown) => e);
    expect(faultCode(stale)).toBe('5010');
  });

  it('a create whose name a vendor holds fails with 6240', async () => {
    await h.control('PUT', '/state', {
      qbo: { realmId: h.creds.qbo.realmId, Vendor: [{ DisplayName: 'Duplicate Holder' }] },
    });
    const err = await call((cb) => qbo.createCustomer({ DisplayName: 'duplicate holder' }, cb)).catch(
      (e: unknown) => e,
    );
    expect(faultCode(err)).toBe('6240');
  });

  it('requestId makes a create safe to retry: the second call returns the first customer', async () => {
    const first = await call((cb) =>
      qbo.createCustomer({ DisplayName: 'Retry Safe Ltd', requestId: 'req-retry-0001' }, cb),
    );
    const second = await call((cb) =>
      qbo.createCustomer({ DisplayName: 'Retry Safe Ltd', requestId: 'req-retry-0001' }, cb),
    );
    expect(second).toEqual(first);
    const count = await call<{ QueryResponse: { totalCount: number } }>((cb) =>
      qbo.findCustomers({ DisplayName: 'Retry Safe Ltd', count: true }, cb),
    );
    expect(count.QueryResponse.totalCount).toBe(1);
  });

  it('findCustomers with fetchAll pages through more than 1000 customers (active only)', async () => {
    const Customer = Array.from({ length: 2003 }, (_, i) => ({
      DisplayName: `Paged Customer ${String(i + 1).padStart(5, '0')}`,
      ...(i >= 2000 ? { Active: false } : {}),
    }));
    expect(
      (await h.control('PUT', '/state', { qbo: { realmId: h.creds.qbo.realmId, Customer } })).status,
    ).toBe(200);
    await h.control('DELETE', '/requests');
    const all = await call<{ QueryResponse: { Customer: { Id: string }[]; maxResults: number } }>((cb) =>
      qbo.findCustomers({ fetchAll: true }, cb),
    );
    expect(all.QueryResponse.Customer).toHaveLength(2000);
    expect(all.QueryResponse.maxResults).toBe(2000);
    expect(new Set(all.QueryResponse.Customer.map((c) => c.Id)).size).toBe(2000);
    // 1000 + 1000 + the empty page that tells fetchAll to stop.
    expect((await h.control('GET', '/requests')).json).toMatchObject({
      byRoute: { 'GET /qbo/v3/company/{realmId}/query': 3 },
    });
    const withInactive = await call<{ QueryResponse: { Customer: unknown[] } }>((cb) =>
      qbo.findCustomers({ fetchAll: true, Active: [true, false] }, cb),
    );
    expect(withInactive.QueryResponse.Customer).toHaveLength(2003);
  });

  it('findCustomers without criteria returns the default page of 100', async () => {
    const page = await call<{
      QueryResponse: { Customer: unknown[]; maxResults: number; startPosition: number };
    }>((cb) => qbo.findCustomers(cb));
    expect(page.QueryResponse.Customer).toHaveLength(100);
    expect(page.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 100 });
  });

  it('changeDataCapture returns what changed since a time, inactive included', async () => {
    await h.control('PUT', '/state', {
      qbo: {
        realmId: h.creds.qbo.realmId,
        Customer: [{ DisplayName: 'Old One' }, { DisplayName: 'Will Close' }],
      },
    });
    await h.control('POST', '/clock', { advanceMs: 60_000 });
    const since = new Date(
      Date.parse(((await h.control('GET', '/clock')).json as { now: string }).now) - 1000,
    );
    const closing = await call((cb) => qbo.getCustomer('2', cb));
    await call((cb) =>
      qbo.updateCustomer({ Id: '2', SyncToken: String(closing.SyncToken), Active: false }, cb),
    );
    await call((cb) => qbo.createCustomer({ DisplayName: 'Brand New' }, cb));
    const cdc = await call<{
      CDCResponse: { QueryResponse: { Customer?: { DisplayName: string; Active: boolean }[] }[] }[];
    }>((cb) => qbo.changeDataCapture(['Customer'], since, cb));
    const changed = cdc.CDCResponse[0]?.QueryResponse[0]?.Customer ?? [];
    expect(changed.map((c) => [c.DisplayName, c.Active])).toEqual([
      ['Will Close', false],
      ['Brand New', true],
    ]);
  });

  it('batch runs items one by one; a failing item does not stop the others', async () => {
    await h.control('PUT', '/state', {
      qbo: {
        realmId: h.creds.qbo.realmId,
        Customer: [{ DisplayName: 'Batch Existing' }],
        Vendor: [{ DisplayName: 'Batch Vendor' }],
      },
    });
    const res = await call<{ BatchItemResponse: Record<string, unknown>[] }>((cb) =>
      qbo.batch(
        [
          { bId: 'b1', operation: 'create', Customer: { DisplayName: 'Batch New' } },
          { bId: 'b2', operation: 'create', Customer: { DisplayName: 'Batch Vendor' } },
          {
            bId: 'b3',
            operation: 'update',
            Customer: { Id: '1', SyncToken: '0', sparse: true, Notes: 'hello' },
          },
          { bId: 'b4', operation: 'query', Query: "select * from Customer where DisplayName LIKE 'Batch%'" },
        ],
        cb,
      ),
    );
    const [b1, b2, b3, b4] = res.BatchItemResponse;
    expect(b1).toMatchObject({ bId: 'b1', Customer: { DisplayName: 'Batch New', SyncToken: '0' } });
    expect(b2).toMatchObject({ bId: 'b2', Fault: { Error: [{ code: '6240' }] } });
    expect(b3).toMatchObject({ bId: 'b3', Customer: { Notes: 'hello', SyncToken: '1' } });
    // Items cannot see what earlier items of the same batch created.
    expect(b4).toMatchObject({ bId: 'b4', QueryResponse: { Customer: [{ DisplayName: 'Batch Existing' }] } });
  });
});

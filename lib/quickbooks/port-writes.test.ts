// updateCustomer without a read before an address change when the caller's customer was read
// under the SyncToken it writes with (a moved SyncToken is refused by QuickBooks: 5010). A
// scripted fetch answers by route and records what was sent.
import { describe, expect, it } from 'vitest';
import { StaleObjectError } from '../errors';
import { createQuickBooksPort } from './port';

const BASE = 'https://quickbooks.api.intuit.com';

function ada(syncToken: string) {
  return {
    Id: '1',
    SyncToken: syncToken,
    DisplayName: 'Ada Lovelace',
    GivenName: 'Ada',
    FamilyName: 'Lovelace',
    BillAddr: {
      Id: '77',
      Line1: '1 Analytical St',
      City: 'London',
      PostalCode: 'N1',
      Country: 'United Kingdom',
    },
    ShipAddr: { Id: '78', Line1: '2 Engine Rd', City: 'London' },
  };
}

interface Sent {
  route: string;
  body: Record<string, unknown> | null;
}

function scripted(opts: { stale?: boolean } = {}) {
  const sent: Sent[] = [];
  let token = 0;
  const fetchFn = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace('/v3/company/9/', '');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : null;
    sent.push({ route: `${method} ${path}`, body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (method === 'POST') {
      if (opts.stale || body?.SyncToken !== String(token)) {
        return json(400, {
          Fault: { Error: [{ Message: 'Stale Object Error', code: '5010' }], type: 'ValidationFault' },
        });
      }
      token++;
      return json(200, { Customer: { ...ada(String(token)), ...body, SyncToken: String(token) } });
    }
    if (path === 'query') return json(200, { QueryResponse: { Customer: [ada(String(token))] } });
    return json(200, { Customer: ada(String(token)) });
  };
  const port = createQuickBooksPort({
    baseUrl: BASE,
    realmId: '9',
    getAccessToken: async () => 'token',
    fetch: fetchFn as unknown as typeof fetch,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { port, sent, routes: () => sent.map((s) => s.route) };
}

const opts = (
  basedOn?: Parameters<ReturnType<typeof createQuickBooksPort>['updateCustomer']>[3]['basedOn'],
) => ({
  requestId: crypto.randomUUID(),
  kind: 'person' as const,
  basedOn,
});

describe('updateCustomer: an address change from the customer as read', () => {
  it('customer read (get, list or CDC) under this SyncToken → one sparse POST, the address Id and other parts kept', async () => {
    const q = scripted();
    const [listed] = await q.port.listCustomers({ includeInactive: true });
    await q.port.updateCustomer('1', '0', { mailingCity: 'Cambridge' }, opts(listed));
    expect(q.routes()).toEqual(['GET query', 'POST customer']);
    expect(q.sent[1]?.body?.BillAddr).toEqual({
      Id: '77',
      Line1: '1 Analytical St',
      City: 'Cambridge',
      PostalCode: 'N1',
      Country: 'United Kingdom',
    });
    expect(q.sent[1]?.body?.ShipAddr).toBeUndefined();
  });

  it('without the customer: GET first, as before', async () => {
    const q = scripted();
    await q.port.updateCustomer('1', '0', { mailingCity: 'Cambridge' }, opts());
    expect(q.routes()).toEqual(['GET customer/1', 'POST customer']);
    expect(q.sent[1]?.body?.BillAddr).toMatchObject({
      Id: '77',
      Line1: '1 Analytical St',
      City: 'Cambridge',
    });
  });

  it('the update’s answer carries its new SyncToken’s addresses: the next address change reads nothing', async () => {
    const q = scripted();
    const read = await q.port.getCustomer('1');
    const after = await q.port.updateCustomer('1', read.syncToken, { mailingCity: 'Cambridge' }, opts(read));
    await q.port.updateCustomer('1', after.syncToken, { physicalCity: 'Oxford' }, opts(after));
    expect(q.routes()).toEqual(['GET customer/1', 'POST customer', 'POST customer']);
    expect(q.sent[2]?.body?.ShipAddr).toEqual({ Id: '78', Line1: '2 Engine Rd', City: 'Oxford' });
  });

  it('a customer read under another SyncToken than the one written with is not trusted: read first', async () => {
    const q = scripted();
    const read = await q.port.getCustomer('1'); // SyncToken 0
    await q.port.updateCustomer('1', '0', { phoneWork: '555 0100' }, opts(read)); // now 1
    await q.port.updateCustomer('1', '1', { mailingCity: 'Cambridge' }, opts(read));
    expect(q.routes()).toEqual(['GET customer/1', 'POST customer', 'GET customer/1', 'POST customer']);
  });

  it('written with the SyncToken it was read under, but saved by someone since → 5010 → StaleObjectError, nothing read first', async () => {
    const q = scripted();
    const read = await q.port.getCustomer('1'); // SyncToken 0
    await q.port.updateCustomer('1', '0', { phoneWork: '555 0100' }, opts(read)); // someone else's save: now 1
    await expect(
      q.port.updateCustomer('1', '0', { mailingCity: 'Cambridge' }, opts(read)),
    ).rejects.toBeInstanceOf(StaleObjectError);
    expect(q.routes()).toEqual(['GET customer/1', 'POST customer', 'POST customer']);
  });

  it('another customer’s read is not used for this one', async () => {
    const q = scripted();
    const read = await q.port.getCustomer('1');
    await q.port.updateCustomer('2', '0', { mailingCity: 'Cambridge' }, opts(read));
    expect(q.routes()).toEqual(['GET customer/1', 'GET customer/2', 'POST customer']);
  });

  it('a 5010 (someone saved meanwhile) is still a StaleObjectError', async () => {
    const q = scripted({ stale: true });
    const read = await q.port.getCustomer('1');
    await expect(
      q.port.updateCustomer('1', '0', { mailingCity: 'Cambridge' }, opts(read)),
    ).rejects.toBeInstanceOf(StaleObjectError);
    expect(q.routes()).toEqual(['GET customer/1', 'POST customer']);
  });

  it('the snapshot is not data: copies and JSON of a customer leave it behind', async () => {
    const q = scripted();
    const read = await q.port.getCustomer('1');
    expect(read.snapshot?.fresh()).toBe(true);
    expect({ ...read }.snapshot).toBeUndefined();
    expect(JSON.stringify(read)).not.toContain('snapshot');
    await q.port.updateCustomer('1', '0', { mailingCity: 'Cambridge' }, opts({ ...read }));
    expect(q.routes()).toEqual(['GET customer/1', 'GET customer/1', 'POST customer']);
  });
});

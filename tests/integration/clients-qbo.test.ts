// QuickBooksPort over real HTTP against the sandbox: every method, paging, faults, tokens, limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeContact } from '../../lib/contact';
import { AuthError, NameClashError, RateLimitedError, StaleObjectError } from '../../lib/errors';
import { FAST_RETRY, openSandbox, quickBooksFor, type Sandbox } from './clients-sandbox';

let sb: Sandbox;

beforeAll(async () => {
  sb = await openSandbox();
});
afterAll(async () => {
  await sb?.close();
});

function company(customers: Record<string, unknown>[]) {
  return {
    qbo: {
      realmId: sb.creds.qbo.realmId,
      Customer: customers,
      Vendor: [
        { DisplayName: 'Acme Supplies', CompanyName: 'Acme Supplies' },
        { DisplayName: "O'Neil's Hardware" },
      ],
      Employee: [{ DisplayName: 'Pat Payroll', GivenName: 'Pat', FamilyName: 'Payroll' }],
    },
  };
}

const BASE = [
  {
    Id: '1',
    DisplayName: 'Jane Doe',
    GivenName: 'Jane',
    FamilyName: 'Doe',
    PrimaryEmailAddr: { Address: 'jane@doe.example' },
    BillAddr: { Line1: 'PO Box 1', City: 'Perth', PostalCode: '6000', Country: 'Australia' },
  },
  { Id: '2', DisplayName: 'Acme Pty Ltd', CompanyName: 'Acme Pty Ltd' },
  { Id: '3', DisplayName: "O'Brien's Bakery", CompanyName: "O'Brien's Bakery", Active: false },
  { Id: '4', DisplayName: 'Acme job', Job: true, ParentRef: { value: '2' } },
];

function many(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    DisplayName: `Client ${String(i + 1).padStart(5, '0')}`,
    GivenName: 'Client',
    FamilyName: String(i + 1),
    Active: i % 10 !== 9,
  }));
}

beforeEach(async () => {
  await sb.reset(company(BASE));
});

describe('reading customers', () => {
  it('lists 2,345 customers in pages of 1000, inactive ones only when asked', async () => {
    await sb.reset(company(many(2345)));
    const { port } = quickBooksFor(sb);
    const seen: number[] = [];
    const all = await port.listCustomers({ includeInactive: true, onProgress: (n) => seen.push(n) });
    expect(all).toHaveLength(2345);
    expect(new Set(all.map((c) => c.id)).size).toBe(2345);
    expect(seen).toEqual([1000, 2000, 2345]);
    expect(await sb.routeCount('/query')).toBe(3);
    const active = await port.listCustomers({ includeInactive: false });
    expect(active).toHaveLength(2345 - 234);
    expect(active.every((c) => c.active)).toBe(true);
    expect(await port.countCustomers({ includeInactive: true })).toBe(2345);
    expect(await port.countCustomers({ includeInactive: false })).toBe(2345 - 234);
  });

  it('reads one customer mapped to the canonical contact', async () => {
    const { port } = quickBooksFor(sb);
    const jane = await port.getCustomer('1');
    expect(jane).toMatchObject({
      id: '1',
      syncToken: '0',
      active: true,
      isJob: false,
      displayName: 'Jane Doe',
    });
    expect(jane.contact.kind).toBe('person');
    expect(jane.contact.fields).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@doe.example',
      mailingCity: 'Perth',
    });
    const job = await port.getCustomer('4');
    expect(job).toMatchObject({ isJob: true, parentId: '2' });
  });

  it('reads several by id, inactive ones included and missing ones left out', async () => {
    const { port } = quickBooksFor(sb);
    const got = await port.getCustomers(['3', '1', '999', '1']);
    expect(got.map((c) => c.id).sort()).toEqual(['1', '3']);
    expect(got.find((c) => c.id === '3')?.active).toBe(false);
  });

  it('names the company', async () => {
    const { port } = quickBooksFor(sb);
    expect(await port.companyName()).toBe(sb.creds.qbo.companyName);
  });
});

describe('writing customers', () => {
  it('creates a customer; the same requestid again answers with the first one, nothing new', async () => {
    const { port } = quickBooksFor(sb);
    const contact = makeContact('organization', {
      organizationName: 'Bright Ideas Co',
      email: 'hi@bright.example',
      physicalCountry: 'AU',
    });
    const first = await port.createCustomer(contact, {
      requestId: 'create-bright-1',
      displayName: 'Bright Ideas Co',
    });
    const again = await port.createCustomer(contact, {
      requestId: 'create-bright-1',
      displayName: 'Bright Ideas Co',
    });
    expect(again.id).toBe(first.id);
    expect(first.contact.kind).toBe('organization');
    expect(first.contact.fields.physicalCountry).toBe('Australia');
    expect(await port.countCustomers({ includeInactive: true })).toBe(BASE.length + 1);
  });

  it('a sparse update changes only the given fields; the old SyncToken afterwards → StaleObjectError (5010)', async () => {
    const { port } = quickBooksFor(sb);
    const before = await port.getCustomer('1');
    const after = await port.updateCustomer(
      '1',
      before.syncToken,
      { email: 'jane@new.example', phoneMobile: '0400 111 222' },
      { requestId: 'upd-1', kind: 'person' },
    );
    expect(after.syncToken).not.toBe(before.syncToken);
    expect(after.contact.fields).toMatchObject({
      email: 'jane@new.example',
      phoneMobile: '0400 111 222',
      firstName: 'Jane',
      mailingCity: 'Perth',
    });
    await expect(
      port.updateCustomer(
        '1',
        before.syncToken,
        { phoneWork: '555' },
        { requestId: 'upd-2', kind: 'person' },
      ),
    ).rejects.toBeInstanceOf(StaleObjectError);
  });

  it('changing one part of an address keeps its other parts', async () => {
    const { port } = quickBooksFor(sb);
    const before = await port.getCustomer('1');
    const after = await port.updateCustomer(
      '1',
      before.syncToken,
      { mailingCity: 'Fremantle' },
      { requestId: 'upd-addr', kind: 'person' },
    );
    expect(after.contact.fields).toMatchObject({
      mailingLines: 'PO Box 1',
      mailingCity: 'Fremantle',
      mailingPostalCode: '6000',
      mailingCountry: 'Australia',
    });
  });

  it('clearing a field removes it', async () => {
    const { port } = quickBooksFor(sb);
    const before = await port.getCustomer('1');
    const after = await port.updateCustomer(
      '1',
      before.syncToken,
      { email: '' },
      { requestId: 'upd-clear', kind: 'person' },
    );
    expect(after.contact.fields.email).toBe('');
  });

  it('a value QuickBooks itself refuses → RejectedWriteError naming the canonical field', async () => {
    const { port } = quickBooksFor(sb);
    const jane = await port.getCustomer('1');
    await expect(
      port.updateCustomer(
        '1',
        jane.syncToken,
        { email: 'not-an-address' },
        { requestId: 'bad-email', kind: 'person' },
      ),
    ).rejects.toMatchObject({
      name: 'RejectedWriteError',
      service: 'quickbooks',
      code: '2210',
      element: 'email',
    });
  });

  it('a DisplayName a vendor holds → NameClashError (6240)', async () => {
    const { port } = quickBooksFor(sb);
    const contact = makeContact('organization', { organizationName: 'Acme Supplies' });
    await expect(
      port.createCustomer(contact, { requestId: 'clash-1', displayName: 'Acme Supplies' }),
    ).rejects.toBeInstanceOf(NameClashError);
  });

  it('a value QuickBooks cannot hold is refused before any request, naming the field', async () => {
    const { port, counter } = quickBooksFor(sb);
    const contact = makeContact('person', {
      firstName: 'Long',
      lastName: 'Lines',
      mailingLines: 'a\nb\nc\nd\ne\nf',
    });
    await expect(
      port.createCustomer(contact, { requestId: 'long-1', displayName: 'Long Lines' }),
    ).rejects.toMatchObject({
      element: 'mailingLines',
    });
    expect(counter.snapshot().quickbooks).toBe(0);
  });
});

describe('names held elsewhere', () => {
  it('finds a customer (inactive too), a vendor and an employee by DisplayName, quotes and all', async () => {
    const { port } = quickBooksFor(sb);
    expect(await port.findNameHolders("O'Brien's Bakery")).toEqual([
      { entity: 'Customer', id: '3', displayName: "O'Brien's Bakery", active: false },
    ]);
    expect(await port.findNameHolders("O'Neil's Hardware")).toEqual([
      expect.objectContaining({ entity: 'Vendor', active: true }),
    ]);
    expect(await port.findNameHolders('Pat Payroll')).toEqual([
      expect.objectContaining({ entity: 'Employee' }),
    ]);
    expect(await port.findNameHolders('Nobody At All')).toEqual([]);
  });
});

describe('changes since a checkpoint', () => {
  it('CDC returns what changed since; beyond 30 days it returns null', async () => {
    const { port } = quickBooksFor(sb);
    await sb.control('POST', '/clock', { advanceMs: 3600_000 });
    const since = await sb.now();
    await sb.control('POST', '/clock', { advanceMs: 60_000 });
    const jane = await port.getCustomer('1');
    await port.updateCustomer(
      '1',
      jane.syncToken,
      { phoneWork: '555 0101' },
      { requestId: 'cdc-1', kind: 'person' },
    );
    const changes = await port.changesSince(since);
    expect(changes?.customers.map((c) => c.id)).toEqual(['1']);
    expect(Date.parse(changes?.serverTime ?? '')).toBeGreaterThan(Date.parse(since));
    await sb.control('POST', '/clock', { advanceMs: 31 * 24 * 3600_000 });
    expect(await port.changesSince(since)).toBeNull();
  });

  it('CDC answering 1000 objects is not trusted (null); the LastUpdatedTime query pages through all', async () => {
    await sb.reset(company(many(1100)));
    const { port } = quickBooksFor(sb);
    const since = new Date(Date.parse(await sb.now()) - 3600_000).toISOString();
    expect(await port.changesSince(since)).toBeNull();
    const updated = await port.updatedSince(since);
    expect(updated.customers).toHaveLength(1100);
    expect(updated.customers.some((c) => !c.active)).toBe(true);
    expect(updated.serverTime).not.toBe('');
  });
});

describe('faults, tokens and limits', () => {
  it('an injected 429 answers in XML without Retry-After; the client backs off and succeeds', async () => {
    await sb.fault({ route: '/customer/', status: 429, count: 1 });
    const raw = await fetch(
      `${sb.creds.urls.qbo}/v3/company/${sb.creds.qbo.realmId}/customer/1?minorversion=75`,
      {
        headers: { accept: 'application/json', authorization: `Bearer ${sb.creds.qbo.accessToken}` },
      },
    );
    expect(raw.status).toBe(429);
    expect(await raw.text()).toMatch(/^<\?xml[\s\S]*ThrottleExceeded/);
    await sb.fault({ route: '/customer/', status: 429, count: 2 });
    const { port } = quickBooksFor(sb);
    expect((await port.getCustomer('1')).id).toBe('1');
    expect(await sb.routeCount('/customer/{id}')).toBe(4);
  });

  it('the sandbox’s own throttle is absorbed when the client allows itself more than the sandbox does', async () => {
    await sb.control('PUT', '/config', { limits: { qbo: { perSecond: 3 } } });
    try {
      const { port } = quickBooksFor(sb);
      const all = await Promise.all(Array.from({ length: 8 }, () => port.getCustomer('2')));
      expect(all).toHaveLength(8);
      expect(await sb.routeCount('/customer/{id}')).toBeGreaterThan(8);
    } finally {
      await sb.control('PUT', '/config', { limits: { qbo: { perSecond: 10 } } });
    }
  });

  it('with the sandbox’s limits configured, no request is ever throttled', async () => {
    const limits = { perMinute: 20, perSecond: 4, concurrent: 3, batchPerMinute: 40 };
    const minute = 60_000 / 30;
    await sb.control('PUT', '/config', { timeScale: 30, limits: { qbo: limits } });
    // The sandbox's windows still hold earlier tests' requests: let one (scaled) minute pass.
    await new Promise((r) => setTimeout(r, minute + 100));
    try {
      const { port } = quickBooksFor(sb, {
        limits: { ...limits, windowMs: minute },
        retry: { ...FAST_RETRY, rateLimitRetries: 0 },
      });
      const all = await Promise.all(Array.from({ length: 45 }, () => port.getCustomer('1')));
      expect(all).toHaveLength(45);
      expect(await sb.routeCount('/customer/{id}')).toBe(45);
    } finally {
      await sb.control('PUT', '/config', {
        timeScale: 1,
        limits: { qbo: { perMinute: 500, perSecond: 10, concurrent: 10 } },
      });
    }
  });

  it('without matching limits the same burst does meet 429s (the test above can fail)', async () => {
    await sb.control('PUT', '/config', {
      timeScale: 20,
      limits: { qbo: { perMinute: 20, perSecond: 4, concurrent: 3 } },
    });
    try {
      const { port } = quickBooksFor(sb, { retry: { ...FAST_RETRY, rateLimitRetries: 0 } });
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => port.getCustomer('1')));
      expect(results.some((r) => r.status === 'rejected' && r.reason instanceof RateLimitedError)).toBe(true);
    } finally {
      await sb.control('PUT', '/config', {
        timeScale: 1,
        limits: { qbo: { perMinute: 500, perSecond: 10, concurrent: 10 } },
      });
    }
  });

  it('an expired access token is refreshed once through Intuit and the call retried', async () => {
    const { port, store, counter } = quickBooksFor(sb);
    await sb.control('POST', '/tokens/expire');
    const [a, b] = await Promise.all([port.getCustomer('1'), port.getCustomer('2')]);
    expect([a.id, b.id]).toEqual(['1', '2']);
    expect(counter.snapshot().intuit).toBe(1);
    const stored = await store.get();
    expect(stored?.refreshToken).not.toBe(sb.creds.qbo.refreshToken);
    expect(stored?.accessToken).not.toBe(sb.creds.qbo.accessToken);
    // the rotated refresh token is the live one: a second expiry refreshes again
    await sb.control('POST', '/tokens/expire');
    expect((await port.getCustomer('1')).id).toBe('1');
    expect(counter.snapshot().intuit).toBe(2);
  });

  it('revoked authorization → AuthError asking to reconnect, without any token in the message', async () => {
    const { port } = quickBooksFor(sb);
    await sb.control('POST', '/tokens/revoke');
    const error = (await port.getCustomer('1').catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toBe('QuickBooks authorization expired — reconnect');
    expect(error.message).not.toContain(sb.creds.qbo.refreshToken);
  });

  it('a 503 and a dropped connection on a read are retried', async () => {
    await sb.fault({ route: '/query', status: 503, count: 1 });
    await sb.fault({ route: '/query', drop: true, count: 1 });
    const { port } = quickBooksFor(sb);
    expect(await port.countCustomers({ includeInactive: true })).toBe(BASE.length);
    expect(await sb.routeCount('/query')).toBe(3);
  });

  it('a create whose answer never arrives is sent again with its requestid: one customer', async () => {
    await sb.fault({ route: 'POST /qbo/v3/company/{realmId}/customer', slowMs: 1500, count: 1 });
    const { port } = quickBooksFor(sb, { timeoutMs: 500 });
    const contact = makeContact('person', { firstName: 'Slow', lastName: 'Create' });
    const created = await port.createCustomer(contact, {
      requestId: 'slow-create-1',
      displayName: 'Slow Create',
    });
    await new Promise((r) => setTimeout(r, 1500));
    const holders = await port.findNameHolders('Slow Create');
    expect(holders).toEqual([expect.objectContaining({ entity: 'Customer', id: created.id })]);
  });

  it('a dropped create is sent again: one customer', async () => {
    await sb.fault({ route: 'POST /qbo/v3/company/{realmId}/customer', drop: true, count: 1 });
    const { port } = quickBooksFor(sb);
    const contact = makeContact('person', { firstName: 'Dropped', lastName: 'Create' });
    await port.createCustomer(contact, { requestId: 'drop-create-1', displayName: 'Dropped Create' });
    expect(await port.findNameHolders('Dropped Create')).toHaveLength(1);
    expect(await sb.routeCount('POST /qbo/v3/company/{realmId}/customer')).toBe(2);
  });
});

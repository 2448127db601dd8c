// The strict rules of the QuickBooks emulator, each with the fault body Intuit sends.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { faultOf, type QboHarness, RELAXED, smallCompany, startQboHarness } from './sandbox-qbo-helpers';

let h: QboHarness;
beforeAll(async () => {
  h = await startQboHarness({ config: RELAXED });
});
beforeEach(async () => {
  await h.control('PUT', '/state', smallCompany(h.creds.qbo.realmId));
  await h.control('PUT', '/config', {
    qboRules: { nameUniqueIgnoresCase: true, inactiveNamesBlock: true, deletedSuffix: false },
  });
});
afterAll(() => h.close());

async function create(body: unknown, query = '') {
  return h.qbo(`/customer${query}`, { body });
}

async function customer(id: string): Promise<Record<string, unknown>> {
  const res = await h.qbo(`/customer/${id}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { Customer: Record<string, unknown> }).Customer;
}

describe('every answer', () => {
  it('carries intuit_tid, and JSON bodies a top-level time in the company offset', async () => {
    const res = await h.qbo('/customer/1');
    expect(res.headers.get('intuit_tid')).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { time: string };
    expect(body.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-07:00$/);
  });

  it('is XML when the client does not ask for JSON', async () => {
    const res = await h.qbo('/customer/1', { headers: { accept: '*/*' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    expect(xml).toMatch(
      /<IntuitResponse xmlns="http:\/\/schema.intuit.com\/finance\/v3" time="[^"]+-07:00">/,
    );
    expect(xml).toContain('<Customer domain="QBO" sparse="false">');
    const fault = await h.qbo('/customer/999', { headers: { accept: 'application/xml' } });
    expect(await fault.text()).toContain('<Fault type="ValidationFault"><Error code="610" element="">');
  });

  it('minorversion is accepted at any value', async () => {
    for (const v of ['75', '4', '80'])
      expect((await h.qbo(`/customer/1?minorversion=${v}`)).status).toBe(200);
  });
});

describe('authentication', () => {
  it('a missing or unknown bearer token gets the lower-case 401 body', async () => {
    for (const headers of [
      { authorization: '' },
      { authorization: 'Bearer not-a-token' },
      { authorization: 'Basic abc' },
    ]) {
      const res = await h.qbo('/customer/1', { headers });
      expect(res.status).toBe(401);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        fault: {
          error: [
            { message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200' },
          ],
          type: 'AUTHENTICATION',
        },
        time: expect.any(Number),
      });
      expect(body.Fault).toBeUndefined();
    }
  });

  it('the access token stops working when the sandbox clock passes its hour', async () => {
    await h.control('PUT', '/state', smallCompany(h.creds.qbo.realmId));
    await h.control('POST', '/clock', { advanceMs: 3599_000 });
    expect((await h.qbo('/customer/1')).status).toBe(200);
    await h.control('POST', '/clock', { advanceMs: 1000 });
    const res = await h.qbo('/customer/1');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { fault: { error: { detail: string }[] } }).fault.error[0]?.detail).toBe(
      'Token expired',
    );
  });

  it('POST /__sandbox/tokens/expire and /revoke end the demo token', async () => {
    await h.control('POST', '/tokens/expire');
    expect((await h.qbo('/customer/1')).status).toBe(401);
    await h.control('PUT', '/state', smallCompany(h.creds.qbo.realmId));
    expect((await h.qbo('/customer/1')).status).toBe(200);
    await h.control('POST', '/tokens/revoke');
    expect((await h.qbo('/customer/1')).status).toBe(401);
  });

  it('a token for another company gets 403 with the lower-case AuthorizationFailed body', async () => {
    const res = await fetch(`${h.creds.urls.qbo}/v3/company/1234567890/customer/1`, {
      headers: { authorization: `Bearer ${h.creds.qbo.accessToken}`, accept: 'application/json' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ fault: { error: [{ code: '3100' }] } });
  });
});

describe('read', () => {
  it('an unknown id is 400 with code 610 Object Not Found', async () => {
    for (const id of ['999', 'abc']) {
      const res = await h.qbo(`/customer/${id}`);
      expect(res.status).toBe(400);
      expect(await faultOf(res)).toMatchObject({ code: '610', Message: 'Object Not Found' });
    }
  });

  it('vendors and employees are readable', async () => {
    expect(await (await h.qbo('/vendor/1')).json()).toMatchObject({
      Vendor: { DisplayName: 'Acme Supplies', Id: '1' },
    });
    expect(await (await h.qbo('/employee/1')).json()).toMatchObject({
      Employee: { DisplayName: 'Sam Carter' },
    });
  });

  it('unknown resources and paths with the wrong case are Unsupported Operation (code 500, HTTP 400)', async () => {
    for (const path of ['/invoice/1', '/Customer/1', '/customer/1/extra']) {
      const res = await h.qbo(path);
      expect(res.status, path).toBe(400);
      expect(await faultOf(res)).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
    }
  });
});

describe('create', () => {
  it('fills the server fields and generates DisplayName from the name parts', async () => {
    const res = await create({
      Title: 'Dr',
      GivenName: 'Ada',
      MiddleName: 'B',
      FamilyName: 'Byron',
      Suffix: 'Jr',
    });
    expect(res.status).toBe(200);
    const c = ((await res.json()) as { Customer: Record<string, unknown> }).Customer;
    expect(c).toMatchObject({
      Id: '4',
      SyncToken: '0',
      DisplayName: 'Dr Ada B Byron Jr',
      FullyQualifiedName: 'Dr Ada B Byron Jr',
      PrintOnCheckName: 'Dr Ada B Byron Jr',
      Active: true,
      Job: false,
      domain: 'QBO',
      sparse: false,
    });
    expect(c.MetaData).toMatchObject({ CreateTime: expect.stringMatching(/-07:00$/) });
  });

  it('needs DisplayName or a name part (2020)', async () => {
    const res = await create({ CompanyName: 'Only A Company' });
    expect(res.status).toBe(400);
    expect(await faultOf(res)).toMatchObject({ code: '2020' });
  });

  it('names may not hold a colon, tab or newline', async () => {
    for (const body of [
      { DisplayName: 'A:B' },
      { DisplayName: 'A\tB' },
      { GivenName: 'Line\nBreak' },
      { Title: 'D:r', DisplayName: 'Ok' },
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await faultOf(res)).toMatchObject({ code: '6000' });
    }
  });

  it('enforces the length limits with 2050 and names the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ DisplayName: 'x'.repeat(501) }, 'DisplayName'],
      [{ DisplayName: 'T', Title: 'x'.repeat(17) }, 'Title'],
      [{ DisplayName: 'G', GivenName: 'x'.repeat(101) }, 'GivenName'],
      [{ DisplayName: 'C', CompanyName: 'x'.repeat(101) }, 'CompanyName'],
      [{ DisplayName: 'P', PrimaryPhone: { FreeFormNumber: '1'.repeat(31) } }, 'PrimaryPhone.FreeFormNumber'],
      [
        { DisplayName: 'E', PrimaryEmailAddr: { Address: `${'a'.repeat(95)}@b.com` } },
        'PrimaryEmailAddr.Address',
      ],
      [{ DisplayName: 'A', BillAddr: { PostalCode: '9'.repeat(31) } }, 'BillAddr.PostalCode'],
    ];
    for (const [body, element] of cases) {
      const res = await create(body);
      expect(res.status, element).toBe(400);
      expect(await faultOf(res)).toMatchObject({ code: '2050', element });
    }
    expect((await create({ DisplayName: 'x'.repeat(500) })).status).toBe(200);
  });

  it('emails must hold @ and . in every comma-separated address', async () => {
    expect(
      (await create({ DisplayName: 'Two Mails', PrimaryEmailAddr: { Address: 'a@b.com, c@d.org' } })).status,
    ).toBe(200);
    for (const Address of ['no-at.example.com', 'a@nodot', 'a@b.com, broken']) {
      const res = await create({
        DisplayName: `Mail ${Address}`.replace(/[,@.]/g, ' '),
        PrimaryEmailAddr: { Address },
      });
      expect(res.status, Address).toBe(400);
      expect(await faultOf(res)).toMatchObject({ element: 'PrimaryEmailAddr.Address' });
    }
  });

  it('unknown fields and wrong types are refused with 2010; malformed JSON too', async () => {
    for (const body of [
      { DisplayName: 'U', Colour: 'red' },
      { DisplayName: 5 },
      { DisplayName: 'V', BillAddr: { Street: 'x' } },
      { DisplayName: 'W', Active: 'yes' },
      '{"DisplayName":',
    ]) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await faultOf(res)).toMatchObject({ code: '2010' });
    }
  });

  it('read-only fields a client echoes back are ignored', async () => {
    const res = await create({
      DisplayName: 'Echo',
      FullyQualifiedName: 'Something Else',
      MetaData: {},
      domain: 'QBO',
      Balance: 99,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ Customer: { FullyQualifiedName: 'Echo', Balance: 0 } });
  });

  it('sub-customers get Job, Level and the Parent:Child name; a missing parent is 2500', async () => {
    const res = await create({ DisplayName: 'Fitout', ParentRef: { value: '2' } });
    expect(await res.json()).toMatchObject({
      Customer: {
        Job: true,
        Level: 1,
        FullyQualifiedName: 'Blue Harbour Cafe:Fitout',
        ParentRef: { value: '2' },
      },
    });
    const missing = await create({ DisplayName: 'Orphan', ParentRef: { value: '77' } });
    expect(await faultOf(missing)).toMatchObject({ code: '2500' });
    const inactiveParent = await create({ DisplayName: 'Under Closed', ParentRef: { value: '3' } });
    expect(await faultOf(inactiveParent)).toMatchObject({ code: '610' });
  });
});

describe('DisplayName uniqueness (6240)', () => {
  it('clashes across customers, vendors and employees, ignoring case', async () => {
    for (const DisplayName of ['Amy Lee', 'acme supplies', 'SAM CARTER', '  Amy Lee  ']) {
      const res = await create({ DisplayName });
      expect(res.status, DisplayName).toBe(400);
      expect(await faultOf(res)).toMatchObject({
        code: '6240',
        Message: 'Duplicate Name Exists Error',
        Detail: expect.stringContaining('The name supplied already exists.'),
      });
    }
  });

  it('an inactive customer’s name still blocks, unless configured otherwise', async () => {
    expect((await create({ DisplayName: 'Closed Client' })).status).toBe(400);
    await h.control('PUT', '/config', { qboRules: { inactiveNamesBlock: false } });
    expect((await create({ DisplayName: 'Closed Client' })).status).toBe(200);
  });

  it('case-sensitive uniqueness is a configuration choice', async () => {
    await h.control('PUT', '/config', { qboRules: { nameUniqueIgnoresCase: false } });
    expect((await create({ DisplayName: 'AMY LEE' })).status).toBe(200);
  });

  it('a generated DisplayName clashes too; an update may keep its own name', async () => {
    expect(await faultOf(await create({ GivenName: 'Amy', FamilyName: 'Lee' }))).toMatchObject({
      code: '6240',
    });
    const res = await create({
      Id: '1',
      SyncToken: '0',
      sparse: true,
      DisplayName: 'Amy Lee',
      Notes: 'same name',
    });
    expect(res.status).toBe(200);
  });

  it('deletedSuffix shows inactive customers as "Name (deleted)"', async () => {
    await h.control('PUT', '/config', { qboRules: { deletedSuffix: true } });
    expect((await customer('3')).DisplayName).toBe('Closed Client (deleted)');
    const state = (await h.control('GET', '/state')).json as { qbo: { Customer: { DisplayName: string }[] } };
    expect(state.qbo.Customer[2]?.DisplayName).toBe('Closed Client');
  });
});

describe('update', () => {
  it('sparse update changes only the fields sent; null clears one', async () => {
    const res = await create(
      { Id: '1', SyncToken: '0', sparse: true, MiddleName: 'Q', PrimaryEmailAddr: null },
      '?operation=update',
    );
    expect(res.status).toBe(200);
    const c = await customer('1');
    expect(c).toMatchObject({ SyncToken: '1', MiddleName: 'Q', GivenName: 'Amy', FamilyName: 'Lee' });
    expect(c.PrimaryEmailAddr).toBeUndefined();
    expect(Date.parse(String((c.MetaData as { LastUpdatedTime: string }).LastUpdatedTime))).toBeGreaterThan(
      0,
    );
  });

  it('a full update empties the writable fields left out', async () => {
    const res = await create({ Id: '1', SyncToken: '0', DisplayName: 'Amy Lee', GivenName: 'Amy' });
    expect(res.status).toBe(200);
    const c = await customer('1');
    expect(c.FamilyName).toBeUndefined();
    expect(c.PrimaryEmailAddr).toBeUndefined();
    expect(c.GivenName).toBe('Amy');
  });

  it('a customer read and sent back whole (full update) is accepted, address ids kept', async () => {
    const withAddress = await create({
      Id: '2',
      SyncToken: '0',
      sparse: true,
      BillAddr: { Line1: '1 Quay St', City: 'Sydney' },
    });
    const read = ((await withAddress.json()) as { Customer: Record<string, unknown> }).Customer;
    const res = await create({ ...read, Notes: 'echoed' });
    expect(res.status).toBe(200);
    const after = ((await res.json()) as { Customer: Record<string, unknown> }).Customer;
    expect(after).toEqual({
      ...read,
      Notes: 'echoed',
      SyncToken: '2',
      MetaData: { ...(read.MetaData as object), LastUpdatedTime: expect.any(String) },
    });
  });

  it('an old SyncToken is 5010 Stale Object Error', async () => {
    expect((await create({ Id: '1', SyncToken: '0', sparse: true, Notes: 'first' })).status).toBe(200);
    const res = await create({ Id: '1', SyncToken: '0', sparse: true, Notes: 'second' });
    expect(res.status).toBe(400);
    expect(await faultOf(res)).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
    expect((await customer('1')).Notes).toBe('first');
  });

  it('Id without SyncToken is 2020; an unknown Id is 610', async () => {
    expect(await faultOf(await create({ Id: '1', sparse: true, Notes: 'x' }))).toMatchObject({
      code: '2020',
      element: 'SyncToken',
    });
    expect(
      await faultOf(await create({ Id: '404', SyncToken: '0', sparse: true, Notes: 'x' })),
    ).toMatchObject({ code: '610' });
  });

  it('DisplayName cannot be removed with a sparse update', async () => {
    const res = await create({ Id: '1', SyncToken: '0', sparse: true, DisplayName: '' });
    expect(await faultOf(res)).toMatchObject({ code: '2020' });
  });

  it('deleting a customer is not supported; deactivating is', async () => {
    const del = await create({ Id: '1', SyncToken: '0' }, '?operation=delete');
    expect(await faultOf(del)).toMatchObject({ code: '500' });
    const off = await create({ Id: '1', SyncToken: '0', sparse: true, Active: false });
    expect(off.status).toBe(200);
    expect((await customer('1')).Active).toBe(false);
  });

  it('vendors are read-only in the sandbox', async () => {
    const res = await h.qbo('/vendor', { body: { DisplayName: 'New Vendor' } });
    expect(await faultOf(res)).toMatchObject({ code: '500' });
  });
});

describe('requestid replay', () => {
  it('the same requestid returns the first answer and does not execute again', async () => {
    const first = await create({ DisplayName: 'Replayed Co' }, '?requestid=abc-123');
    const firstBody = await first.text();
    const second = await create({ DisplayName: 'Something Else' }, '?requestid=abc-123');
    expect(await second.text()).toBe(firstBody);
    const count = await h.qbo(
      `/query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Something Else'")}`,
    );
    expect(await count.json()).toMatchObject({ QueryResponse: { totalCount: 0 } });
  });

  it('a failed request is replayed as the same failure', async () => {
    const first = await faultOf(await create({ DisplayName: 'Amy Lee' }, '?requestid=dup-1'));
    const again = await faultOf(await create({ DisplayName: 'Fine Name' }, '?requestid=dup-1'));
    expect(again).toEqual(first);
  });

  it('is remembered for 24 hours of sandbox time', async () => {
    let refreshToken = h.creds.qbo.refreshToken;
    /** The demo access token lasts an hour; a day later the client would have refreshed. */
    const freshToken = async () => {
      const res = await fetch(h.creds.urls.token, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${h.creds.intuit.clientId}:${h.creds.intuit.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      });
      const json = (await res.json()) as { access_token: string; refresh_token: string };
      refreshToken = json.refresh_token;
      return { authorization: `Bearer ${json.access_token}` };
    };
    const first = await (await create({ DisplayName: 'Day One' }, '?requestid=day-1')).json();
    await h.control('POST', '/clock', { advanceMs: 23 * 3600 * 1000 });
    const sameDay = await h.qbo('/customer?requestid=day-1', {
      body: { DisplayName: 'Day Two' },
      headers: await freshToken(),
    });
    expect(await sameDay.json()).toEqual(first);
    await h.control('POST', '/clock', { advanceMs: 3600 * 1000 });
    const nextDay = await h.qbo('/customer?requestid=day-1', {
      body: { DisplayName: 'Day Two' },
      headers: await freshToken(),
    });
    expect(await nextDay.json()).toMatchObject({ Customer: { DisplayName: 'Day Two' } });
  });

  it('longer than 50 characters is refused', async () => {
    const res = await create({ DisplayName: 'Long Id' }, `?requestid=${'x'.repeat(51)}`);
    expect(res.status).toBe(400);
    expect((await create({ DisplayName: 'Ok Id' }, `?requestid=${'y'.repeat(50)}`)).status).toBe(200);
  });
});

describe('company', () => {
  it('GET /companyinfo/{realmId} names the connected company; another id is 610', async () => {
    const res = await h.qbo(`/companyinfo/${h.creds.qbo.realmId}`);
    expect(await res.json()).toMatchObject({
      CompanyInfo: { CompanyName: h.creds.qbo.companyName, Id: '1', domain: 'QBO' },
      time: expect.any(String),
    });
    expect(await faultOf(await h.qbo('/companyinfo/42'))).toMatchObject({ code: '610' });
  });

  it('a body that is not declared JSON is refused', async () => {
    const res = await h.qbo('/customer', {
      body: JSON.stringify({ DisplayName: 'Plain Text' }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(400);
    expect(await faultOf(res)).toMatchObject({ code: '2010' });
  });
});

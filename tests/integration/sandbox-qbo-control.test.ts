import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QboHarness, RELAXED, smallCompany, startQboHarness } from './sandbox-qbo-helpers';

let h: QboHarness;
beforeAll(async () => {
  h = await startQboHarness({ config: RELAXED });
});
afterAll(() => h.close());

describe('control API', () => {
  it('PUT /state loads a company and fills Id, SyncToken, MetaData and the derived fields', async () => {
    const put = await h.control('PUT', '/state', smallCompany(h.creds.qbo.realmId));
    expect(put.status).toBe(200);
    const state = (await h.control('GET', '/state')).json as {
      qbo: { realmId: string; Customer: Record<string, unknown>[]; Vendor: unknown[]; Employee: unknown[] };
      karbon: Record<string, unknown>;
    };
    expect(state.qbo.realmId).toBe(h.creds.qbo.realmId);
    expect(state.qbo.Customer.map((c) => [c.Id, c.DisplayName, c.SyncToken])).toEqual([
      ['1', 'Amy Lee', '0'],
      ['2', 'Blue Harbour Cafe', '0'],
      ['3', 'Closed Client', '0'],
    ]);
    const amy = state.qbo.Customer[0] ?? {};
    expect(amy.MetaData).toEqual({
      CreateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-07:00$/),
      LastUpdatedTime: expect.stringMatching(/-07:00$/),
    });
    expect(amy).toMatchObject({ domain: 'QBO', sparse: false, Active: true, FullyQualifiedName: 'Amy Lee' });
    expect(state.qbo.Vendor).toHaveLength(1);
    expect(Object.keys(state.karbon).sort()).toEqual(['ContactTypes', 'Contacts', 'Organizations']);
  });

  it('PUT /state refuses a malformed body and says what is wrong, keeping the old data', async () => {
    const cases: [unknown, RegExp][] = [
      [[], /object/],
      [{ qbo: { realmId: 'abc', Customer: [] } }, /realmId/],
      [{ qbo: { realmId: '1', Customer: [{ DisplayName: 'A:B' }] } }, /Customer\[0\].*colon/],
      [
        { qbo: { realmId: '1', Customer: [{ DisplayName: 'X' }], Vendor: [{ DisplayName: 'x' }] } },
        /also used by/,
      ],
      [
        { qbo: { realmId: '1', Customer: [{ Id: '2', DisplayName: 'Kid', ParentRef: { value: '9' } }] } },
        /ParentRef/,
      ],
      [{ qbo: { realmId: '1', Customer: [{ DisplayName: 'Y', Colour: 'red' }] } }, /Colour/],
      [{ qbx: {} }, /unknown key "qbx"/],
    ];
    for (const [body, message] of cases) {
      const res = await h.control('PUT', '/state', body);
      expect(res.status).toBe(400);
      expect((res.json as { error: string }).error).toMatch(message);
    }
    const bad = await fetch(`${h.sandbox.url}/__sandbox/state`, { method: 'PUT', body: '{not json' });
    expect(bad.status).toBe(400);
    const state = (await h.control('GET', '/state')).json as { qbo: { Customer: unknown[] } };
    expect(state.qbo.Customer).toHaveLength(3);
  });

  it('GET /credentials gives the fixed demo credentials and absolute URLs', async () => {
    const { json } = await h.control('GET', '/credentials');
    expect(json).toMatchObject({
      intuit: { clientId: expect.stringMatching(/^AB/), clientSecret: expect.any(String) },
      qbo: {
        realmId: h.creds.qbo.realmId,
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^RT1-/),
      },
      karbon: {
        bearerToken: expect.any(String),
        accessKey: expect.any(String),
        tenantName: expect.any(String),
      },
      urls: {
        qbo: `${h.sandbox.url}/qbo`,
        karbon: `${h.sandbox.url}/karbon/v3`,
        token: `${h.sandbox.url}/intuit/oauth2/v1/tokens/bearer`,
        discovery: `${h.sandbox.url}/intuit/.well-known/openid_configuration`,
      },
    });
  });

  it('counts requests by service and route, and DELETE resets the counts', async () => {
    await h.control('DELETE', '/requests');
    await h.qbo('/customer/1');
    await h.qbo('/customer/2');
    await h.qbo('/query?query=select count(*) from Customer');
    await fetch(`${h.sandbox.url}/intuit/.well-known/openid_configuration`);
    const { json } = await h.control('GET', '/requests');
    expect(json).toEqual({
      total: 4,
      byService: { qbo: 3, karbon: 0, intuit: 1 },
      byRoute: {
        'GET /intuit/.well-known/openid_configuration': 1,
        'GET /qbo/v3/company/{realmId}/customer/{id}': 2,
        'GET /qbo/v3/company/{realmId}/query': 1,
      },
    });
    await h.control('DELETE', '/requests');
    expect((await h.control('GET', '/requests')).json).toMatchObject({ total: 0 });
  });

  it('injects a status for exactly the next n matching requests, with the service’s own body', async () => {
    expect(
      (await h.control('POST', '/faults', { route: 'customer/{id}', status: 500, count: 2 })).status,
    ).toBe(201);
    const first = await h.qbo('/customer/1');
    expect(first.status).toBe(500);
    expect(first.headers.get('intuit_tid')).toMatch(/^1-/);
    expect(await first.json()).toMatchObject({ Fault: { Error: [{ code: '10000' }], type: 'SystemFault' } });
    expect((await h.qbo('/customer/1')).status).toBe(500);
    expect((await h.qbo('/customer/1')).status).toBe(200);
    expect((await h.control('GET', '/faults')).json).toEqual({ faults: [] });
  });

  it('injected 429 is XML and 503 is the gateway’s HTML page, whatever was asked for', async () => {
    await h.control('POST', '/faults', { route: '/qbo', status: 429, count: 1 });
    await h.control('POST', '/faults', { route: '/qbo', status: 503, count: 1 });
    const throttled = await h.qbo('/customer/1');
    expect(throttled.status).toBe(429);
    expect(await throttled.text()).toContain('<Error code="3001">');
    const down = await h.qbo('/customer/1');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('drops the connection and slows answers when asked', async () => {
    await h.control('POST', '/faults', { route: 'GET /qbo', drop: true, count: 1 });
    await expect(h.qbo('/customer/1')).rejects.toThrow();
    await h.control('POST', '/faults', { route: 'GET /qbo', slowMs: 300, count: 1 });
    const started = Date.now();
    expect((await h.qbo('/customer/1')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drop "after" runs the request, then loses the answer', async () => {
    await h.control('POST', '/faults', { route: 'POST /qbo', drop: 'after', count: 1 });
    await expect(h.qbo('/customer', { body: { DisplayName: 'Lost Answer Ltd' } })).rejects.toThrow();
    const count = await h.qbo(
      `/query?query=${encodeURIComponent("select count(*) from Customer where DisplayName = 'Lost Answer Ltd'")}`,
    );
    expect(await count.json()).toMatchObject({ QueryResponse: { totalCount: 1 } });
  });

  it('rate faults repeat the same pattern after DELETE /faults re-seeds them', async () => {
    const pattern = async () => {
      await h.control('DELETE', '/faults');
      await h.control('POST', '/faults', { route: 'customer', status: 503, rate: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await h.qbo('/customer/1')).status);
      await h.control('DELETE', '/faults');
      return statuses;
    };
    const a = await pattern();
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(await pattern()).toEqual(a);
  });

  it('refuses malformed fault rules', async () => {
    for (const body of [
      { status: 404 },
      { route: '/qbo' },
      { status: 500, drop: true },
      { status: 500, rate: 2 },
      { status: 500, count: 0 },
    ]) {
      expect((await h.control('POST', '/faults', body)).status).toBe(400);
    }
  });

  it('GET/PUT /config merges a partial config and refuses unknown or invalid keys', async () => {
    const before = (await h.control('GET', '/config')).json as Record<string, unknown>;
    expect(before).toMatchObject({
      timeScale: 1,
      latencyMs: 0,
      consent: 'auto',
      qboRules: { nameUniqueIgnoresCase: true, inactiveNamesBlock: true, deletedSuffix: false },
    });
    const put = await h.control('PUT', '/config', { limits: { qbo: { perSecond: 50 } }, consent: 'page' });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      consent: 'page',
      limits: { qbo: { perSecond: 50, perMinute: 1_000_000 } },
    });
    expect((await h.control('PUT', '/config', { timeScale: 0 })).status).toBe(400);
    expect((await h.control('PUT', '/config', { colour: 'red' })).status).toBe(400);
    expect((await h.control('PUT', '/config', { consent: 'maybe' })).status).toBe(400);
    await h.control('PUT', '/config', { ...RELAXED, consent: 'auto' });
  });

  it('latencyMs delays every service answer', async () => {
    await h.control('PUT', '/config', { latencyMs: 200 });
    const started = Date.now();
    await h.qbo('/customer/1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await h.control('PUT', '/config', { latencyMs: 0 });
  });

  it('the clock only moves forward', async () => {
    const a = Date.parse(((await h.control('GET', '/clock')).json as { now: string }).now);
    const moved = await h.control('POST', '/clock', { advanceMs: 86_400_000 });
    expect(Date.parse((moved.json as { now: string }).now) - a).toBeGreaterThanOrEqual(86_400_000);
    expect((await h.control('POST', '/clock', { advanceMs: -5 })).status).toBe(400);
    expect((await h.control('POST', '/clock', {})).status).toBe(400);
  });

  it('unknown control routes answer 404, wrong methods 405', async () => {
    expect((await h.control('GET', '/nothing')).status).toBe(404);
    expect((await h.control('PATCH', '/state', {})).status).toBe(405);
  });
});

describe('defaults', () => {
  it('a sandbox started without options has the real services’ limits', async () => {
    const plain = await startQboHarness();
    try {
      expect((await plain.control('GET', '/config')).json).toMatchObject({
        limits: {
          qbo: { perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 },
          karbon: { perMinute: 120 },
        },
      });
    } finally {
      await plain.close();
    }
  });
});

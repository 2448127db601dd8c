// The Karbon service's configurable choices (KarbonRules) and the state loader, called through
// handle() directly; tests/integration covers the same service over HTTP.
import { describe, expect, it } from 'vitest';
import type { KarbonRules, SandboxConfig, SandboxContext } from '../core/types';
import { createKarbonService } from './index';
import type { KarbonState } from './state';
import { karbonTimestamp } from './time';

const NOW = Date.parse('2026-03-02T10:15:30.120Z');

function setup(rules: Partial<KarbonRules> = {}, state?: unknown) {
  const config: SandboxConfig = {
    timeScale: 1,
    latencyMs: 0,
    limits: {
      qbo: { perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 },
      karbon: { perMinute: 10_000 },
    },
    consent: 'auto',
  };
  const ctx: SandboxContext = {
    clock: { now: () => NOW, advance: () => {} },
    config: () => config,
    credentials: {
      intuit: { clientId: 'c', clientSecret: 's', redirectUris: [] },
      qbo: { realmId: '1', accessToken: 'a', refreshToken: 'r', companyName: 'Co' },
      karbon: { bearerToken: 'token', accessKey: 'key', tenantName: 'Test Firm' },
    },
  };
  const service = createKarbonService(ctx, rules);
  if (state) service.setState(state as KarbonState);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const url = new URL(`http://127.0.0.1:1/karbon${path}`);
    return service.handle({
      method,
      url,
      path: url.pathname.slice('/karbon'.length),
      headers: { authorization: 'Bearer token', accesskey: 'key', ...headers },
      body: body === undefined ? '' : JSON.stringify(body),
    });
  };
  return { service, call };
}

const people = (n: number) => ({
  Contacts: Array.from({ length: n }, (_, i) => ({ FirstName: `P${i}`, LastName: 'Person' })),
});

describe('Karbon rules', () => {
  it('$top over 100: 400 by default, capped at 100 with topOverLimit "cap"', async () => {
    expect((await setup({}, people(150)).call('GET', '/v3/Contacts?$top=500')).status).toBe(400);
    const capped = await setup({ topOverLimit: 'cap' }, people(150)).call('GET', '/v3/Contacts?$top=500');
    const body = capped.body as { value: unknown[]; '@odata.nextLink'?: string };
    expect(body.value).toHaveLength(100);
    expect(body['@odata.nextLink']).toBe('http://127.0.0.1:1/karbon/v3/Contacts?$top=500&$skip=100');
  });

  it('off-list labels: refused by default, stored as sent with offListLabels "accept"', async () => {
    const card = {
      BusinessCards: [
        {
          Addresses: [{ City: 'Sydney', Label: 'Test label' }],
          PhoneNumbers: [{ Number: '1', Label: 'Work update' }],
        },
      ],
    };
    const body = { FirstName: 'L', LastName: 'Abel', ...card };
    expect((await setup().call('POST', '/v3/Contacts', body)).status).toBe(400);
    const accepted = await setup({ offListLabels: 'accept' }).call('POST', '/v3/Contacts', body);
    expect(accepted.status).toBe(201);
    expect(JSON.stringify(accepted.body)).toContain('"Label":"Test label"');
  });

  it('PATCH without Prefer: 204 by default, 200 with the record with patchWithoutPrefer "representation"', async () => {
    for (const [rules, status] of [
      [{}, 204],
      [{ patchWithoutPrefer: 'representation' as const }, 200],
    ] as const) {
      const { call, service } = setup(rules, people(1));
      const key = service.getState().Contacts[0]?.ContactKey;
      expect((await call('PATCH', `/v3/Contacts/${key}`, { LastName: 'Patched' })).status).toBe(status);
      expect(service.getState().Contacts[0]?.LastName).toBe('Patched');
    }
  });

  it('Hidden records: invisible and unsettable without includeHidden', async () => {
    const seed = {
      Contacts: [
        { FirstName: 'Hid', LastName: 'Den', RestrictionLevel: 'Hidden' },
        { FirstName: 'Pub', LastName: 'Lic' },
      ],
    };
    const closed = setup({}, seed);
    const key = closed.service.getState().Contacts[0]?.ContactKey;
    expect((await closed.call('GET', `/v3/Contacts/${key}`)).status).toBe(404);
    expect(
      ((await closed.call('GET', '/v3/Contacts')).body as { '@odata.count': number })['@odata.count'],
    ).toBe(1);
    const patch = await closed.call(
      'PATCH',
      `/v3/Contacts/${closed.service.getState().Contacts[1]?.ContactKey}`,
      { RestrictionLevel: 'Hidden' },
    );
    expect(patch.status).toBe(403);
    const open = setup({ includeHidden: true }, seed);
    expect((await open.call('GET', `/v3/Contacts/${key}`)).status).toBe(200);
  });

  it('fault bodies: 429 with Retry-After, 409 code 4020, 500 code 5001, 503 gateway', () => {
    const { service } = setup();
    const req = {
      method: 'GET',
      url: new URL('http://x/karbon/v3/Contacts'),
      path: '/v3/Contacts',
      headers: {},
      body: '',
    };
    expect(service.faultResponse(429, req)).toMatchObject({
      status: 429,
      headers: { 'retry-after': '10' },
      body: { statusCode: '429' },
    });
    expect(service.faultResponse(409, req).body).toMatchObject({ error: { code: '4020' } });
    expect(service.faultResponse(500, req).body).toMatchObject({ error: { code: '5001' } });
    expect(service.faultResponse(503, req).body).toEqual({
      statusCode: '503',
      message: 'Service Unavailable',
    });
  });

  it('TenantSettings names the tenant and stamps records with the sandbox clock', async () => {
    const { call } = setup();
    expect(((await call('GET', '/v3/TenantSettings')).body as { TenantName: string }).TenantName).toBe(
      'Test Firm',
    );
    const created = await call('POST', '/v3/Organizations', { FullName: 'Clocked' });
    expect((created.body as { LastModifiedDateTime: string }).LastModifiedDateTime).toBe(
      '2026-03-02T10:15:30.12Z',
    );
  });
});

describe('Karbon state loader', () => {
  it.each([
    [
      { ContactTypes: ['Client'], Contacts: [{ FirstName: 'A', LastName: 'B', ContactType: 'Vendor' }] },
      "karbon.Contacts[0].ContactType: 'Vendor' is not one of karbon.ContactTypes",
    ],
    [
      {
        Contacts: [{ FirstName: 'A', LastName: 'B', UserDefinedIdentifier: 'X' }],
        Organizations: [{ FullName: 'O', UserDefinedIdentifier: 'x' }],
      },
      "UserDefinedIdentifier: 'X' is used twice",
    ],
    [
      { Contacts: [{ FirstName: 'A', LastName: 'B', BusinessCards: [{ OrganizationKey: 'Missing12345' }] }] },
      'OrganizationKey Missing12345 is not an organization in the state',
    ],
    [
      {
        Contacts: [{ FirstName: 'A', LastName: 'B', BusinessCards: [{ Addresses: [{ Label: 'Billing' }] }] }],
      },
      'Addresses[0].Label: must be one of',
    ],
    [{ Contacts: [{ FirstName: '', LastName: 'B' }] }, 'FirstName'],
    [{ Contacts: [{ FirstName: 'A', LastName: 'B', Nickname: 'x' }] }, 'Nickname'],
  ])('refuses a bad seed with a message naming the path (%#)', (state, message) => {
    expect(() => setup().service.setState(state as unknown as KarbonState)).toThrow(message);
  });

  it('formats times the way Newtonsoft does', () => {
    expect(karbonTimestamp(Date.parse('2021-12-29T07:01:53.000Z'))).toBe('2021-12-29T07:01:53Z');
    expect(karbonTimestamp(Date.parse('2021-12-29T07:01:53.100Z'))).toBe('2021-12-29T07:01:53.1Z');
  });
});

// The Karbon emulator over real HTTP (demo data): auth headers, the rate limit, summary rows
// vs full records, OData paging, the $filter / $orderby whitelist and its 400s, ExternalKey,
// TenantSettings and the gateway bodies (shared/spec/karbon-api.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../sandbox/core/config';
import { startSandbox } from '../../sandbox/server';
import {
  type KarbonClient,
  type KarbonSandbox,
  karbonClient,
  startKarbonSandbox,
} from './sandbox-karbon-helpers';

type Row = Record<string, unknown>;
interface Page {
  '@odata.count': number;
  '@odata.nextLink'?: string;
  value: Row[];
}

let sandbox: KarbonSandbox['sandbox'];
let call: KarbonClient;
let creds: KarbonSandbox['creds'];
let base = '';
const page = (v: unknown): Page => v as Page;
const error = (v: unknown): { code: string; message: string } =>
  (v as { error: { code: string; message: string } }).error;

beforeAll(async () => {
  ({ sandbox, call, creds, base } = await startKarbonSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

async function allRows(path: string): Promise<Row[]> {
  const out: Row[] = [];
  let next: string | undefined = path;
  while (next) {
    const res = await call('GET', next);
    expect(res.status).toBe(200);
    out.push(...page(res.body).value);
    next = page(res.body)['@odata.nextLink'];
  }
  return out;
}

describe('Karbon access', () => {
  it('needs both headers, with the gateway body and no secret echoed', async () => {
    const cases: Record<string, string>[] = [
      { Authorization: `Bearer ${creds.bearerToken}` },
      { AccessKey: creds.accessKey },
      { Authorization: `Bearer ${creds.bearerToken}`, AccessKey: 'eyJ.wrong.key' },
      { Authorization: 'Bearer 00000000-0000-0000-0000-000000000000', AccessKey: creds.accessKey },
      { Authorization: `Bearer ${creds.accessKey}`, AccessKey: creds.bearerToken },
    ];
    for (const headers of cases) {
      const res = await fetch(`${base}/Contacts`, { headers });
      const body = (await res.json()) as { statusCode: string; message: string };
      expect(res.status).toBe(401);
      expect(body.statusCode).toBe('401');
      expect(typeof body.message).toBe('string');
      expect(JSON.stringify(body)).not.toContain(creds.accessKey);
      expect(JSON.stringify(body)).not.toContain(creds.bearerToken);
    }
  });

  it('answers unknown routes and methods the way the gateway and API do', async () => {
    const unknown = await call('GET', '/WorkItemz');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ statusCode: '404', message: 'Resource not found' });
    const contacts = page((await call('GET', '/Contacts?$top=1')).body).value;
    const del = await call('DELETE', `/Contacts/${String(contacts[0]?.ContactKey)}`);
    expect(del.status).toBe(404);
    expect(error(del.body).message).toContain('No HTTP resource was found');
  });

  it('TenantSettings lists the contact types as {Name, ContactTypeKey}', async () => {
    const res = await call('GET', '/TenantSettings');
    const types = (res.body as { ContactTypes: { Name: string; ContactTypeKey: string }[] }).ContactTypes;
    expect(types.map((t) => t.Name)).toEqual(
      expect.arrayContaining(['Client', 'Prospect', 'Supplier', 'Other']),
    );
    for (const t of types) expect(t.ContactTypeKey).toMatch(/^[0-9A-Za-z]{12}$/);
  });
});

describe('Karbon lists', () => {
  it('rows are summaries: no name parts, no cards; email and phone from the primary card', async () => {
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      karbon: {
        Contacts: {
          ContactKey: string;
          BusinessCards: {
            IsPrimaryCard: boolean;
            EmailAddresses: string[];
            PhoneNumbers: { Number: string }[];
          }[];
        }[];
      };
    };
    const rows = await allRows('/Contacts');
    expect(rows).toHaveLength(state.karbon.Contacts.length);
    for (const row of rows) {
      expect(row).not.toHaveProperty('FirstName');
      expect(row).not.toHaveProperty('LastName');
      expect(row).not.toHaveProperty('BusinessCards');
      expect(row).not.toHaveProperty('ExternalKey');
      const rec = state.karbon.Contacts.find((c) => c.ContactKey === row.ContactKey);
      const primary = rec?.BusinessCards.find((c) => c.IsPrimaryCard);
      expect(row.EmailAddress).toBe(primary?.EmailAddresses[0]);
      expect(row.PhoneNumber).toBe(primary?.PhoneNumbers[0]?.Number ?? null);
    }
  });

  it('pages of at most 100 with a count, and a nextLink only while rows remain', async () => {
    const first = page((await call('GET', '/Contacts')).body);
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toBe(`${base}/Contacts?$skip=100`);
    const small = page(
      (await call('GET', "/Contacts?$filter=contains(FullName,'a')&$orderby=FullName desc&$top=40")).body,
    );
    expect(small.value).toHaveLength(40);
    const seen = await allRows("/Contacts?$filter=contains(FullName,'a')&$orderby=FullName desc&$top=40");
    expect(seen).toHaveLength(small['@odata.count']);
    expect(new Set(seen.map((r) => r.ContactKey)).size).toBe(seen.length);
    const last = page((await call('GET', `/Contacts?$skip=${first['@odata.count'] - 1}`)).body);
    expect(last.value).toHaveLength(1);
    expect(last).not.toHaveProperty('@odata.nextLink');
    const empty = page((await call('GET', "/Contacts?$filter=FullName eq 'Nobody At All'")).body);
    expect(empty).toMatchObject({ '@odata.count': 0, value: [] });
    const over = await call('GET', '/Contacts?$top=101');
    expect(over.status).toBe(400);
    expect(error(over.body)).toEqual({
      code: '4002',
      message:
        "The limit of '100' for Top query has been exceeded. The value from the incoming request is '101'.",
    });
  });

  it('orders by FullName and LastModifiedDateTime, both ways', async () => {
    const names = (await allRows('/Organizations?$orderby=FullName')).map((r) =>
      String(r.FullName).toLowerCase(),
    );
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const times = (await allRows('/Contacts?$orderby=LastModifiedDateTime desc')).map((r) =>
      Date.parse(String(r.LastModifiedDateTime)),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const bad = await call('GET', '/Contacts?$orderby=EmailAddress');
    expect(error(bad.body).message).toBe(
      "The property 'EmailAddress' cannot be used in the $orderby query option.",
    );
  });

  it('filters on the whitelist: eq and contains, case-insensitive for name and email, joined by and', async () => {
    const [row] = page((await call('GET', '/Contacts?$top=1&$skip=7')).body).value;
    const name = String(row?.FullName);
    const email = String(row?.EmailAddress);
    const byName = page(
      (await call('GET', `/Contacts?$filter=FullName eq '${name.toUpperCase().replaceAll("'", "''")}'`)).body,
    );
    expect(byName.value.map((r) => r.ContactKey)).toContain(row?.ContactKey);
    const both = page(
      (
        await call(
          'GET',
          `/Contacts?$filter=(contains(EmailAddress, '${email.slice(0, 6).toUpperCase()}')) and FullName eq '${name.replaceAll("'", "''")}'`,
        )
      ).body,
    );
    expect(both.value.map((r) => r.ContactKey)).toEqual([row?.ContactKey]);
    const vip = page((await call('GET', "/Contacts?$filter=ContactType eq 'Client - VIP'")).body);
    expect(vip['@odata.count']).toBeGreaterThan(0);
    for (const r of vip.value) expect(r.ContactType).toBe('Client - VIP');
    const phone = String(row?.PhoneNumber ?? '');
    if (phone)
      expect(
        page((await call('GET', `/Contacts?$filter=contains(PhoneNumber,'${phone.slice(-4)}')`)).body).value
          .length,
      ).toBeGreaterThan(0);
  });

  it("finds Karbon's own QuickBooks links by ExternalKey, which it never returns", async () => {
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      karbon: { Organizations: { OrganizationKey: string; ExternalKey?: string }[] };
    };
    const linked = state.karbon.Organizations.filter((o) => o.ExternalKey);
    expect(linked.length).toBeGreaterThan(0);
    for (const o of linked) {
      const res = page((await call('GET', `/Organizations?$filter=ExternalKey eq '${o.ExternalKey}'`)).body);
      expect(res.value.map((r) => r.OrganizationKey)).toEqual([o.OrganizationKey]);
      const full = await call('GET', `/Organizations/${o.OrganizationKey}?$expand=BusinessCards`);
      expect(full.body).not.toHaveProperty('ExternalKey');
    }
    const containsKey = await call('GET', "/Organizations?$filter=contains(ExternalKey,'1')");
    expect(containsKey.status).toBe(400);
  });

  it('rejects everything else with 400 code 4002 and an ASP.NET-style message', async () => {
    const cases: [string, string][] = [
      ["$filter=FullName ne 'x'", "Logical operator 'NotEqual' is not allowed"],
      ["$filter=FullName eq 'a' or FullName eq 'b'", "Logical operator 'Or' is not allowed"],
      ["$filter=startswith(FullName, 'a')", "Function 'startswith' is not allowed"],
      ['$filter=day(LastModifiedDateTime) eq 8', "Function 'day' is not allowed"],
      [
        '$filter=LastModifiedDateTime ge 2025-01-01T00:00:00Z',
        "Logical operator 'GreaterThanOrEqual' is not allowed",
      ],
      [
        "$filter=Nickname eq 'x'",
        "Could not find a property named 'Nickname' on type 'KarbonService.ContactSummaryDTO'.",
      ],
      [
        "$filter=RoleOrTitle eq 'CIO'",
        "The property 'RoleOrTitle' cannot be used in the $filter query option.",
      ],
      ['$filter=PhoneNumber eq 12', 'A binary operator with incompatible types was detected'],
      ["$filter=FullName eq 'unterminated", 'There is an unterminated string literal'],
      ['$select=FullName', "Query option 'Select' is not allowed"],
      ['$expand=BusinessCards', "Query option 'Expand' is not allowed"],
      ['$top=-1', "Invalid value '-1' for $top query option found"],
      ['$top=1&$top=2', "Query option '$top' was specified more than once"],
    ];
    for (const [q, message] of cases) {
      const res = await call('GET', `/Contacts?${q}`);
      expect(res.status, q).toBe(400);
      expect(error(res.body).code, q).toBe('4002');
      expect(error(res.body).message, q).toContain(message);
    }
    const orgPhone = await call('GET', "/Organizations?$filter=PhoneNumber eq '1'");
    expect(error(orgPhone.body).message).toBe(
      "The property 'PhoneNumber' cannot be used in the $filter query option.",
    );
  });
});

describe('Karbon rate limit', () => {
  it('is 120 requests a minute per application by default', async () => {
    const config = (await (await fetch(`${sandbox.url}/__sandbox/config`)).json()) as {
      limits: { karbon: { perMinute: number } };
    };
    expect(defaultConfig().limits.karbon.perMinute).toBe(120);
    expect(config.limits.karbon.perMinute).toBe(100_000);
  });

  it('answers the request over the limit with 429 and Retry-After; 401s do not count', async () => {
    // A 6-second "minute" (time scale 10) on a fresh sandbox: the count is the real rule's.
    const fresh = await startSandbox({ port: 0, config: { timeScale: 10 } });
    try {
      const c = karbonClient(`${fresh.url}/karbon/v3`, creds);
      for (let i = 0; i < 3; i++)
        expect((await fetch(`${fresh.url}/karbon/v3/TenantSettings`)).status).toBe(401);
      const answers = await Promise.all(Array.from({ length: 121 }, () => c('GET', '/TenantSettings')));
      const limited = answers.filter((r) => r.status === 429);
      expect(answers.filter((r) => r.status === 200)).toHaveLength(120);
      expect(limited).toHaveLength(1);
      const retry = Number(limited[0]?.headers.get('retry-after'));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(6);
      expect(limited[0]?.body).toEqual({
        statusCode: '429',
        message: `Rate limit is exceeded. Try again in ${retry} seconds.`,
      });
    } finally {
      await fresh.close();
    }
  });

  it('lets requests through again once the window has passed', async () => {
    const fresh = await startSandbox({
      port: 0,
      config: { timeScale: 60, limits: { ...defaultConfig().limits, karbon: { perMinute: 3 } } },
    });
    try {
      const c = karbonClient(`${fresh.url}/karbon/v3`, creds);
      const first = await Promise.all([1, 2, 3, 4].map(() => c('GET', '/TenantSettings')));
      expect(first.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await c('GET', '/TenantSettings')).status).toBe(200);
    } finally {
      await fresh.close();
    }
  });
});

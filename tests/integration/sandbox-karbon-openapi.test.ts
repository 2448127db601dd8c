// Every answer the sandbox's Karbon API gives — lists, filters, pages, single records with and
// without $expand, creates, updates, patches, UDI lookups, business cards, tenant settings and
// the errors — validates against Karbon's own OpenAPI file for its operation and status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type KarbonCall,
  type KarbonClient,
  type KarbonSandbox,
  loadKarbonOpenApi,
  startKarbonSandbox,
} from './sandbox-karbon-helpers';

const api = loadKarbonOpenApi();
const CONTACT = '/v3/Contacts/{Contactkey}';
const ORG = '/v3/Organizations/{Organizationkey}';
const CONTACT_UDI =
  "/v3/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='{UserDefinedIdentifier}')";
const ORG_UDI =
  "/v3/Organizations/GetOrganizationByUserDefinedIdentifier(UserDefinedIdentifier='{UserDefinedIdentifier}')";
const CARD = '/v3/BusinessCards/{BusinessCardKey}';

let sandbox: KarbonSandbox['sandbox'];
let call: KarbonClient;
let karbonBase = '';

/** Calls, then checks the answer against the operation's schema for the status it got. */
async function valid(
  method: string,
  template: string,
  path: string,
  expected: number,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<KarbonCall> {
  const res = await call(method, path, body, headers);
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(expected);
  expect(api.check(method, template, res.status, res.body), `${method} ${path}`).toEqual([]);
  return res;
}

const field = (v: unknown, name: string): string => {
  const x = (v as Record<string, unknown>)[name];
  if (typeof x !== 'string') throw new Error(`no ${name} in ${JSON.stringify(v).slice(0, 200)}`);
  return x;
};
const rows = (v: unknown): Record<string, unknown>[] => (v as { value: Record<string, unknown>[] }).value;

beforeAll(async () => {
  ({ sandbox, call, base: karbonBase } = await startKarbonSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

describe('Karbon responses validate against KarbonAPI.json', () => {
  it('the loader is strict enough to fail a wrong body', () => {
    expect(api.check('get', '/v3/Contacts', 200, { value: [{ FullName: 'x' }] }).length).toBeGreaterThan(0);
    expect(
      api.check('get', CONTACT, 200, {
        '@odata.context': 'x',
        '@odata.type': 'x',
        ContactKey: 'k',
        FirstName: 'a',
        LastName: 'b',
        RestrictionLevel: 'Secret',
        UserDefinedIdentifier: '',
      }).length,
    ).toBeGreaterThan(0);
  });

  it('TenantSettings', async () => {
    const res = await valid('get', '/v3/TenantSettings', '/TenantSettings', 200);
    expect((res.body as { ContactTypes: unknown[] }).ContactTypes.length).toBeGreaterThan(2);
  });

  it('every demo contact and organization, as a list row and as a full record with cards', async () => {
    for (const [collection, template] of [
      ['Contacts', CONTACT],
      ['Organizations', ORG],
    ] as const) {
      let next: string | undefined = `/${collection}?$orderby=FullName`;
      const keys: string[] = [];
      while (next) {
        const page = await valid('get', `/v3/${collection}`, next, 200);
        keys.push(
          ...rows(page.body).map((r) =>
            field(r, collection === 'Contacts' ? 'ContactKey' : 'OrganizationKey'),
          ),
        );
        next = (page.body as { '@odata.nextLink'?: string })['@odata.nextLink'];
      }
      expect(keys.length).toBeGreaterThan(50);
      for (const key of keys)
        await valid('get', template, `/${collection}/${key}?$expand=BusinessCards`, 200);
    }
  });

  it('lists with filters, ordering and paging', async () => {
    const first = await valid('get', '/v3/Contacts', '/Contacts?$top=1', 200);
    const row = rows(first.body)[0] ?? {};
    const name = field(row, 'FullName').replaceAll("'", "''");
    for (const q of [
      `$filter=FullName eq '${name}'`,
      `$filter=contains(FullName, '${name.slice(0, 4)}') and ContactType eq 'Client'`,
      `$filter=(contains(EmailAddress, '@'))&$orderby=LastModifiedDateTime desc&$top=7&$skip=3`,
      "$filter=PhoneNumber eq '(503) 555-0100'",
      "$filter=ExternalKey eq '1'",
      '$skip=100000',
      '$top=0',
    ]) {
      await valid('get', '/v3/Contacts', `/Contacts?${q}`, 200);
    }
    for (const q of [
      "$filter=contains(ContactType, 'Client')",
      "$filter=EmailAddress eq 'nobody@example.com'",
      '$orderby=FullName desc&$top=3',
    ]) {
      await valid('get', '/v3/Organizations', `/Organizations?${q}`, 200);
    }
  });

  it('query errors', async () => {
    for (const q of [
      "$filter=FullName ne 'x'",
      '$filter=startswith(FullName,%27a%27)',
      "$filter=Nope eq 'x'",
      '$top=130',
      '$select=FullName',
      '$orderby=ContactKey',
      '$expand=BusinessCards',
    ]) {
      const res = await valid('get', '/v3/Contacts', `/Contacts?${q}`, 400);
      expect(field((res.body as { error: unknown }).error, 'code')).toBe('4002');
    }
    await valid('get', '/v3/Organizations', "/Organizations?$filter=PhoneNumber eq '1'", 400);
    await valid('get', '/v3/Contacts', '/Contacts', 401, undefined, { AccessKey: '' });
  });

  it('create, read, update, patch and look up a contact', async () => {
    const body = {
      FirstName: 'Openapi',
      MiddleName: 'Q',
      LastName: 'Checker',
      ContactType: 'Prospect',
      UserDefinedIdentifier: 'OAS-1',
      EntityDescription: { Text: 'created by the schema test' },
      AccountingDetail: {
        BirthDate: '1980-02-03',
        Sex: 'F',
        FinancialYearEndDay: '30',
        FinancialYearEndMonth: 6,
        RegistrationNumbers: [{ RegistrationNumber: '123-45-6789', Type: 'Social Security Number (SSN)' }],
      },
      ClientTeam: [{ MemberKey: 'JTphCpQqQYg', MemberType: 'User', RoleType: 'ClientOwner' }],
      BusinessCards: [
        {
          IsPrimaryCard: true,
          EmailAddresses: ['oas.checker@example.com'],
          PhoneNumbers: [{ Number: '503-555-0100', CountryCode: 'US', Label: 'Work' }],
          Addresses: [
            {
              AddressLines: '1 Main St',
              City: 'Portland',
              StateProvinceCounty: 'OR',
              ZipCode: '97201',
              CountryCode: 'US',
              Label: 'Physical',
            },
          ],
          WebSites: ['example.com'],
        },
      ],
    };
    const created = await valid('post', '/v3/Contacts', '/Contacts', 201, body);
    const key = field(created.body, 'ContactKey');
    expect(created.headers.get('location')).toBe(`${karbonBase}/Contacts('${key}')/KarbonService.ContactDTO`);
    await valid('get', CONTACT, `/Contacts/${key}`, 200);
    await valid('get', CONTACT, `/Contacts/${key}?$expand=BusinessCards,ClientTeam,ClientAccess`, 200);
    await valid(
      'get',
      CONTACT_UDI,
      "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='oas-1')",
      200,
    );
    await valid(
      'get',
      CONTACT_UDI,
      "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='OAS-1')?$expand=BusinessCards",
      200,
    );
    await valid(
      'get',
      CONTACT_UDI,
      "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='none')",
      404,
    );
    await valid(
      'get',
      CONTACT_UDI,
      "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='')",
      400,
    );
    const full = await valid('get', CONTACT, `/Contacts/${key}?$expand=BusinessCards`, 200);
    const cards = (full.body as { BusinessCards: Record<string, unknown>[] }).BusinessCards;
    await valid('put', CONTACT, `/Contacts/${key}`, 204, {
      ...body,
      FirstName: 'Openapi2',
      BusinessCards: cards,
    });
    await valid('put', CONTACT, `/Contacts/${key}`, 204, {
      FirstName: 'Openapi3',
      LastName: 'Checker',
      UserDefinedIdentifier: 'OAS-1',
    });
    await valid(
      'patch',
      CONTACT,
      `/Contacts/${key}`,
      200,
      { MiddleName: 'R' },
      { Prefer: 'return=representation' },
    );
    await valid('patch', CONTACT, `/Contacts/${key}`, 400, { ContactType: 'Client' });
    await valid('post', '/v3/Contacts', '/Contacts', 500, {
      FirstName: 'Dup',
      LastName: 'Licate',
      UserDefinedIdentifier: 'oas-1',
    });
    await valid('post', '/v3/Contacts', '/Contacts', 400, { FirstName: 'No' });
    await valid('post', '/v3/Contacts', '/Contacts', 400, '');
    await valid('post', '/v3/Contacts', '/Contacts', 403, {
      FirstName: 'Hid',
      LastName: 'Den',
      RestrictionLevel: 'Hidden',
    });
    await valid('put', CONTACT, '/Contacts/NoSuchKey123', 404, { FirstName: 'a', LastName: 'b' });
    await valid('patch', CONTACT, '/Contacts/NoSuchKey123', 404, { FirstName: 'a' });
    await valid('get', CONTACT, '/Contacts/NoSuchKey123', 404);
    await valid('get', CONTACT, `/Contacts/${key}?$select=FirstName`, 400);
  });

  it('create, read, update, patch and look up an organization, and its business card', async () => {
    const created = await valid('post', '/v3/Organizations', '/Organizations', 201, {
      FullName: 'Schema Check Holdings LLC',
      ContactType: 'Client',
      UserDefinedIdentifier: 'OAS-ORG',
      AccountingDetail: { EntityType: 'Limited Liability', TaxCountryCode: 'US', AnnualRevenue: 125000.5 },
      BusinessCards: [
        {
          EmailAddresses: ['office@schemacheck.example'],
          PhoneNumbers: [{ Number: '503-555-0199', Label: 'Office' }],
        },
      ],
    });
    const key = field(created.body, 'OrganizationKey');
    await valid('get', ORG, `/Organizations/${key}?$expand=BusinessCards,Contacts,ClientTeam`, 200);
    await valid(
      'get',
      ORG_UDI,
      "/Organizations/GetOrganizationByUserDefinedIdentifier(UserDefinedIdentifier='oas-org')?$expand=BusinessCards",
      200,
    );
    await valid(
      'get',
      ORG_UDI,
      "/Organizations/GetOrganizationByUserDefinedIdentifier(UserDefinedIdentifier='nope')",
      404,
    );
    await valid('put', ORG, `/Organizations/${key}`, 204, {
      FullName: 'Schema Check Holdings, LLC',
      ContactType: 'Client',
      UserDefinedIdentifier: 'OAS-ORG',
    });
    await valid(
      'patch',
      ORG,
      `/Organizations/${key}`,
      200,
      { FullName: 'Schema Check LLC' },
      { Prefer: 'return=representation' },
    );
    await valid('patch', ORG, `/Organizations/${key}`, 400, { ContactType: 'Client' });
    await valid('get', ORG, '/Organizations/NoSuchKey123', 404);

    const card = (created.body as { BusinessCards: Record<string, unknown>[] }).BusinessCards[0] ?? {};
    const cardKey = field(card, 'BusinessCardKey');
    await valid('get', CARD, `/BusinessCards/${cardKey}`, 200);
    await valid('put', CARD, `/BusinessCards/${cardKey}`, 204, {
      ...card,
      EmailAddresses: ['billing@schemacheck.example'],
    });
    await valid('put', CARD, `/BusinessCards/${cardKey}`, 400, {
      ...card,
      PhoneNumbers: [{ Number: '1'.repeat(21) }],
    });
    await valid('get', CARD, '/BusinessCards/NoSuchKey123', 404);
  });

  it('a person card linked to an organization, read on its own', async () => {
    const orgs = await valid('get', '/v3/Organizations', '/Organizations?$top=1', 200);
    const orgKey = field(rows(orgs.body)[0], 'OrganizationKey');
    const created = await valid('post', '/v3/Contacts', '/Contacts', 201, {
      FirstName: 'Linked',
      LastName: 'Staffer',
      BusinessCards: [
        {
          OrganizationKey: orgKey,
          RoleOrTitle: 'Bookkeeper',
          EmailAddresses: ['linked.staffer@example.com'],
        },
      ],
    });
    const card = (created.body as { BusinessCards: Record<string, unknown>[] }).BusinessCards[0] ?? {};
    await valid('get', CARD, `/BusinessCards/${field(card, 'BusinessCardKey')}`, 200);
    const org = await valid('get', ORG, `/Organizations/${orgKey}?$expand=Contacts`, 200);
    expect(JSON.stringify(org.body)).toContain('Linked Staffer');
  });

  it('injected gateway and server faults', async () => {
    const inject = (rule: object) =>
      fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        body: JSON.stringify(rule),
        headers: { 'content-type': 'application/json' },
      });
    await inject({ route: 'GET /karbon/v3/Contacts', status: 429, count: 1 });
    const limited = await valid('get', '/v3/Contacts', '/Contacts', 429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await inject({ route: 'GET /karbon/v3/Contacts', status: 500, count: 1 });
    await valid('get', '/v3/Contacts', '/Contacts', 500);
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  });
});

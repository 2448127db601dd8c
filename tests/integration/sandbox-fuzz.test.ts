// Malformed input on every sandbox route: bad JSON, wrong types, huge values, unknown fields,
// bad query strings. Whatever a client sends, the sandbox must answer as the real service would
// (a 4xx in that service's own error shape), never crash, hang up, or answer a 500 of its own.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS } from '../../sandbox/core/credentials';
import { type RunningSandbox, startSandbox } from '../../sandbox/server';
import { RELAXED } from './sandbox-qbo-helpers';

let sandbox: RunningSandbox;
const crashes: string[] = [];
let consoleError: ReturnType<typeof vi.spyOn>;

const REALM = DEMO_CREDENTIALS.qbo.realmId;
const COMPANY = `/qbo/v3/company/${REALM}`;
const QBO_AUTH = { authorization: `Bearer ${DEMO_CREDENTIALS.qbo.accessToken}`, accept: 'application/json' };
const KARBON_AUTH = {
  authorization: `Bearer ${DEMO_CREDENTIALS.karbon.bearerToken}`,
  accesskey: DEMO_CREDENTIALS.karbon.accessKey,
};
const BASIC = `Basic ${Buffer.from(`${DEMO_CREDENTIALS.intuit.clientId}:${DEMO_CREDENTIALS.intuit.clientSecret}`).toString('base64')}`;

let contactKey = '';
let organizationKey = '';
let cardKey = '';

beforeAll(async () => {
  consoleError = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    crashes.push(args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' '));
  });
  sandbox = await startSandbox({ port: 0, demo: true, config: RELAXED });
  const contacts = (await (
    await fetch(`${sandbox.url}/karbon/v3/Contacts?$top=1`, { headers: KARBON_AUTH })
  ).json()) as { value: Array<{ ContactKey: string }> };
  contactKey = contacts.value[0]?.ContactKey ?? '';
  const organizations = (await (
    await fetch(`${sandbox.url}/karbon/v3/Organizations?$top=1`, { headers: KARBON_AUTH })
  ).json()) as { value: Array<{ OrganizationKey: string }> };
  organizationKey = organizations.value[0]?.OrganizationKey ?? '';
  const full = (await (
    await fetch(`${sandbox.url}/karbon/v3/Contacts/${contactKey}?$expand=BusinessCards`, {
      headers: KARBON_AUTH,
    })
  ).json()) as { BusinessCards: Array<{ BusinessCardKey: string }> };
  cardKey = full.BusinessCards[0]?.BusinessCardKey ?? '';
}, 60_000);

afterAll(async () => {
  await sandbox.close();
  consoleError.mockRestore();
});

interface Sent {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** The answer, or a failure naming the request when the sandbox crashed, hung up or answered its own 500. */
async function send(r: Sent): Promise<{ status: number; text: string }> {
  const before = crashes.length;
  let res: Response;
  try {
    res = await fetch(`${sandbox.url}${r.path}`, {
      method: r.method,
      headers: r.headers,
      body: r.body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw new Error(`${r.method} ${r.path} → no answer (${String(err)}) for body ${preview(r.body)}`);
  }
  const text = await res.text();
  if (crashes.length > before || text.includes('sandbox internal error')) {
    throw new Error(
      `${r.method} ${r.path} crashed the sandbox for body ${preview(r.body)}: ${crashes.slice(before).join('\n')}`,
    );
  }
  // Karbon's own 500 (code 5001, a UserDefinedIdentifier in use) is the real service's answer.
  if (res.status >= 500 && !/"code":"5001"/u.test(text)) {
    throw new Error(
      `${r.method} ${r.path} → ${res.status} ${text.slice(0, 300)} for body ${preview(r.body)}`,
    );
  }
  return { status: res.status, text };
}

function preview(body: string | undefined): string {
  return body === undefined ? '(none)' : JSON.stringify(body.slice(0, 300));
}

// ---- generators -------------------------------------------------------------------------------

const huge = fc.constantFrom('x'.repeat(100_000), '9'.repeat(400), '1e400', '-0', 'NaN');
/** Any JSON value, some of them odd: deep, huge, unicode, numbers out of range. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  huge,
  fc.constantFrom(null, true, 0, -1, 1e308, [], {}, [[[]]], { '': '' }, { __proto__: 1 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);
/** A body as text: not JSON at all, truncated JSON, or JSON of any shape. */
const anyText = fc.oneof(
  anyJson.map((v) => JSON.stringify(v) ?? 'null'),
  fc.constantFrom(
    '',
    '{',
    '{"a":',
    '[1,2',
    'null',
    '"',
    '{"DisplayName":"x"',
    '\u0000',
    '<xml/>',
    '1'.repeat(5000),
  ),
  fc.string({ maxLength: 60 }),
);

/** A valid body with one property set to anything, or an unknown property added. */
function mutated(valid: Record<string, unknown>, keys: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({
      key: fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
      value: anyJson,
      nested: fc.boolean(),
    })
    .map(({ key, value, nested }) => {
      const body: Record<string, unknown> = structuredClone(valid);
      const target = nested ? firstNested(body) : body;
      target[key] = value;
      return JSON.stringify(body);
    });
}

function firstNested(body: Record<string, unknown>): Record<string, unknown> {
  for (const v of Object.values(body)) {
    if (Array.isArray(v) && v[0] && typeof v[0] === 'object') {
      const inner = v[0] as Record<string, unknown>;
      for (const w of Object.values(inner)) {
        if (Array.isArray(w) && w[0] && typeof w[0] === 'object') return w[0] as Record<string, unknown>;
      }
      return inner;
    }
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  }
  return body;
}

const queryValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '%',
    '%zz',
    "'",
    "''",
    '(',
    ')',
    '-1',
    '0',
    '1e9',
    '99999999999999999999',
    'null',
    '\u00e9',
    ' ',
  ),
);

/** Fixed seed in CI (a failure repeats); FUZZ_RUNS=N FUZZ_SEED=random for a longer hunt. */
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const runs = {
  numRuns: FUZZ_RUNS,
  ...(process.env.FUZZ_SEED === 'random' ? {} : { seed: Number(process.env.FUZZ_SEED ?? 20240601) }),
};

// ---- valid shapes to mutate -------------------------------------------------------------------

const customer = {
  DisplayName: 'Fuzz Person',
  GivenName: 'Fuzz',
  FamilyName: 'Person',
  PrimaryEmailAddr: { Address: 'fuzz@example.com' },
  PrimaryPhone: { FreeFormNumber: '555 0100' },
  BillAddr: { Line1: '1 Main St', City: 'Portland', CountrySubDivisionCode: 'OR', PostalCode: '97201' },
  ParentRef: { value: '1' },
  Active: true,
};
const customerKeys = Object.keys(customer);

const karbonPerson = {
  FirstName: 'Fuzz',
  LastName: 'Person',
  ContactType: 'Client',
  UserDefinedIdentifier: 'FUZZ-1',
  BusinessCards: [
    {
      IsPrimaryCard: true,
      EmailAddresses: ['fuzz@example.com'],
      PhoneNumbers: [{ Number: '555 0100', CountryCode: 'US', Label: 'Work' }],
      Addresses: [
        {
          AddressLines: '1 Main St',
          City: 'Portland',
          ZipCode: '97201',
          CountryCode: 'US',
          Label: 'Physical',
        },
      ],
    },
  ],
};
const karbonPersonKeys = [
  ...Object.keys(karbonPerson),
  'MiddleName',
  'Salutation',
  'RestrictionLevel',
  'AccountingDetail',
];
const karbonOrganization = {
  ...karbonPerson,
  FirstName: undefined,
  LastName: undefined,
  FullName: 'Fuzz Ltd',
};
const karbonCard = {
  BusinessCardKey: '',
  IsPrimaryCard: true,
  EmailAddresses: ['fuzz@example.com'],
  PhoneNumbers: [{ Number: '555 0100', Label: 'Mobile' }],
};

const json = { 'content-type': 'application/json' };

// ---- the routes ---------------------------------------------------------------------------------

describe('the sandbox never crashes on malformed input', () => {
  it('QuickBooks customer writes: bad JSON, wrong types, huge values, unknown fields → Intuit faults', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, mutated(customer, customerKeys)),
        fc.constantFrom(
          '',
          '?operation=update',
          '?requestid=',
          `?requestid=${'r'.repeat(60)}`,
          '?minorversion=abc',
        ),
        async (body, query) => {
          const r = await send({
            method: 'POST',
            path: `${COMPANY}/customer${query}`,
            headers: { ...QBO_AUTH, ...json },
            body,
          });
          expect(r.status, r.text).toBeLessThan(500);
          if (r.status >= 400) expect(r.text).toMatch(/"Fault"/u);
        },
      ),
      runs,
    );
  }, 120_000);

  it('QuickBooks updates of an existing customer with mutated fields → Intuit faults', async () => {
    const read = (await (
      await fetch(`${sandbox.url}${COMPANY}/customer/1`, { headers: QBO_AUTH })
    ).json()) as {
      Customer: Record<string, unknown>;
    };
    const existing = { ...read.Customer, sparse: true };
    await fc.assert(
      fc.asyncProperty(
        mutated(existing, [...Object.keys(existing), 'SyncToken', 'Id', 'sparse']),
        async (body) => {
          const r = await send({
            method: 'POST',
            path: `${COMPANY}/customer`,
            headers: { ...QBO_AUTH, ...json },
            body,
          });
          expect(r.status, r.text).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);

  it('QuickBooks reads, queries and CDC with bad ids and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'customer/',
          'vendor/',
          'employee/',
          'companyinfo/',
          'query?query=',
          'cdc?changedSince=',
        ),
        queryValue,
        fc.oneof(
          fc.constant(''),
          queryValue.map((v) => `&entities=${encodeURIComponent(v)}`),
          queryValue.map((v) => `&minorversion=${encodeURIComponent(v)}`),
        ),
        async (route, value, extra) => {
          const sep = route.includes('?') ? '' : '';
          const r = await send({
            method: 'GET',
            path: `${COMPANY}/${route}${sep}${encodeURIComponent(value)}${route.includes('?') ? extra : ''}`,
            headers: QBO_AUTH,
          });
          expect(r.status, r.text).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);

  it('QuickBooks queries: grammar fragments in any order', async () => {
    const words = fc.constantFrom(
      'SELECT',
      '*',
      'COUNT(*)',
      'FROM',
      'Customer',
      'Vendor',
      'WHERE',
      'AND',
      'OR',
      'Id',
      'DisplayName',
      'Metadata.LastUpdatedTime',
      'Active',
      '=',
      '<',
      'IN',
      'LIKE',
      '(',
      ')',
      ',',
      "'a'",
      "'%'",
      "'2024-13-45'",
      "'\\'",
      '1',
      '-1',
      '1e999',
      'true',
      'ORDERBY',
      'ORDER BY',
      'DESC',
      'STARTPOSITION',
      'MAXRESULTS',
      '0',
      '99999999999999999999',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(words, { maxLength: 14 }), fc.boolean(), async (parts, post) => {
        const query = `SELECT * FROM Customer ${parts.join(' ')}`.trim();
        const r = post
          ? await send({
              method: 'POST',
              path: `${COMPANY}/query`,
              headers: { ...QBO_AUTH, 'content-type': 'application/text' },
              body: query,
            })
          : await send({
              method: 'GET',
              path: `${COMPANY}/query?query=${encodeURIComponent(query)}`,
              headers: QBO_AUTH,
            });
        expect(r.status, r.text).toBeLessThan(500);
      }),
      { ...runs, numRuns: FUZZ_RUNS * 2.5 },
    );
  }, 120_000);

  it('QuickBooks batch: malformed envelopes and items', async () => {
    const item = fc.oneof(
      anyJson,
      fc.record({
        bId: fc.oneof(fc.string({ maxLength: 12 }), anyJson),
        operation: anyJson,
        Customer: anyJson,
      }),
      fc.record({ bId: fc.string({ maxLength: 4 }), Query: fc.oneof(fc.string(), anyJson) }),
      mutated({ bId: '1', operation: 'create', Customer: customer }, [
        'bId',
        'operation',
        'Customer',
        'Query',
      ]).map((s) => JSON.parse(s) as unknown),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText,
          fc.array(item, { maxLength: 4 }).map((items) => JSON.stringify({ BatchItemRequest: items })),
        ),
        async (body) => {
          const r = await send({
            method: 'POST',
            path: `${COMPANY}/batch`,
            headers: { ...QBO_AUTH, ...json },
            body,
          });
          expect(r.status, r.text).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);

  it('Intuit token, revoke and authorize with malformed forms and queries → OAuth errors', async () => {
    const form = fc
      .dictionary(
        fc.constantFrom(
          'grant_type',
          'code',
          'refresh_token',
          'redirect_uri',
          'code_verifier',
          'client_id',
          'x',
        ),
        queryValue,
        { maxKeys: 5 },
      )
      .map((d) => new URLSearchParams(d).toString());
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(form, anyText),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
        fc.constantFrom(BASIC, 'Basic !!!', 'Basic ', 'Bearer x', ''),
        async (body, type, auth) => {
          const token = await send({
            method: 'POST',
            path: '/intuit/oauth2/v1/tokens/bearer',
            headers: { 'content-type': type, authorization: auth, accept: 'application/json' },
            body,
          });
          expect(token.status, token.text).toBeLessThan(500);
          const revoke = await send({
            method: 'POST',
            path: '/intuit/v2/oauth2/tokens/revoke',
            headers: { 'content-type': type, authorization: auth, accept: 'application/json' },
            body,
          });
          expect(revoke.status, revoke.text).toBeLessThan(500);
        },
      ),
      runs,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'client_id',
            'redirect_uri',
            'response_type',
            'scope',
            'state',
            'code_challenge',
            'code_challenge_method',
          ),
          queryValue,
          { maxKeys: 7 },
        ),
        async (params) => {
          const q = new URLSearchParams(params).toString();
          const r = await send({ method: 'GET', path: `/intuit/connect/oauth2?${q}` });
          expect(r.status, r.text).toBeLessThan(500);
          const d = await send({
            method: 'POST',
            path: '/intuit/connect/oauth2/decision',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: q,
          });
          expect(d.status, d.text).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);

  it('Karbon creates and updates: bad JSON, wrong types, huge values, unknown fields → Karbon errors', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyText.map((body) => ({ kind: 'Contacts', body })),
          mutated(karbonPerson, karbonPersonKeys).map((body) => ({ kind: 'Contacts', body })),
          mutated(karbonOrganization, [...karbonPersonKeys, 'FullName']).map((body) => ({
            kind: 'Organizations',
            body,
          })),
        ),
        fc.constantFrom('POST', 'PUT', 'PATCH'),
        async ({ kind, body }, method) => {
          const key = kind === 'Contacts' ? contactKey : organizationKey;
          const r = await send({
            method,
            path: `/karbon/v3/${kind}${method === 'POST' ? '' : `/${key}`}`,
            headers: { ...KARBON_AUTH, ...json, prefer: 'return=representation' },
            body,
          });
          // send() already refused any 5xx but Karbon's own 5001 (identifier in use).
          if (r.status >= 400) expect(r.text).toMatch(/"error":\{"code":"\d+"/u);
        },
      ),
      runs,
    );
  }, 120_000);

  it('Karbon business cards: malformed card bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(anyText, mutated({ ...karbonCard, BusinessCardKey: cardKey }, Object.keys(karbonCard))),
        async (body) => {
          const r = await send({
            method: 'PUT',
            path: `/karbon/v3/BusinessCards/${cardKey}`,
            headers: { ...KARBON_AUTH, ...json },
            body,
          });
          expect(r.status, r.text).toBeLessThan(500);
        },
      ),
      runs,
    );
  }, 120_000);

  it('Karbon lists, records and lookups with bad OData options and keys', async () => {
    const option = fc.constantFrom(
      '$filter',
      '$orderby',
      '$top',
      '$skip',
      '$count',
      '$expand',
      '$select',
      'x',
      '$',
    );
    const filterish = fc.constantFrom(
      "FullName eq 'a'",
      "contains(FullName,'a')",
      "EmailAddress eq ''''",
      "ExternalKey eq '1' and ContactType eq 'Client'",
      "FullName eq 'a' or FullName eq 'b'",
      "contains(ExternalKey,'1')",
      'FullName eq 1',
      'LastModifiedDateTime ge 2024-01-01T00:00:00Z',
      "((FullName eq 'a')",
      "FullName eq 'unterminated",
      'not true',
      "substringof('a',FullName)",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('Contacts', 'Organizations'),
        fc.array(fc.tuple(option, fc.oneof(queryValue, filterish)), { maxLength: 4 }),
        fc.oneof(
          fc.constant(''),
          fc.constantFrom(`/${contactKey}`, `/${organizationKey}`, '/nope', "('x')", "('')"),
          queryValue.map((v) => `/${encodeURIComponent(v)}`),
          queryValue.map(
            (v) => `/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='${encodeURIComponent(v)}')`,
          ),
          queryValue.map(
            (v) =>
              `/GetOrganizationByUserDefinedIdentifier(UserDefinedIdentifier='${encodeURIComponent(v)}')`,
          ),
        ),
        async (kind, options, suffix) => {
          const q = options.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const r = await send({
            method: 'GET',
            path: `/karbon/v3/${kind}${suffix}${q ? `?${q}` : ''}`,
            headers: KARBON_AUTH,
          });
          expect(r.status, r.text).toBeLessThan(500);
          if (r.status >= 400) expect(r.text).toMatch(/"error"|"statusCode"/u);
        },
      ),
      { ...runs, numRuns: FUZZ_RUNS * 2.5 },
    );
  }, 120_000);

  it('the control API answers 4xx to malformed state, faults, config and clock bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('PUT /state', 'POST /faults', 'PUT /config', 'POST /clock'),
        fc.oneof(
          anyText,
          fc.record({ qbo: anyJson, karbon: anyJson }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
          fc
            .record(
              {
                route: anyJson,
                status: anyJson,
                drop: anyJson,
                slowMs: anyJson,
                rate: anyJson,
                count: anyJson,
              },
              { requiredKeys: [] },
            )
            .map((v) => JSON.stringify(v)),
          fc.record({ advanceMs: anyJson }).map((v) => JSON.stringify(v)),
        ),
        async (route, body) => {
          const [method = 'GET', path = ''] = route.split(' ');
          const r = await send({ method, path: `/__sandbox${path}`, headers: json, body });
          expect(r.status, r.text).toBeLessThan(500);
        },
      ),
      runs,
    );
    // Whatever was accepted is undone: the fuzzing leaves no faults, slow answers or odd config behind.
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  }, 120_000);
});

describe('inputs that once crashed the sandbox, or could', () => {
  const cases: Array<[string, Sent]> = [
    [
      'the clock advanced past any representable date',
      { method: 'POST', path: '/__sandbox/clock', headers: json, body: '{"advanceMs":1e308}' },
    ],
    [
      'a broken percent-escape in a QuickBooks path',
      { method: 'GET', path: `${COMPANY}/customer/%E0%A4%A`, headers: QBO_AUTH },
    ],
    [
      'a broken percent-escape in a QuickBooks query',
      { method: 'GET', path: `${COMPANY}/query?query=%E0%A4%A`, headers: QBO_AUTH },
    ],
    [
      'a broken percent-escape in a Karbon key',
      { method: 'GET', path: '/karbon/v3/Contacts/%E0%A4%A', headers: KARBON_AUTH },
    ],
    [
      'a broken percent-escape in a Karbon filter',
      { method: 'GET', path: '/karbon/v3/Contacts?$filter=%E0%A4%A', headers: KARBON_AUTH },
    ],
    [
      'a broken percent-escape in an identifier lookup',
      {
        method: 'GET',
        path: "/karbon/v3/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='%E0%A4%A')",
        headers: KARBON_AUTH,
      },
    ],
    [
      'a broken percent-escape in a token form',
      {
        method: 'POST',
        path: '/intuit/oauth2/v1/tokens/bearer',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: BASIC },
        body: 'grant_type=%E0%A4%A',
      },
    ],
    [
      'a broken percent-escape in the authorize query',
      { method: 'GET', path: '/intuit/connect/oauth2?client_id=%E0%A4%A' },
    ],
    [
      'a repeated OData option',
      { method: 'GET', path: '/karbon/v3/Contacts?$top=1&$top=2', headers: KARBON_AUTH },
    ],
    [
      'a QuickBooks write without Accept',
      {
        method: 'POST',
        path: `${COMPANY}/customer`,
        headers: { authorization: QBO_AUTH.authorization, ...json },
        body: '{',
      },
    ],
    [
      'a QuickBooks write with Content-Type charset',
      {
        method: 'POST',
        path: `${COMPANY}/customer`,
        headers: { ...QBO_AUTH, 'content-type': 'application/json; charset=utf-8' },
        body: '[]',
      },
    ],
    [
      'a Karbon write with an unknown Content-Type',
      {
        method: 'POST',
        path: '/karbon/v3/Contacts',
        headers: { ...KARBON_AUTH, 'content-type': 'text/csv' },
        body: 'a,b',
      },
    ],
    [
      'a card key in another record’s card list',
      {
        method: 'PUT',
        path: `/karbon/v3/Organizations/KEY`,
        headers: { ...KARBON_AUTH, ...json },
        body: '{"FullName":"x","BusinessCards":[{"BusinessCardKey":"nope"}]}',
      },
    ],
  ];
  it.each(cases)('%s → a service error, not a crash', async (_name, request) => {
    const r = await send({ ...request, path: request.path.replace('KEY', organizationKey) });
    expect(r.status).toBeGreaterThanOrEqual(200);
    expect(r.status).toBeLessThan(500);
  });
});

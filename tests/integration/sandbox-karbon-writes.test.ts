// Karbon writes over real HTTP: POST (201, Location, keys), field rules, UserDefinedIdentifier
// uniqueness and lookup, PUT's card semantics, PATCH, PUT of one business card, the sandbox
// clock in LastModifiedDateTime, 409 races, RestrictionLevel permissions and the state format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KarbonClient, type KarbonSandbox, startKarbonSandbox } from './sandbox-karbon-helpers';

type Rec = Record<string, unknown> & { BusinessCards?: Card[] };
interface Card {
  BusinessCardKey: string;
  IsPrimaryCard: boolean;
  EmailAddresses: string[];
  PhoneNumbers: { PhoneNumberKey: string; Number: string; Label?: string }[];
  Addresses: { AddressKey: string }[];
  [k: string]: unknown;
}

let sandbox: KarbonSandbox['sandbox'];
let call: KarbonClient;
let base = '';
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const sandboxNow = async (): Promise<number> =>
  Date.parse(((await (await control('GET', '/clock')).json()) as { now: string }).now);
const error = (v: unknown) => (v as { error: { code: string; message: string } }).error;
const rec = (v: unknown): Rec => v as Rec;
const cardsOf = (v: unknown): Card[] => rec(v).BusinessCards ?? [];

const person = (extra: Record<string, unknown> = {}) => ({
  FirstName: 'Wanda',
  MiddleName: 'J',
  LastName: 'Writetest',
  ContactType: 'Client',
  BusinessCards: [
    {
      EmailAddresses: ['wanda@writetest.example', 'w.writetest@gmail.com'],
      PhoneNumbers: [
        { Number: '503-555-0100', CountryCode: 'US', Label: 'Work' },
        { Number: '503-555-0101', CountryCode: 'US', Label: 'Mobile' },
      ],
      Addresses: [
        {
          AddressLines: '12 Alder St\nSuite 4',
          City: 'Portland',
          StateProvinceCounty: 'OR',
          ZipCode: '97205',
          CountryCode: 'US',
          Label: 'Mailing',
        },
      ],
    },
  ],
  ...extra,
});

beforeAll(async () => {
  ({ sandbox, call, base } = await startKarbonSandbox());
});
afterAll(async () => {
  await sandbox.close();
});

describe('Karbon create', () => {
  it('answers 201 with the full record, generated keys and a followable Location', async () => {
    await control('POST', '/clock', { advanceMs: 3_600_000 });
    const now = await sandboxNow();
    const res = await call('POST', '/Contacts', person({ UserDefinedIdentifier: 'QBO-9001' }));
    expect(res.status).toBe(201);
    const key = String(rec(res.body).ContactKey);
    expect(key).toMatch(/^[0-9A-Za-z]{12}$/);
    const [card] = cardsOf(res.body);
    expect(card?.BusinessCardKey).toMatch(/^[0-9A-Za-z]{12}$/);
    expect(card?.IsPrimaryCard).toBe(true);
    expect(card?.PhoneNumbers[0]?.PhoneNumberKey).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const stamped = Date.parse(String(rec(res.body).LastModifiedDateTime));
    expect(stamped).toBeGreaterThanOrEqual(now);
    expect(stamped).toBeLessThanOrEqual(await sandboxNow());
    const location = res.headers.get('location') ?? '';
    expect(location).toBe(`${base}/Contacts('${key}')/KarbonService.ContactDTO`);
    const followed = await call('GET', location);
    expect(rec(followed.body).ContactKey).toBe(key);
    expect(followed.body).not.toHaveProperty('BusinessCards');
  });

  it('refuses what Karbon refuses, and creates nothing then', async () => {
    const count = async () =>
      ((await call('GET', '/Contacts?$top=0')).body as { '@odata.count': number })['@odata.count'];
    const before = await count();
    const card = (patch: Record<string, unknown>) =>
      person({ BusinessCards: [{ ...person().BusinessCards[0], ...patch }] });
    const cases: [unknown, number, string, string][] = [
      ['', 400, '4005', 'Required payload data is missing: Contact'],
      [{ FirstName: 'Only' }, 400, '4005', 'Required payload data is missing: LastName'],
      [person({ ContactType: 'Friend' }), 400, '4002', "Invalid ContactType 'Friend'"],
      [
        person({ EmailAddress: 'top@level.example' }),
        400,
        '4002',
        "The property 'EmailAddress' does not exist",
      ],
      [person({ RestrictionLevel: 'Hidden' }), 403, '4021', 'permission to set RestrictionLevel to Hidden'],
      [card({ PhoneNumbers: [{ Number: '+1 503 555 0100 ext 12' }] }), 400, '4002', "maximum length of '20'"],
      [card({ Addresses: [{ AddressLines: 'x'.repeat(201) }] }), 400, '4002', "maximum length of '200'"],
      [card({ Addresses: [{ City: 'c'.repeat(101) }] }), 400, '4002', "maximum length of '100'"],
      [card({ Addresses: [{ ZipCode: '9'.repeat(21) }] }), 400, '4002', "maximum length of '20'"],
      [card({ Addresses: [{ CountryCode: 'USA' }] }), 400, '4002', 'ISO 3166-1 alpha-2'],
      [card({ Addresses: [{ City: 'Portland', Label: 'Billing' }] }), 400, '4002', "Invalid value 'Billing'"],
      [card({ PhoneNumbers: [{ Number: '1', Label: 'Cell' }] }), 400, '4002', "Invalid value 'Cell'"],
      [card({ EmailAddresses: ['a@x.example, b@y.example'] }), 400, '4002', 'is not a valid email address'],
      [
        card({ OrganizationKey: 'NoSuchOrg123' }),
        400,
        '4002',
        'No organization exists with a key of NoSuchOrg123.',
      ],
    ];
    for (const [body, status, code, message] of cases) {
      const res = await call('POST', '/Contacts', body);
      expect(res.status, message).toBe(status);
      expect(error(res.body).code, message).toBe(code);
      expect(error(res.body).message, message).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('keeps UserDefinedIdentifier unique per tenant (500 code 5001) and finds it case-insensitively', async () => {
    const created = await call('POST', '/Organizations', {
      FullName: 'Udi Test Partners LLP',
      UserDefinedIdentifier: 'QBO-77',
    });
    expect(created.status).toBe(201);
    const key = rec(created.body).OrganizationKey;
    for (const [path, body] of [
      ['/Organizations', { FullName: 'Another', UserDefinedIdentifier: 'qbo-77' }],
      ['/Contacts', person({ UserDefinedIdentifier: 'QBO-77' })],
    ] as const) {
      const dup = await call('POST', path, body);
      expect(dup.status).toBe(500);
      expect(dup.body).toEqual({
        error: { code: '5001', message: 'User defined identifier already in use' },
      });
    }
    for (const form of ['', 'KarbonService.']) {
      const found = await call(
        'GET',
        `/Organizations/${form}GetOrganizationByUserDefinedIdentifier(UserDefinedIdentifier='Qbo-77')?$expand=BusinessCards`,
      );
      expect(rec(found.body).OrganizationKey).toBe(key);
      expect(found.body).toHaveProperty('BusinessCards');
    }
    const asContact = await call(
      'GET',
      "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='QBO-77')",
    );
    expect(asContact.status).toBe(404);
    expect(error(asContact.body)).toEqual({
      code: '4004',
      message: 'No Contact found for provided UserDefinedIdentifer',
    });
  });
});

describe('Karbon updates', () => {
  it('PUT without BusinessCards keeps the cards; scalars left out are cleared, RestrictionLevel kept; the clock stamps it', async () => {
    const created = await call('POST', '/Contacts', person());
    const key = String(rec(created.body).ContactKey);
    await control('POST', '/clock', { advanceMs: 90_000 });
    const before = await sandboxNow();
    const res = await call('PUT', `/Contacts/${key}`, {
      FirstName: 'Wanda',
      LastName: 'Writetest',
      ContactType: 'Prospect',
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const after = await call('GET', `/Contacts/${key}?$expand=BusinessCards`);
    expect(cardsOf(after.body)).toEqual(cardsOf(created.body));
    expect(after.body).not.toHaveProperty('MiddleName');
    expect(rec(after.body).RestrictionLevel).toBe('Public');
    expect(rec(after.body).ContactType).toBe('Prospect');
    const stamped = Date.parse(String(rec(after.body).LastModifiedDateTime));
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThan(before + 60_000);
  });

  it('PUT with BusinessCards replaces the set: echoed keys stay, new entries get keys, left-out cards go', async () => {
    const created = await call(
      'POST',
      '/Contacts',
      person({ BusinessCards: [...person().BusinessCards, { EmailAddresses: ['second@card.example'] }] }),
    );
    const key = String(rec(created.body).ContactKey);
    const [primary, second] = cardsOf(created.body);
    if (!primary || !second) throw new Error('two cards expected');
    const kept = {
      ...primary,
      PhoneNumbers: [primary.PhoneNumbers[0], { Number: '503-555-0177', Label: 'Fax' }],
    };
    const res = await call('PUT', `/Contacts/${key}?$expand=BusinessCards`, {
      FirstName: 'Wanda',
      LastName: 'Writetest',
      BusinessCards: [kept, { EmailAddresses: ['third@card.example'] }],
    });
    expect(res.status).toBe(204);
    const cards = cardsOf((await call('GET', `/Contacts/${key}?$expand=BusinessCards`)).body);
    expect(cards).toHaveLength(2);
    expect(cards[0]?.BusinessCardKey).toBe(primary.BusinessCardKey);
    expect(cards[0]?.IsPrimaryCard).toBe(true);
    expect(cards[0]?.PhoneNumbers[0]?.PhoneNumberKey).toBe(primary.PhoneNumbers[0]?.PhoneNumberKey);
    expect(cards[0]?.PhoneNumbers[1]?.PhoneNumberKey).not.toBe(primary.PhoneNumbers[1]?.PhoneNumberKey);
    expect(cards[1]?.BusinessCardKey).not.toBe(second.BusinessCardKey);
    expect((await call('GET', `/BusinessCards/${second.BusinessCardKey}`)).status).toBe(404);
    const stolen = await call('PUT', `/Contacts/${key}`, {
      FirstName: 'W',
      LastName: 'X',
      BusinessCards: [{ BusinessCardKey: 'NotThisCard1' }],
    });
    expect(error(stolen.body)).toEqual({
      code: '4002',
      message: 'Invalid businessCardPermaKey NotThisCard1',
    });
  });

  it('PATCH takes the name fields and RestrictionLevel only', async () => {
    const key = String(rec((await call('POST', '/Contacts', person())).body).ContactKey);
    const shown = await call(
      'PATCH',
      `/Contacts/${key}`,
      { FirstName: 'Wendy', Suffix: 'Jr.' },
      { Prefer: 'return=representation' },
    );
    expect(shown.status).toBe(200);
    expect(rec(shown.body)).toMatchObject({ FirstName: 'Wendy', Suffix: 'Jr.', AccountingDetail: null });
    expect(shown.body).not.toHaveProperty('BusinessCards');
    const quiet = await call('PATCH', `/Contacts/${key}`, { PreferredName: 'Wen' });
    expect(quiet.status).toBe(204);
    expect(rec((await call('GET', `/Contacts/${key}`)).body).PreferredName).toBe('Wen');
    const refused = await call('PATCH', `/Contacts/${key}`, { ContactType: 'Client' });
    expect(refused.status).toBe(400);
    expect(error(refused.body)).toEqual({
      code: '4002',
      message:
        'Invalid property to update. Only FirstName,MiddleName,LastName,PreferredName,Salutation,Suffix can be patched.',
    });
    const org = String(
      rec((await call('POST', '/Organizations', { FullName: 'Patchable Co' })).body).OrganizationKey,
    );
    const orgRefused = await call('PATCH', `/Organizations/${org}`, { UserDefinedIdentifier: 'x' });
    expect(error(orgRefused.body).message).toBe('Invalid property to update. Only FullName can be patched.');
  });

  it('PUT of one business card replaces it whole and stamps its owner', async () => {
    const created = await call('POST', '/Organizations', {
      FullName: 'Card Replace Ltd',
      BusinessCards: [
        {
          EmailAddresses: ['a@cardreplace.example'],
          WebSites: ['cardreplace.example'],
          FacebookLink: 'facebook.com/cr',
        },
      ],
    });
    const org = rec(created.body);
    const [card] = cardsOf(created.body);
    if (!card) throw new Error('card expected');
    await control('POST', '/clock', { advanceMs: 120_000 });
    const res = await call('PUT', `/BusinessCards/${card.BusinessCardKey}`, {
      BusinessCardKey: card.BusinessCardKey,
      EntityType: 'Organization',
      EntityKey: org.OrganizationKey,
      IsPrimaryCard: false,
      EmailAddresses: ['b@cardreplace.example'],
    });
    expect(res.status).toBe(204);
    const got = rec((await call('GET', `/BusinessCards/${card.BusinessCardKey}`)).body);
    expect(got).toMatchObject({
      EmailAddresses: ['b@cardreplace.example'],
      WebSites: [],
      IsPrimaryCard: true,
    });
    expect(got).not.toHaveProperty('FacebookLink');
    const owner = rec((await call('GET', `/Organizations/${String(org.OrganizationKey)}`)).body);
    expect(Date.parse(String(owner.LastModifiedDateTime))).toBeGreaterThan(
      Date.parse(String(org.LastModifiedDateTime)),
    );
    for (const body of [
      { BusinessCardKey: card.BusinessCardKey, EntityType: 'Contact' },
      { BusinessCardKey: 'SomeOtherKey' },
      { BusinessCardKey: card.BusinessCardKey, OrganizationKey: String(org.OrganizationKey) },
    ]) {
      expect((await call('PUT', `/BusinessCards/${card.BusinessCardKey}`, body)).status).toBe(400);
    }
  });
});

describe('Karbon races, permissions and state', () => {
  it('two overlapping writes to one record: the later commit gets 409 code 4020', async () => {
    const put = (body: unknown) => control('PUT', '/config', body);
    const a = String(rec((await call('POST', '/Contacts', person())).body).ContactKey);
    const b = String(rec((await call('POST', '/Contacts', person())).body).ContactKey);
    await put({ karbonRules: { writeMs: 150 } });
    try {
      const same = await Promise.all([
        call('PATCH', `/Contacts/${a}`, { FirstName: 'One' }),
        call('PUT', `/Contacts/${a}`, { FirstName: 'Two', LastName: 'Writetest' }),
      ]);
      expect(same.map((r) => r.status).sort()).toEqual([204, 409]);
      expect(same.find((r) => r.status === 409)?.body).toEqual({
        error: {
          code: '4020',
          message: 'The resource was modified by another request. Refetch the latest version and retry.',
        },
      });
      const different = await Promise.all([
        call('PATCH', `/Contacts/${a}`, { FirstName: 'Three' }),
        call('PATCH', `/Contacts/${b}`, { FirstName: 'Four' }),
      ]);
      expect(different.map((r) => r.status)).toEqual([204, 204]);
    } finally {
      await put({ karbonRules: { writeMs: 0 } });
    }
    await control('POST', '/faults', { route: 'PUT /karbon/v3/Contacts/{key}', status: 409, count: 1 });
    expect((await call('PUT', `/Contacts/${a}`, { FirstName: 'Five', LastName: 'Writetest' })).status).toBe(
      409,
    );
    expect((await call('PUT', `/Contacts/${a}`, { FirstName: 'Five', LastName: 'Writetest' })).status).toBe(
      204,
    );
  });

  it('Private records exist only for an application allowed to see them', async () => {
    await control('PUT', '/config', { karbonRules: { includePrivate: true } });
    const created = await call(
      'POST',
      '/Contacts',
      person({ RestrictionLevel: 'Private', UserDefinedIdentifier: 'PRIV-1' }),
    );
    expect(created.status).toBe(201);
    const key = String(rec(created.body).ContactKey);
    await control('PUT', '/config', { karbonRules: { includePrivate: false } });
    expect((await call('GET', `/Contacts/${key}`)).status).toBe(404);
    expect(
      (await call('GET', "/Contacts/GetContactByUserDefinedIdentifier(UserDefinedIdentifier='PRIV-1')"))
        .status,
    ).toBe(404);
    const listed = await call('GET', "/Contacts?$filter=FullName eq 'Wanda J Writetest'");
    expect(JSON.stringify(listed.body)).not.toContain(key);
  });

  it('the control API round-trips the Karbon state and fills what the server would', async () => {
    const state = (await (await control('GET', '/state')).json()) as {
      qbo: unknown;
      karbon: { Contacts: Rec[] };
    };
    expect((await control('PUT', '/state', state)).status).toBe(200);
    expect(await (await control('GET', '/state')).json()).toEqual(state);
    const minimal = {
      karbon: {
        ContactTypes: ['Client'],
        Contacts: [
          { FirstName: 'Seed', LastName: 'Person', BusinessCards: [{ EmailAddresses: ['seed@x.example'] }] },
        ],
      },
    };
    expect((await control('PUT', '/state', minimal)).status).toBe(200);
    const filled =
      ((await (await control('GET', '/state')).json()) as { karbon: { Contacts: Rec[] } }).karbon
        .Contacts[0] ?? {};
    expect(filled).toMatchObject({
      RestrictionLevel: 'Public',
      ContactKey: expect.stringMatching(/^[0-9A-Za-z]{12}$/),
    });
    expect(cardsOf(filled)[0]).toMatchObject({
      IsPrimaryCard: true,
      EntityType: 'Contact',
      EntityKey: filled.ContactKey,
    });
    const bad = await control('PUT', '/state', {
      karbon: {
        Contacts: [
          { FirstName: 'A', LastName: 'B', BusinessCards: [{ PhoneNumbers: [{ Number: '1'.repeat(25) }] }] },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('PhoneNumbers');
    const counted = (await (await control('GET', '/requests')).json()) as { byRoute: Record<string, number> };
    expect(counted.byRoute['GET /karbon/v3/Contacts/{key}']).toBeGreaterThan(0);
    expect(counted.byRoute['PUT /karbon/v3/BusinessCards/{key}']).toBeGreaterThan(0);
  });
});

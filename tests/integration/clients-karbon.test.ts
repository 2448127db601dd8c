// KarbonPort over real HTTP against the sandbox: every method, paging, creates that must not
// duplicate, GET-change-PUT that keeps what the engine does not own, 409s, 429s and limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeContact } from '../../lib/contact';
import { AuthError, ConflictError, RateLimitedError } from '../../lib/errors';
import { createKarbonPort } from '../../lib/karbon/port';
import { FAST_RETRY, janeDoe, karbonCards, karbonFor, openSandbox, type Sandbox } from './clients-sandbox';

let sb: Sandbox;

beforeAll(async () => {
  sb = await openSandbox();
});
afterAll(async () => {
  await sb?.close();
});

const JANE = janeDoe({
  PhoneNumbers: [
    { Number: '02 5550 0001', Label: 'Work', CountryCode: 'AU' },
    { Number: '0400 000 001', Label: 'Mobile' },
    { Number: '02 5550 0009', Label: 'Home' },
  ],
  Addresses: [
    {
      AddressLines: '1 Harbour St',
      City: 'Sydney',
      StateProvinceCounty: 'NSW',
      ZipCode: '2000',
      CountryCode: 'AU',
      Label: 'Physical',
    },
    { AddressLines: '9 Legal Lane', City: 'Sydney', CountryCode: 'AU', Label: 'Legal' },
  ],
});

const BOB = {
  ContactKey: 'bob000000001',
  FirstName: 'Bob',
  LastName: 'Smith',
  ContactType: 'Prospect',
  UserDefinedIdentifier: 'qbo-7',
  ExternalKey: '42',
  LastModifiedDateTime: '2026-02-01T00:00:00Z',
  BusinessCards: [],
};

const ACME = {
  OrganizationKey: 'acme00000001',
  FullName: 'Acme Pty Ltd',
  ContactType: 'Client',
  UserDefinedIdentifier: 'qbo-org-1',
  ExternalKey: '42',
  LastModifiedDateTime: '2026-01-20T00:00:00Z',
  BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: ['office@acme.example'] }],
};

function filler(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    FirstName: 'Filler',
    LastName: `Person${i}`,
    ContactType: 'Client',
    LastModifiedDateTime: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    BusinessCards: [],
  }));
}

function tenant(extra: { Contacts?: unknown[] } = {}) {
  return {
    karbon: {
      ContactTypes: [
        { Name: 'Client', ContactTypeKey: 'ctclient0001' },
        { Name: 'Prospect', ContactTypeKey: 'ctprospect01' },
        { Name: 'Supplier', ContactTypeKey: 'ctsupplier01' },
      ],
      Contacts: [JANE, BOB, ...(extra.Contacts ?? [])],
      Organizations: [ACME],
    },
  };
}

const StateSchema = z.object({
  karbon: z.object({
    Contacts: z.array(
      z.looseObject({ ContactKey: z.string(), UserDefinedIdentifier: z.string().optional() }),
    ),
    Organizations: z.array(z.looseObject({ OrganizationKey: z.string() })),
  }),
});

async function contactsInState() {
  return StateSchema.parse(await sb.state()).karbon.Contacts;
}

/** The keys of the contacts the sandbox holds with this UserDefinedIdentifier: one, for a create sent once. */
async function keysWithIdentifier(identifier: string): Promise<string[]> {
  return (await contactsInState())
    .filter((c) => c.UserDefinedIdentifier === identifier)
    .map((c) => c.ContactKey);
}

beforeEach(async () => {
  await sb.reset(tenant({ Contacts: filler(150) }));
});

describe('listing', () => {
  it('oldest first: every row over two pages, in LastModifiedDateTime order', async () => {
    const { port } = karbonFor(sb);
    const rows = await port.listSummaries('contact');
    expect(rows).toHaveLength(152);
    expect(new Set(rows.map((r) => r.key)).size).toBe(152);
    expect(rows.map((r) => r.lastModified)).toEqual([...rows.map((r) => r.lastModified)].sort());
    expect(rows.at(-1)).toMatchObject({
      key: 'bob000000001',
      fullName: 'Bob Smith',
      contactType: 'Prospect',
      userDefinedIdentifier: 'qbo-7',
    });
    expect(await sb.routeCount('GET /karbon/v3/Contacts')).toBe(2);
  });

  it('newest first stops at the high-water mark after one page', async () => {
    const { port } = karbonFor(sb);
    const rows = await port.listSummaries('contact', {
      newestFirst: true,
      stopBefore: '2025-12-01T00:00:00Z',
    });
    expect(rows.map((r) => r.key)).toEqual(['bob000000001', 'jane00000001']);
    expect(await sb.routeCount('GET /karbon/v3/Contacts')).toBe(1);
  });

  it('organizations are listed with their own kind and key', async () => {
    const { port } = karbonFor(sb);
    expect(await port.listSummaries('organization')).toEqual([
      expect.objectContaining({
        kind: 'organization',
        key: 'acme00000001',
        fullName: 'Acme Pty Ltd',
        email: 'office@acme.example',
      }),
    ]);
  });

  it('a record Karbon’s own integration linked is found by its ExternalKey', async () => {
    const { port } = karbonFor(sb);
    expect((await port.findByExternalKey('contact', '42')).map((r) => r.key)).toEqual(['bob000000001']);
    expect((await port.findByExternalKey('organization', '42')).map((r) => r.key)).toEqual(['acme00000001']);
    expect(await port.findByExternalKey('contact', "4'2")).toEqual([]);
  });
});

describe('reading records', () => {
  it('a full record maps its primary card into the canonical contact', async () => {
    const { port } = karbonFor(sb);
    const jane = await port.getRecord('contact', 'jane00000001');
    expect(jane?.contact.fields).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@doe.example',
      phoneWork: '02 5550 0001',
      phoneMobile: '0400 000 001',
      phoneOther: '02 5550 0009',
      physicalLines: '1 Harbour St',
      physicalCountry: 'AU',
      mailingLines: '',
    });
    expect(jane?.contact.contactType).toBe('Client');
  });

  it('an unknown key → null', async () => {
    const { port } = karbonFor(sb);
    expect(await port.getRecord('contact', 'nosuchkey000')).toBeNull();
    expect(await port.findByUserDefinedIdentifier('organization', "no-such'udi")).toBeNull();
  });

  it('contact types and tenant name come from one TenantSettings request', async () => {
    const { port } = karbonFor(sb);
    expect(await port.contactTypes()).toEqual(['Client', 'Prospect', 'Supplier']);
    expect(await port.tenantName()).toBe(sb.creds.karbon.tenantName);
    expect(await sb.routeCount('TenantSettings')).toBe(1);
  });
});

describe('creating records', () => {
  it('a person with a card, found again by its UserDefinedIdentifier', async () => {
    const { port } = karbonFor(sb);
    const contact = makeContact(
      'person',
      {
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@lee.example',
        phoneMobile: '0400 123',
        mailingLines: 'PO Box 5',
        mailingCountry: 'New Zealand',
      },
      'Client',
    );
    const created = await port.createRecord('contact', contact, 'qbo-100');
    expect(created.contact.fields).toMatchObject({
      firstName: 'Ann',
      email: 'ann@lee.example',
      phoneMobile: '0400 123',
      mailingCountry: 'NZ',
    });
    expect((await port.findByUserDefinedIdentifier('contact', 'qbo-100'))?.key).toBe(created.key);
  });

  it('an organization', async () => {
    const { port } = karbonFor(sb);
    const created = await port.createRecord(
      'organization',
      makeContact('organization', { organizationName: 'Zed Ltd' }, 'Client'),
      'qbo-200',
    );
    expect(created).toMatchObject({ kind: 'organization', userDefinedIdentifier: 'qbo-200' });
    expect(created.contact.fields.organizationName).toBe('Zed Ltd');
  });

  it('a UserDefinedIdentifier already in use (500, 5001) → the existing record, nothing new', async () => {
    const { port } = karbonFor(sb);
    const before = (await contactsInState()).length;
    const got = await port.createRecord(
      'contact',
      makeContact('person', { firstName: 'Bob', lastName: 'Smith' }, 'Client'),
      'qbo-7',
    );
    expect(got.key).toBe('bob000000001');
    expect((await contactsInState()).length).toBe(before);
  });

  it('a create whose answer is lost is looked up before it is sent again: one record, one POST', async () => {
    // The POST commits after 2 s; the client gives up at 1.5 s and looks it up; that lookup is
    // answered at about 2.5 s, after the commit, so it finds the record instead of creating again.
    await sb.fault({ route: 'POST /karbon/v3/Contacts', slowMs: 2000, count: 1 });
    await sb.fault({ route: 'GetContactByUserDefinedIdentifier', slowMs: 1000, count: 1 });
    const { port } = karbonFor(sb, { timeoutMs: 1500 });
    const created = await port.createRecord(
      'contact',
      makeContact('person', { firstName: 'Lost', lastName: 'Answer' }, 'Client'),
      'qbo-300',
    );
    expect(await keysWithIdentifier('qbo-300')).toEqual([created.key]);
    expect(await sb.routeCount('POST /karbon/v3/Contacts')).toBe(1);
  });

  it('a dropped create is looked up, then sent again: one record', async () => {
    await sb.fault({ route: 'POST /karbon/v3/Contacts', drop: true, count: 1 });
    const { port } = karbonFor(sb);
    await port.createRecord(
      'contact',
      makeContact('person', { firstName: 'Drop', lastName: 'Ped' }, 'Client'),
      'qbo-400',
    );
    expect(await keysWithIdentifier('qbo-400')).toHaveLength(1);
    expect(await sb.routeCount('GetContactByUserDefinedIdentifier')).toBe(1);
  });

  it('a create whose answer arrives cut off (the record was made) returns the record found by its identifier', async () => {
    await sb.fault({ route: 'POST /karbon/v3/Contacts', malformed: 'truncated', count: 1 });
    const { port } = karbonFor(sb);
    const created = await port.createRecord(
      'contact',
      makeContact('person', { firstName: 'Cut', lastName: 'Off' }, 'Client'),
      'qbo-450',
    );
    expect(await keysWithIdentifier('qbo-450')).toEqual([created.key]);
    expect(created.contact.fields.lastName).toBe('Off');
    expect(await sb.routeCount('POST /karbon/v3/Contacts')).toBe(1);
  });

  it('a value Karbon cannot hold is refused before any request', async () => {
    const { port, counter } = karbonFor(sb);
    const contact = makeContact(
      'person',
      { firstName: 'A', lastName: 'B', physicalCountry: 'Narnia' },
      'Client',
    );
    await expect(port.createRecord('contact', contact, 'qbo-500')).rejects.toMatchObject({
      element: 'physicalCountry',
    });
    expect(counter.snapshot().karbon).toBe(0);
  });
});

describe('updating records', () => {
  it('changes the engine’s fields on the primary card and keeps every other card, phone, address and key', async () => {
    const { port } = karbonFor(sb);
    const updated = await port.updateRecord('contact', 'jane00000001', {
      email: 'jane@new.example',
      phoneWork: '02 5550 7777',
      physicalCity: 'Parramatta',
      mailingLines: 'PO Box 77',
      contactType: 'Prospect',
    });
    expect(updated.contact.fields).toMatchObject({
      email: 'jane@new.example',
      phoneWork: '02 5550 7777',
      physicalCity: 'Parramatta',
    });
    const jane = await port.getRecord('contact', 'jane00000001');
    expect(jane?.contact.fields).toMatchObject({
      firstName: 'Jane',
      email: 'jane@new.example',
      phoneWork: '02 5550 7777',
      phoneMobile: '0400 000 001',
      phoneOther: '02 5550 0009',
      physicalLines: '1 Harbour St',
      physicalCity: 'Parramatta',
      physicalPostalCode: '2000',
      mailingLines: 'PO Box 77',
    });
    expect(jane?.contact.contactType).toBe('Prospect');
    const cards = await karbonCards(sb, 'jane00000001');
    expect(cards.map((c) => c.BusinessCardKey)).toEqual(['janecard0001', 'janecard0002']);
    expect(cards[1]?.EmailAddresses).toEqual(['jane@work.example']);
    expect(cards[0]?.WebSites).toEqual(['doe.example']);
    expect(cards[0]?.PhoneNumbers?.[0]?.CountryCode).toBe('AU');
    expect(cards[0]?.Addresses?.map((a) => a.Label)).toEqual(['Physical', 'Legal', 'Mailing']);
  });

  it('keeps the phone keys of phones it changed', async () => {
    const { port } = karbonFor(sb);
    const keysOf = async () =>
      (await karbonCards(sb, 'jane00000001'))[0]?.PhoneNumbers?.map((p) => p.PhoneNumberKey);
    const before = await keysOf();
    await port.updateRecord('contact', 'jane00000001', { phoneWork: '02 1111 2222' });
    expect(await keysOf()).toEqual(before);
  });

  it('an organization’s name and a first card for a record without one', async () => {
    const { port } = karbonFor(sb);
    await port.updateRecord('organization', 'acme00000001', { organizationName: 'Acme Group Pty Ltd' });
    await port.updateRecord('contact', 'bob000000001', { email: 'bob@smith.example' });
    expect((await port.getRecord('organization', 'acme00000001'))?.contact.fields.organizationName).toBe(
      'Acme Group Pty Ltd',
    );
    expect((await port.getRecord('contact', 'bob000000001'))?.contact.fields.email).toBe('bob@smith.example');
  });

  it('409 (4020) → re-read and retried; after too many → ConflictError', async () => {
    await sb.fault({ route: 'PUT /karbon/v3/Contacts', status: 409, count: 2 });
    const { port } = karbonFor(sb);
    await port.updateRecord('contact', 'jane00000001', { phoneMobile: '0400 999 999' });
    expect(await sb.routeCount('PUT /karbon/v3/Contacts')).toBe(3);
    expect((await port.getRecord('contact', 'jane00000001'))?.contact.fields.phoneMobile).toBe(
      '0400 999 999',
    );
    await sb.fault({ route: 'PUT /karbon/v3/Contacts', status: 409, count: 10 });
    await expect(port.updateRecord('contact', 'jane00000001', { phoneMobile: '1' })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('faults, credentials and limits', () => {
  it('429 with Retry-After: waits that long, then succeeds', async () => {
    await sb.control('PUT', '/config', { timeScale: 10 });
    try {
      await sb.fault({ route: '/karbon', status: 429, count: 1 });
      const { port } = karbonFor(sb);
      const started = Date.now();
      expect((await port.getRecord('contact', 'bob000000001'))?.key).toBe('bob000000001');
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    } finally {
      await sb.control('PUT', '/config', { timeScale: 1 });
    }
  });

  it('a rejected key → AuthError for Karbon, the key not in the message', async () => {
    const port = createKarbonPort({
      baseUrl: sb.creds.urls.karbon,
      bearerToken: sb.creds.karbon.bearerToken,
      accessKey: 'wrong-key-123',
      fetch: globalThis.fetch,
      retry: FAST_RETRY,
    });
    const error = (await port.contactTypes().catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).not.toContain('wrong-key-123');
    expect(error.message).not.toContain(sb.creds.karbon.bearerToken);
  });

  it('with the sandbox’s limit configured, no request is throttled; without it, some are', async () => {
    const minute = 60_000 / 30;
    await sb.control('PUT', '/config', { timeScale: 30, limits: { karbon: { perMinute: 10 } } });
    await new Promise((r) => setTimeout(r, minute + 100));
    try {
      const paced = karbonFor(sb, {
        limits: { perMinute: 10, windowMs: minute },
        retry: { ...FAST_RETRY, rateLimitRetries: 0 },
      });
      const all = await Promise.all(
        Array.from({ length: 25 }, () => paced.port.getRecord('contact', 'bob000000001')),
      );
      expect(all.every((r) => r?.key === 'bob000000001')).toBe(true);
      expect(await sb.routeCount('GET /karbon/v3/Contacts/{key}')).toBe(25);
      const unpaced = karbonFor(sb, { retry: { ...FAST_RETRY, rateLimitRetries: 0 } });
      const results = await Promise.allSettled(
        Array.from({ length: 25 }, () => unpaced.port.getRecord('contact', 'bob000000001')),
      );
      expect(results.some((r) => r.status === 'rejected' && r.reason instanceof RateLimitedError)).toBe(true);
    } finally {
      await sb.control('PUT', '/config', { timeScale: 1, limits: { karbon: { perMinute: 120 } } });
    }
  });
});

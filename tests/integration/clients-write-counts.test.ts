// The clients' writes against the sandbox, counted by route (GET /__sandbox/requests byRoute):
// a Karbon write planned on a read costs exactly that read, the PUT and the read-back; a
// QuickBooks address change on a customer as read costs one sparse POST, no GET. And a writer
// racing ours between the read and the write still gets a 409 / 5010 handled, its value kept.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StaleObjectError } from '../../lib/errors';
import { janeDoe, karbonCards, karbonFor, openSandbox, quickBooksFor, type Sandbox } from './clients-sandbox';

let sb: Sandbox;
beforeAll(async () => {
  sb = await openSandbox();
});
afterAll(async () => {
  await sb?.close();
});

const KEY = 'jane00000001';
const JANE = janeDoe({
  PhoneNumbers: [
    { Number: '0400 000 001', Label: 'Mobile' },
    { Number: '02 5550 0009', Label: 'Home' },
  ],
  Addresses: [{ AddressLines: '9 Legal Lane', City: 'Sydney', CountryCode: 'AU', Label: 'Legal' }],
});
const ADA = {
  Id: '1',
  DisplayName: 'Ada Lovelace',
  GivenName: 'Ada',
  FamilyName: 'Lovelace',
  BillAddr: { Line1: '1 Analytical St', City: 'London', PostalCode: 'N1', Country: 'United Kingdom' },
};

beforeEach(async () => {
  await sb.control('PUT', '/config', { karbonRules: { writeMs: 0 } });
  await sb.reset({
    qbo: { realmId: sb.creds.qbo.realmId, Customer: [ADA], Vendor: [], Employee: [] },
    karbon: { Contacts: [JANE], Organizations: [] },
  });
});

async function routes(): Promise<Record<string, number>> {
  return (await sb.requests()).byRoute;
}

describe('Karbon: a write planned on a read', () => {
  it('costs exactly GET (plan) + PUT + GET (read-back), and keeps every card, phone and address', async () => {
    const { port } = karbonFor(sb);
    const read = await port.getRecord('contact', KEY);
    await port.updateRecord('contact', KEY, { phoneWork: '02 5550 7777' }, { basedOn: read ?? undefined });
    const back = await port.getRecord('contact', KEY);
    expect(await routes()).toEqual({
      'GET /karbon/v3/Contacts/{key}': 2,
      'PUT /karbon/v3/Contacts/{key}': 1,
    });
    expect(back?.contact.fields).toMatchObject({
      phoneWork: '02 5550 7777',
      phoneMobile: '0400 000 001',
      phoneOther: '02 5550 0009',
      email: 'jane@doe.example',
    });
    expect(back?.lastModified).not.toBe(read?.lastModified);
    const cards = await karbonCards(sb, KEY);
    expect(cards.map((c) => c.BusinessCardKey)).toEqual(['janecard0001', 'janecard0002']);
    expect(cards[0]?.WebSites).toEqual(['doe.example']);
    expect(cards[0]?.Addresses?.map((a) => a.Label)).toEqual(['Legal']);
    expect(cards[1]?.EmailAddresses).toEqual(['jane@work.example']);
  });

  it('another writer’s PUT racing ours (committed between our read and our commit) → 409, re-read, both values kept', async () => {
    // Karbon holds a write between its read and its commit: the later commit of two overlapping
    // writes loses with 409 (sandbox karbonRules.writeMs).
    await sb.control('PUT', '/config', { karbonRules: { writeMs: 300 } });
    const { port } = karbonFor(sb);
    const { port: person } = karbonFor(sb);
    const read = await port.getRecord('contact', KEY);
    const theirs = person.updateRecord('contact', KEY, { phoneMobile: '0400 999 999' });
    await until(async () => ((await routes())['PUT /karbon/v3/Contacts/{key}'] ?? 0) >= 1);
    await port.updateRecord('contact', KEY, { email: 'jane@new.example' }, { basedOn: read ?? undefined });
    await theirs;
    const after = await port.getRecord('contact', KEY);
    expect(after?.contact.fields).toMatchObject({ phoneMobile: '0400 999 999', email: 'jane@new.example' });
    // Ours: read, PUT (409), re-read, PUT, read-back; theirs: GET, PUT.
    expect(await routes()).toEqual({
      'GET /karbon/v3/Contacts/{key}': 4,
      'PUT /karbon/v3/Contacts/{key}': 3,
    });
  });
});

describe('QuickBooks: an address change on the customer as read', () => {
  it('is one sparse POST with no GET before it; the address keeps its Id and other parts', async () => {
    const { port } = quickBooksFor(sb);
    const [ada] = await port.listCustomers({ includeInactive: true });
    if (!ada) throw new Error('no customer');
    const idBefore = await billAddrId();
    await sb.control('DELETE', '/requests');
    const after = await port.updateCustomer(
      ada.id,
      ada.syncToken,
      { mailingCity: 'Cambridge' },
      { requestId: 'addr-1', kind: 'person', basedOn: ada },
    );
    expect(await routes()).toEqual({ 'POST /qbo/v3/company/{realmId}/customer': 1 });
    expect(after.contact.fields).toMatchObject({
      mailingLines: '1 Analytical St',
      mailingCity: 'Cambridge',
      mailingPostalCode: 'N1',
      mailingCountry: 'United Kingdom',
    });
    expect(await billAddrId()).toBe(idBefore);
  });

  it('another writer’s save between our read and our POST → 5010 (StaleObjectError), their value kept, nothing of ours written', async () => {
    const { port } = quickBooksFor(sb);
    const { port: person } = quickBooksFor(sb);
    const [ada] = await port.listCustomers({ includeInactive: true });
    if (!ada) throw new Error('no customer');
    const theirs = await person.getCustomer(ada.id);
    await person.updateCustomer(
      ada.id,
      theirs.syncToken,
      { mailingPostalCode: 'EC1' },
      {
        requestId: 'theirs-1',
        kind: 'person',
        basedOn: theirs,
      },
    );
    await sb.control('DELETE', '/requests');
    await expect(
      port.updateCustomer(
        ada.id,
        ada.syncToken,
        { mailingCity: 'Cambridge' },
        {
          requestId: 'ours-1',
          kind: 'person',
          basedOn: ada,
        },
      ),
    ).rejects.toBeInstanceOf(StaleObjectError);
    expect(await routes()).toEqual({ 'POST /qbo/v3/company/{realmId}/customer': 1 });
    const now = await port.getCustomer(ada.id);
    expect(now.contact.fields).toMatchObject({ mailingPostalCode: 'EC1', mailingCity: 'London' });
  });
});

async function billAddrId(): Promise<string | undefined> {
  const state = z
    .object({
      qbo: z.object({
        Customer: z.array(z.looseObject({ Id: z.string(), BillAddr: z.looseObject({ Id: z.string() }) })),
      }),
    })
    .parse(await sb.state());
  return state.qbo.Customer.find((c) => c.Id === '1')?.BillAddr.Id;
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

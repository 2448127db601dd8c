// What the engine's writes cost, against the sandbox, counted by route (GET /__sandbox/requests
// byRoute): a Karbon write is the pair's read + PUT + read-back (no GET of the port's own in
// between); a QuickBooks address change is one sparse POST with no GET before it. And a person
// saving the same record while the engine writes it loses nothing: Karbon's 409 and QuickBooks'
// 5010 are handled, the person's value kept.
import { describe, expect, it } from 'vitest';
import { contact, contactWithCard, type Firm, person } from './engine-firm';
import { sandboxForThisFile, withMethod } from './engine-world';
import { TwoWayWorld } from './twoway-world';

const sandbox = sandboxForThisFile();

const K_RECORD = 'GET /karbon/v3/Contacts/{key}';
const K_PUT = 'PUT /karbon/v3/Contacts/{key}';
const Q_POST = 'POST /qbo/v3/company/{realmId}/customer';
const Q_GET = 'GET /qbo/v3/company/{realmId}/customer/{id}';

/** Ada lacks a work phone in Karbon and a mailing address in QuickBooks: the first link fills both. */
const firm: Firm = {
  customers: [
    person('1', 'Ada', 'Lovelace', 'ada@example.com', { PrimaryPhone: { FreeFormNumber: '555 0100' } }),
  ],
  contacts: [
    contactWithCard('Ada', 'Lovelace', ['ada@example.com'], {
      PhoneNumbers: [{ Number: '555 7777', Label: 'Home' }],
      Addresses: [{ AddressLines: '1 Analytical St', City: 'London', Label: 'Mailing' }],
    }),
  ],
};

/** Record-level requests only: the list pages and CDC are the reads' business, not the writes'. */
function writeRoutes(routes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(routes).filter(([r]) => [K_RECORD, K_PUT, Q_POST, Q_GET].includes(r)),
  );
}

async function karbonWriteMs(ms: number): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/config`, {
    method: 'PUT',
    body: JSON.stringify({ karbonRules: { writeMs: ms } }),
  });
  if (!res.ok) throw new Error(await res.text());
}

async function requestsOn(route: string): Promise<number> {
  const body = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
    byRoute: Record<string, number>;
  };
  return body.byRoute[route] ?? 0;
}

describe('the engine’s writes, by route', () => {
  it('a first link filling both sides: Karbon GET (plan) + PUT + GET (read-back); QuickBooks one sparse POST, no GET', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.resetRequests();
    const run = await world.engine.runSync();
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect(run.counts).toMatchObject({ linked: 1, updatedInKarbon: 1, updatedInQuickBooks: 1 });
    expect(writeRoutes(await world.routes())).toEqual({ [K_RECORD]: 2, [K_PUT]: 1, [Q_POST]: 1 });
    const card = TwoWayWorld.primaryCard(
      await world.karbonRecord('Contacts', (await world.karbonKeys())['Ada Lovelace'] ?? ''),
    );
    expect(card.PhoneNumbers).toEqual([
      expect.objectContaining({ Number: '555 7777', Label: 'Home' }),
      expect.objectContaining({ Number: '555 0100', Label: 'Work' }),
    ]);
    expect((await world.customer('1')).BillAddr).toMatchObject({ Line1: '1 Analytical St', City: 'London' });
    world.close();
  });

  it('an edit in QuickBooks reaches Karbon with GET (plan) + PUT + GET (read-back); an address edited in Karbon reaches QuickBooks in one POST', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0199' } });
    await world.resetRequests();
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0, errors: 0 });
    expect(writeRoutes(await world.routes())).toEqual({ [K_RECORD]: 2, [K_PUT]: 1 });

    await world.editKarbon('Contacts', key, (r) => {
      const card = TwoWayWorld.primaryCard(r);
      card.Addresses = [{ AddressLines: '1 Analytical St', City: 'Cambridge', Label: 'Mailing' }];
    });
    await world.resetRequests();
    const back = await world.engine.runSync();
    expect(back.counts).toMatchObject({ updatedInQuickBooks: 1, updatedInKarbon: 0, errors: 0 });
    expect(writeRoutes(await world.routes())).toEqual({ [K_RECORD]: 1, [Q_POST]: 1 });
    expect((await world.customer('1')).BillAddr).toMatchObject({
      Line1: '1 Analytical St',
      City: 'Cambridge',
    });
    world.close();
  });

  it('a person saving the Karbon record while the engine’s PUT is in progress: 409, read again, their value kept', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0199' } });
    // Karbon holds each write between its read and its commit: of two overlapping writes to one
    // record, the later commit loses with 409 (sandbox karbonRules.writeMs).
    await karbonWriteMs(300);
    try {
      let raced = false;
      const karbon = withMethod(world.services.karbon, 'updateRecord', (updateRecord) => async (...args) => {
        if (!raced) {
          raced = true;
          const puts = await requestsOn(K_PUT);
          // The person's save reaches Karbon first and commits while ours waits.
          const theirs = world.editKarbon('Contacts', key, (r) => {
            TwoWayWorld.primaryCard(r).EmailAddresses = ['countess@example.com'];
          });
          while ((await requestsOn(K_PUT)) === puts) await new Promise((r) => setTimeout(r, 5));
          const ours = updateRecord(...args);
          await theirs;
          return ours;
        }
        return updateRecord(...args);
      });
      const engine = world.engineWith({ karbon });
      await world.resetRequests();
      const run = await engine.runSync();
      expect(run).toMatchObject({ status: 'completed', errors: [] });
      // Ours: read (plan), PUT (409), read again, PUT, read-back; theirs: GET, PUT.
      expect(writeRoutes(await world.routes())).toEqual({ [K_RECORD]: 4, [K_PUT]: 3 });
      const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
      expect(card.EmailAddresses).toEqual(['countess@example.com']);
      expect(card.PhoneNumbers).toEqual(
        expect.arrayContaining([expect.objectContaining({ Number: '555 0199', Label: 'Work' })]),
      );
    } finally {
      await karbonWriteMs(0);
    }
    // The read-back showed a field the run did not write changed: the next run takes it over.
    const next = await world.engine.runSync();
    expect(next).toMatchObject({ status: 'completed', errors: [] });
    expect((await world.customer('1')).PrimaryEmailAddr).toEqual({ Address: 'countess@example.com' });
    world.close();
  });

  it('a person saving the QuickBooks customer between the engine’s read and its write: 5010, read again, their value kept', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    await world.editKarbon('Contacts', key, (r) => {
      TwoWayWorld.primaryCard(r).Addresses = [
        { AddressLines: '1 Analytical St', City: 'Cambridge', Label: 'Mailing' },
      ];
    });
    const { engine } = world.engineRacedInQuickBooks(() =>
      world.editCustomer('1', { BillAddr: { Line1: '1 Analytical St', City: 'London', PostalCode: 'N1' } }),
    );
    await world.resetRequests();
    const run = await engine.runSync();
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect(run.counts).toMatchObject({ updatedInQuickBooks: 1 });
    // Ours: POST (5010), the customer read again, the plan made again, POST; theirs: GET, POST.
    // The new plan also sends the person's postal code to Karbon: read (plan) + PUT + read-back.
    expect(writeRoutes(await world.routes())).toEqual({ [K_RECORD]: 2, [K_PUT]: 1, [Q_POST]: 3, [Q_GET]: 2 });
    // The city changed only in Karbon, the postal code only in QuickBooks: both kept, both sides.
    expect((await world.customer('1')).BillAddr).toMatchObject({
      Line1: '1 Analytical St',
      City: 'Cambridge',
      PostalCode: 'N1',
    });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
    expect(card.Addresses).toEqual([expect.objectContaining({ City: 'Cambridge', ZipCode: 'N1' })]);
    world.close();
  });

  it('a record read while the run planned (older than the bound) is read again before a first-link fill: what a person typed since is kept', async () => {
    // Ada's email is her card's second address: the list row does not show it, so the planner
    // reads her details to find the match, and the link is made from that read.
    const world = await TwoWayWorld.start(sandbox, {
      customers: [
        person('1', 'Ada', 'Lovelace', 'ada@example.com', { PrimaryPhone: { FreeFormNumber: '555 0100' } }),
      ],
      contacts: [contact('Ada', 'Lovelace', ['ada.l@work.example', 'ada@example.com'])],
    });
    const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    let reads = 0;
    const karbon = withMethod(world.services.karbon, 'getRecord', (getRecord) => async (...args) => {
      const record = await getRecord(...args);
      if (++reads === 1) {
        // After the planner's read, a person types her work phone in Karbon; the link is
        // made later than the bound allows a read to be written from.
        await world.editKarbon('Contacts', key, (r) => {
          TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 9999', Label: 'Work' }];
        });
        while (record?.snapshot?.fresh()) await new Promise((r) => setTimeout(r, 50));
      }
      return record;
    });
    const run = await world.engineWith({ karbon }).runSync();
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect(run.counts).toMatchObject({ linked: 1, updatedInKarbon: 0 });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
    expect(card.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 9999', Label: 'Work' })]);
    // The pair is linked with the two phones shown as a difference, not overwritten either way.
    const link = await world.db.links.get('1');
    expect(link?.differences).toContainEqual({
      field: 'phoneWork',
      quickbooks: '555 0100',
      karbon: '555 9999',
    });
    world.close();
  });
});

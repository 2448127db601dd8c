// No echo, no ping-pong, against the sandbox over several runs: people edit both sides through
// the services' own APIs, each side stores the engine's writes its own way (Karbon keeps a
// country as its ISO code and a phone's international prefix apart; QuickBooks keeps a country
// name and a phone as typed), and after every run the next one with nothing changed costs the
// quiet budget (1 CDC + 1 newest-first page per Karbon kind) and writes nothing.
import { describe, expect, it } from 'vitest';
import { onBothSides } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld, writesIn } from './twoway-world';

const sandbox = sandboxForThisFile();

type Json = Record<string, unknown>;

describe('echo and loop freedom against the sandbox', () => {
  it('edits on both sides over several runs: every change lands once, each quiet run is 1 + 2 requests and writes nothing', async () => {
    const world = await TwoWayWorld.start(sandbox, onBothSides(['Ada', 'Lovelace'], ['Grace', 'Hopper']));
    const keys = async () => world.karbonKeys();
    expect((await world.engine.runSync()).counts).toMatchObject({ linked: 2, errors: 0 });
    const k = await keys();
    const ada = k['Ada Lovelace'] ?? '';
    const grace = k['Grace Hopper'] ?? '';

    const quiet = async (label: string) => {
      await world.resetRequests();
      const run = await world.engine.runSync();
      expect(run.status, label).toBe('completed');
      expect(run.counts, label).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0, conflicts: 0 });
      expect(run.requests, label).toEqual({ quickbooks: 1, karbon: 2 });
      expect(writesIn(await world.routes()), label).toEqual({});
    };
    await quiet('after the first sync');

    // Round 1: an address typed in QuickBooks with a country name, a phone with a prefix typed in Karbon.
    await world.editCustomer('1', {
      BillAddr: {
        Line1: '12 St James Square',
        City: 'London',
        PostalCode: 'SW1Y 4JH',
        Country: 'United Kingdom',
      },
      PrimaryPhone: { FreeFormNumber: '(555) 010-0199' },
    });
    await world.editKarbon('Contacts', grace, (r) => {
      const card = TwoWayWorld.primaryCard(r);
      card.PhoneNumbers = [{ Number: '20 7946 0958', CountryCode: '+44', Label: 'Mobile' }];
      card.Addresses = [
        {
          AddressLines: '1 Navy Way',
          City: 'Arlington',
          ZipCode: '22202',
          CountryCode: 'US',
          Label: 'Physical',
        },
      ];
    });
    const r1 = await world.engine.runSync();
    expect(r1.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 1, conflicts: 0, errors: 0 });
    const adaCard = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', ada));
    expect(adaCard.Addresses).toEqual([
      expect.objectContaining({ City: 'London', CountryCode: 'GB', Label: 'Mailing' }),
    ]);
    const g = await world.customer('2');
    expect(g.Mobile).toEqual({ FreeFormNumber: '+44 20 7946 0958' });
    expect(g.ShipAddr).toMatchObject({ City: 'Arlington', PostalCode: '22202' });
    await quiet('after round 1');

    // Round 2: each side edits what the other one wrote, in its own format.
    await world.editKarbon('Contacts', ada, (r) => {
      const card = TwoWayWorld.primaryCard(r);
      card.Addresses = [{ ...((card.Addresses as Json[])[0] ?? {}), City: 'Westminster' }];
    });
    await world.editCustomer('2', { Mobile: { FreeFormNumber: '+44 (0)20 7946 0000' } });
    const r2 = await world.engine.runSync();
    expect(r2.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 1, conflicts: 0, errors: 0 });
    expect((await world.customer('1')).BillAddr).toMatchObject({
      City: 'Westminster',
      Country: 'United Kingdom',
    });
    await quiet('after round 2');

    // Round 3: a formatting-only edit on one side is not a change; a real one on the other is.
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555-010-0199' } });
    await world.editKarbon('Contacts', grace, (r) => {
      TwoWayWorld.primaryCard(r).EmailAddresses = ['GRACE@example.com', 'hopper@navy.mil'];
    });
    const r3 = await world.engine.runSync();
    expect(r3.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 1, conflicts: 0, errors: 0 });
    expect((await world.customer('2')).PrimaryEmailAddr).toEqual({
      Address: 'GRACE@example.com, hopper@navy.mil',
    });
    await quiet('after round 3');
    world.close();
  }, 30_000);
});

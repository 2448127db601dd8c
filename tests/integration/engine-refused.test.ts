// A value one side accepts and the other refuses (a QuickBooks email "a@x.com (billing)", a
// Karbon address of six lines): the record waits once in Resolve duplicates with the problem in
// one sentence, costs no request on later runs, a person's "create" is refused with that sentence,
// and once the value is corrected where it was typed the next run creates it. (A refusal only the
// service can see, answered to the create itself: lib/sync/engine.test.ts.)
import { describe, expect, it } from 'vitest';
import { person } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';
import { TwoWayWorld, writesIn } from './twoway-world';

const sandbox = sandboxForThisFile();

const posts = (routes: Record<string, number>, prefix: string) =>
  Object.keys(writesIn(routes)).filter((r) => r.startsWith(`POST ${prefix}`));

describe('a value the other side refuses', () => {
  it('a QuickBooks email Karbon does not accept waits once, with what to correct, and is created once corrected', async () => {
    const world = await World.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com (billing)')],
    });
    const first = await world.engine.runSync();
    expect(first).toMatchObject({
      status: 'completed',
      errors: [],
      counts: { createdInKarbon: 0, duplicates: 1 },
    });
    const sentence =
      "Karbon does not accept the email 'ada@example.com (billing)' — correct it in QuickBooks.";
    expect(first.duplicates).toMatchObject([
      { sourceId: '1', why: 'value-refused', candidates: [], refused: { service: 'karbon', sentence } },
    ]);
    // Detected before sending: Karbon never saw the create.
    expect(posts(await world.routes(), '/karbon')).toEqual([]);

    await world.resetRequests();
    const second = await world.engine.runSync();
    expect(second).toMatchObject({ status: 'completed', errors: [], counts: { duplicates: 1 } });
    expect(second.requests).toEqual({ quickbooks: 1, karbon: 2 });

    const [item] = await world.engine.duplicates();
    const decided = await world.engine.resolve(item?.id ?? '', { action: 'create' });
    expect(decided.status).toBe('failed');
    expect(decided.errors.map((e) => e.message)).toEqual([sentence]);
    expect(posts(await world.routes(), '/karbon')).toEqual([]);
    expect(await world.engine.duplicates()).toHaveLength(1);

    // Corrected in QuickBooks: the next run creates the contact and closes the item.
    const state = await world.state();
    await World.load(sandbox, {
      customers: state.qbo.Customer.map((c) => ({ ...c, PrimaryEmailAddr: { Address: 'ada@example.com' } })),
    });
    const third = await world.engine.runSync();
    expect(third).toMatchObject({ errors: [], counts: { createdInKarbon: 1, duplicates: 0 } });
    expect((await world.state()).karbon.Contacts).toMatchObject([{ FirstName: 'Ada', LastName: 'Lovelace' }]);
    world.close();
  });

  it('pushing: a Karbon address QuickBooks cannot hold (six lines) waits with what to correct in Karbon', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
    });
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    await world.createKarbonContact({
      FirstName: 'Grace',
      LastName: 'Hopper',
      ContactType: 'Client',
      BusinessCards: [
        {
          IsPrimaryCard: true,
          EmailAddresses: ['grace@example.com'],
          Addresses: [
            {
              AddressLines: 'Flat 1\nFloor 2\nBlock 3\nWing 4\nTower 5\nPark 6',
              City: 'Sydney',
              Label: 'Mailing',
            },
          ],
        },
      ],
    });
    await world.resetRequests();
    const run = await world.engine.runSync();
    expect(run).toMatchObject({
      status: 'completed',
      errors: [],
      counts: { createdInQuickBooks: 0, duplicates: 1 },
    });
    expect(run.duplicates).toMatchObject([
      {
        origin: 'karbon',
        why: 'value-refused',
        refused: {
          service: 'quickbooks',
          sentence:
            "QuickBooks does not accept the mailing address 'Flat 1 / Floor 2 / Block 3 / Wing 4 / Tower 5 / Park 6' (6 lines; QuickBooks holds 5) — correct it in Karbon.",
        },
      },
    ]);
    expect(posts(await world.routes(), '/qbo')).toEqual([]);

    // The next run: no revisit, no request for it.
    await world.resetRequests();
    const quiet = await world.engine.runSync();
    expect(quiet).toMatchObject({ errors: [], counts: { duplicates: 1 } });
    expect(quiet.requests).toEqual({ quickbooks: 1, karbon: 2 });
    const [item] = await world.engine.duplicates();
    const decided = await world.engine.resolve(item?.id ?? '', { action: 'create' });
    expect(decided.errors.map((e) => e.message)).toEqual([run.duplicates[0]?.refused?.sentence]);
    expect(posts(await world.routes(), '/qbo')).toEqual([]);
    world.close();
  });
});

// Linked contacts kept up to date both ways, against the sandbox over HTTP, with people's edits
// made through QuickBooks' and Karbon's own APIs between runs (issue 4, "Tests").
import { describe, expect, it } from 'vitest';
import { contact, contactWithCard, type Firm, organization, person } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld, writesIn } from './twoway-world';

const sandbox = sandboxForThisFile();

const firm: Firm = {
  customers: [
    person('1', 'Ada', 'Lovelace', 'ada@example.com', { PrimaryPhone: { FreeFormNumber: '555 0100' } }),
    person('2', 'Grace', 'Hopper', 'grace@example.com'),
    {
      Id: '3',
      DisplayName: 'Acme Ltd',
      CompanyName: 'Acme Ltd',
      PrimaryEmailAddr: { Address: 'office@acme.com' },
    },
  ],
  contacts: [
    contactWithCard('Ada', 'Lovelace', ['ada@example.com'], {
      PhoneNumbers: [
        { Number: '555 0100', Label: 'Work' },
        { Number: '555 7777', Label: 'Home' },
      ],
    }),
    contact('Grace', 'Hopper', ['grace@example.com']),
  ],
  organizations: [organization('Acme Ltd', ['office@acme.com'])],
};

async function linkedWorld(): Promise<{ world: TwoWayWorld; keys: Record<string, string> }> {
  const world = await TwoWayWorld.start(sandbox, firm);
  const first = await world.engine.runSync();
  expect(first.counts).toMatchObject({ linked: 3, errors: 0 });
  return { world, keys: await world.karbonKeys() };
}

function phones(card: Record<string, unknown>): Record<string, string> {
  const list = (card.PhoneNumbers ?? []) as Array<{ Number: string; Label: string }>;
  return Object.fromEntries(list.map((p) => [p.Label, p.Number]));
}

describe('two-way updates against the sandbox', () => {
  it('QuickBooks phone edited → Karbon updated, its other phones kept; the next run writes nothing', async () => {
    const { world, keys } = await linkedWorld();
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0199' } });
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0, errors: 0 });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Ada Lovelace'] ?? ''));
    expect(phones(card)).toMatchObject({ Work: '555 0199', Home: '555 7777' });

    await world.resetRequests();
    const quiet = await world.engine.runSync();
    expect(quiet.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0, errors: 0 });
    expect(writesIn(await world.routes())).toEqual({});
    world.close();
  });

  it('Karbon email edited → QuickBooks updated with a sparse update', async () => {
    const { world, keys } = await linkedWorld();
    await world.editKarbon('Organizations', keys['Acme Ltd'] ?? '', (r) => {
      TwoWayWorld.primaryCard(r).EmailAddresses = ['accounts@acme.com'];
    });
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ updatedInQuickBooks: 1, updatedInKarbon: 0, errors: 0 });
    const acme = await world.customer('3');
    expect(acme.PrimaryEmailAddr).toEqual({ Address: 'accounts@acme.com' });
    expect(acme.DisplayName).toBe('Acme Ltd');
    expect((await world.engine.runSync()).counts).toMatchObject({
      updatedInQuickBooks: 0,
      updatedInKarbon: 0,
    });
    world.close();
  });

  it.each([
    ['latest', '555 2222'],
    ['quickbooks', '555 1111'],
    ['karbon', '555 2222'],
  ] as const)(
    'both edited, policy %s → %s on both sides; the losing value is in the history',
    async (policy, won) => {
      const { world, keys } = await linkedWorld();
      await world.engine.updateSettings({ conflictPolicy: policy });
      await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 1111' } });
      await world.advanceClock(2000); // Karbon's edit is the later one
      await world.editKarbon('Contacts', keys['Grace Hopper'] ?? '', (r) => {
        TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 2222', Label: 'Work' }];
      });
      const run = await world.engine.runSync();
      expect(run.counts).toMatchObject({ conflicts: 1, errors: 0 });
      const lost = won === '555 1111' ? '555 2222' : '555 1111';
      expect(((await world.customer('2')).PrimaryPhone as { FreeFormNumber: string }).FreeFormNumber).toBe(
        won,
      );
      const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Grace Hopper'] ?? ''));
      expect(phones(card).Work).toBe(won);
      const changes = await world.engine.runChanges(run.runId ?? '');
      expect(changes).toContainEqual(
        expect.objectContaining({ field: 'phoneWork', before: lost, after: won }),
      );
      expect((await world.engine.runSync()).counts).toMatchObject({
        updatedInQuickBooks: 0,
        updatedInKarbon: 0,
      });
      world.close();
    },
  );

  it('latest edit wins when QuickBooks was edited last, too: compared as instants across offsets', async () => {
    const { world, keys } = await linkedWorld();
    await world.editKarbon('Contacts', keys['Grace Hopper'] ?? '', (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 2222', Label: 'Work' }];
    });
    await world.advanceClock(2000); // QuickBooks' edit is the later one (its times are in -07:00)
    await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 1111' } });
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ conflicts: 1, updatedInKarbon: 1, updatedInQuickBooks: 0 });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Grace Hopper'] ?? ''));
    expect(phones(card).Work).toBe('555 1111');
    expect(await world.engine.runChanges(run.runId ?? '')).toContainEqual(
      expect.objectContaining({ field: 'phoneWork', side: 'karbon', before: '555 2222', after: '555 1111' }),
    );
    world.close();
  });

  it('a run with nothing changed costs one QuickBooks request and one Karbon page per kind', async () => {
    const { world } = await linkedWorld();
    // The first run wrote (blanks filled): this run reads our own writes back and stays quiet.
    await world.engine.runSync();
    const quiet = await world.engine.runSync();
    expect(quiet.status).toBe('completed');
    expect(quiet.requests).toEqual({ quickbooks: 1, karbon: 2 });
    world.close();
  });

  it('a customer made inactive marks the link; nothing is deactivated in Karbon', async () => {
    const { world, keys } = await linkedWorld();
    const before = await world.karbonRecord('Contacts', keys['Ada Lovelace'] ?? '');
    await world.editCustomer('1', { Active: false });
    await world.resetRequests();
    const run = await world.engine.runSync();
    expect(run.counts.errors).toBe(0);
    expect((await world.engine.links()).find((l) => l.quickBooksId === '1')?.status).toBe('inactive');
    expect(writesIn(await world.routes())).toEqual({});
    expect(await world.karbonRecord('Contacts', keys['Ada Lovelace'] ?? '')).toEqual(before);
    const changes = await world.engine.runChanges(run.runId ?? '');
    expect(changes).toContainEqual(
      expect.objectContaining({ action: 'mark', field: 'status', after: 'inactive' }),
    );
    world.close();
  });

  it('a Karbon record gone marks the link (client list and history) at the daily full read; nothing is changed in QuickBooks', async () => {
    const { world, keys } = await linkedWorld();
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      karbon: { Contacts: Array<{ ContactKey: string }> };
    };
    const karbon = {
      ...state.karbon,
      Contacts: state.karbon.Contacts.filter((c) => c.ContactKey !== keys['Grace Hopper']),
    };
    expect(
      (await fetch(`${sandbox.url}/__sandbox/state`, { method: 'PUT', body: JSON.stringify({ karbon }) })).ok,
    ).toBe(true);
    const grace = await world.customer('2');

    // A day later (the engine's clock): the daily full read sees the record is gone.
    const later = world.engineWith({ now: () => new Date(Date.now() + 25 * 3600_000) });
    await world.resetRequests();
    const run = await later.runSync();
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect((await later.links()).find((l) => l.quickBooksId === '2')).toMatchObject({
      status: 'gone',
      karbon: { name: 'Grace Hopper' },
    });
    expect(await later.runChanges(run.runId ?? '')).toContainEqual(
      expect.objectContaining({
        action: 'mark',
        field: 'status',
        before: 'active',
        after: 'gone',
        note: expect.stringMatching(
          /Karbon record was archived or deleted; nothing was changed on the other side/,
        ),
      }),
    );
    expect(writesIn(await world.routes())).toEqual({});
    expect(await world.customer('2')).toEqual(grace);
    // Not a new customer either: nothing is created for it in Karbon.
    expect((await later.runSync()).counts).toMatchObject({ createdInKarbon: 0, linked: 0 });
    world.close();
  });
});

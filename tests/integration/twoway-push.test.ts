// Pushing Karbon contacts to QuickBooks against the sandbox: the gate, pushed and other types,
// a retyped contact, a DisplayName held by a vendor, the back catalogue, and undo.
import { describe, expect, it } from 'vitest';
import { contact, type Firm, person } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld } from './twoway-world';

const sandbox = sandboxForThisFile();

const firm: Firm = {
  customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
  contacts: [
    contact('Ada', 'Lovelace', ['ada@example.com']),
    // Existed before the first sync: never pushed for that alone (the gate).
    contact('Old', 'Prospect', ['old@example.com'], { ContactType: 'Prospect' }),
  ],
  vendors: ['Widget Works'],
};

const person_ = (first: string, last: string, type: string, email?: string) => ({
  FirstName: first,
  LastName: last,
  ContactType: type,
  ...(email ? { BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: [email] }] } : {}),
});

async function customerNamed(world: TwoWayWorld, name: string) {
  return (await world.customers()).find((c) => c.DisplayName === name);
}

describe('pushing Karbon contacts against the sandbox', () => {
  it('after the first sync: a new contact of a pushed type is created in QuickBooks, one of another type is not', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    expect(await customerNamed(world, 'Old Prospect')).toBeUndefined();

    await world.createKarbonContact(person_('Grace', 'Hopper', 'Client', 'grace@example.com'));
    await world.createKarbonContact(person_('Alan', 'Turing', 'Prospect', 'alan@example.com'));
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ createdInQuickBooks: 1, errors: 0 });
    const grace = await customerNamed(world, 'Grace Hopper');
    expect(grace?.PrimaryEmailAddr).toEqual({ Address: 'grace@example.com' });
    expect(await customerNamed(world, 'Alan Turing')).toBeUndefined();
    expect((await world.engine.links()).find((l) => l.quickBooksId === grace?.Id)?.how).toBe(
      'created-in-quickbooks',
    );

    // Nothing twice: the next runs create nothing more.
    expect((await world.engine.runSync()).counts.createdInQuickBooks).toBe(0);
    expect((await world.customers()).filter((c) => c.DisplayName === 'Grace Hopper')).toHaveLength(1);
    world.close();
  });

  it('the gate: a contact of a pushed type that existed before the first sync is not pushed until it changes', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      ...firm,
      contacts: [...(firm.contacts ?? []), contact('Old', 'Client', ['old.client@example.com'])],
    });
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    expect((await world.engine.runSync()).counts.createdInQuickBooks).toBe(0);
    expect((await world.engine.runSync()).counts.createdInQuickBooks).toBe(0);
    expect(await customerNamed(world, 'Old Client')).toBeUndefined();
    // A change after the first sync (a phone added) pushes it.
    await world.editKarbon('Contacts', (await world.karbonKeys())['Old Client'] ?? '', (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 0300', Label: 'Work' }];
    });
    const run = await world.engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(1);
    expect(await customerNamed(world, 'Old Client')).toMatchObject({
      PrimaryEmailAddr: { Address: 'old.client@example.com' },
      PrimaryPhone: { FreeFormNumber: '555 0300' },
    });
    world.close();
  });

  it('a new contact matching an unlinked customer by name and email is linked to it, nothing created', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      ...firm,
      customers: [...firm.customers, person('2', 'Grace', 'Hopper', 'grace@example.com')],
      contacts: [...(firm.contacts ?? []), contact('Grace', 'Hopper', ['g.hopper@navy.mil'])],
    });
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    const first = await world.engine.runSync();
    const item = first.duplicates.find((i) => i.sourceId === '2');
    expect(item?.why).toBe('partial');
    await world.engine.resolve(item?.id ?? '', { action: 'skip' }); // Grace stays unlinked
    await world.createKarbonContact(person_('Grace', 'Hopper', 'Client', 'grace@example.com'));
    const run = await world.engine.runSync();
    expect(run.counts).toMatchObject({ createdInQuickBooks: 0, linked: 1, errors: 0 });
    expect((await world.engine.links()).find((l) => l.quickBooksId === '2')).toMatchObject({
      how: 'exact-match',
      linkedBy: 'auto',
    });
    expect((await world.customers()).filter((c) => c.DisplayName === 'Grace Hopper')).toHaveLength(1);
    world.close();
  });

  it('an existing contact retyped to a pushed type is pushed', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    const keys = await world.karbonKeys();
    await world.editKarbon('Contacts', keys['Old Prospect'] ?? '', (r) => {
      r.ContactType = 'Client';
    });
    const run = await world.engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(1);
    expect(await customerNamed(world, 'Old Prospect')).toBeDefined();
    world.close();
  });

  it('a name held by a vendor waits with a suggested name; accepting it creates the customer', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    await world.createKarbonContact(person_('Widget', 'Works', 'Client', 'hello@widgetworks.com'));
    const run = await world.engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(0);
    const item = run.duplicates.find((i) => i.why === 'name-clash');
    expect(item).toMatchObject({ origin: 'karbon', name: 'Widget Works' });
    const row = await world.db.duplicates.get(item?.id ?? '');
    expect(row?.clash).toMatchObject({
      purpose: 'create',
      displayName: 'Widget Works',
      holders: [{ entity: 'Vendor', displayName: 'Widget Works' }],
      suggestion: 'Widget Works (2)',
    });
    // The item waits: the next run does not create it either.
    expect((await world.engine.runSync()).counts.createdInQuickBooks).toBe(0);

    const accepted = await world.engine.resolve(item?.id ?? '', { action: 'create' });
    expect(accepted).toMatchObject({ status: 'completed', counts: { createdInQuickBooks: 1 } });
    expect(await customerNamed(world, 'Widget Works (2)')).toMatchObject({
      GivenName: 'Widget',
      FamilyName: 'Works',
    });
    expect(await world.engine.duplicates()).toEqual([]);
    world.close();
  });

  it('the back catalogue: unlinked contacts listed by type and pushed on request, then undone', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    const listed = await world.engine.notInQuickBooks({ types: ['Prospect'] });
    expect(listed.map((r) => r.name)).toEqual(['Old Prospect']);
    const pushed = await world.engine.push({ types: ['Prospect'] });
    expect(pushed.counts.createdInQuickBooks).toBe(1);
    const old = await customerNamed(world, 'Old Prospect');
    expect(old?.Active).not.toBe(false);

    const undo = await world.engine.undo(pushed.runId ?? '');
    expect(undo.status).toBe('completed');
    expect((await customerNamed(world, 'Old Prospect'))?.Active).toBe(false);
    const history = await world.engine.history({ limit: 1 });
    expect(history[0]).toMatchObject({ trigger: 'undo', undoOf: pushed.runId });
    world.close();
  });

  it('a partial match waits; its "create new" creates the customer in QuickBooks', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    // Ada's email, another name: a partial match (email without name).
    await world.createKarbonContact(person_('Augusta', 'King', 'Client', 'ada@example.com'));
    const run = await world.engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(0);
    const item = run.duplicates.find((i) => i.origin === 'karbon');
    expect(item).toMatchObject({ name: 'Augusta King', why: 'partial' });
    expect(item?.candidates).toEqual([expect.objectContaining({ id: '1', reasons: ['email'] })]);
    expect(await customerNamed(world, 'Augusta King')).toBeUndefined();

    const created = await world.engine.resolve(item?.id ?? '', { action: 'create' });
    expect(created).toMatchObject({ status: 'completed', counts: { createdInQuickBooks: 1 } });
    const augusta = await customerNamed(world, 'Augusta King');
    expect(augusta?.PrimaryEmailAddr).toEqual({ Address: 'ada@example.com' });
    expect((await world.engine.links()).find((l) => l.quickBooksId === augusta?.Id)).toMatchObject({
      how: 'created-in-quickbooks',
      linkedBy: 'person',
    });
    world.close();
  });

  it.each([
    ['dropped after QuickBooks made it (retried in the run)', { drop: 'after' }],
    ['cut off half-way (the run stops; the next one sends it again)', { malformed: 'truncated' }],
  ])('a create whose answer is %s makes one customer, linked as created', async (_label, fault) => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    await world.createKarbonContact(person_('Grace', 'Hopper', 'Client', 'grace@example.com'));
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: 'POST /qbo/v3/company/{realmId}/customer', count: 1, ...fault }),
    });
    const first = await world.engine.runSync();
    const again = first.status === 'completed' ? first : await world.engine.runSync();
    expect(again).toMatchObject({ status: 'completed', errors: [] });
    const made = (await world.customers()).filter((c) => c.DisplayName === 'Grace Hopper');
    expect(made).toHaveLength(1);
    expect((await world.engine.links()).find((l) => l.quickBooksId === made[0]?.Id)?.how).toBe(
      'created-in-quickbooks',
    );
    expect((await world.engine.runSync()).counts.createdInQuickBooks).toBe(0);
    expect((await world.customers()).filter((c) => c.DisplayName === 'Grace Hopper')).toHaveLength(1);
    world.close();
  });
});

// Every matching rule of product.md, run by the real engine over HTTP against the sandbox.
import { describe, expect, it } from 'vitest';
import { company, contact, type Firm, organization, person } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

interface Case {
  name: string;
  firm: Firm;
  /** Per QuickBooks id: `linked <Karbon name>`, `created`, `review <why>`, or `left out`. */
  expected: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'same name and email → linked automatically',
    firm: {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    },
    expected: { '1': 'linked Ada Lovelace' },
  },
  {
    name: 'case, spacing and Unicode width variants → linked',
    firm: {
      customers: [
        { Id: '1', DisplayName: 'ADA  LOVELACE', PrimaryEmailAddr: { Address: 'Ada@Example.com' } },
      ],
      contacts: [contact('Ａｄａ', 'Lovelace', ['ada@example.com'])],
    },
    expected: { '1': 'linked Ａｄａ Lovelace' },
  },
  {
    name: 'QuickBooks "Last, First" → linked to Karbon First Last',
    firm: {
      customers: [
        { Id: '1', DisplayName: 'Lovelace, Ada', PrimaryEmailAddr: { Address: 'ada@example.com' } },
      ],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'], { MiddleName: 'King' })],
    },
    expected: { '1': 'linked Ada King Lovelace' },
  },
  {
    name: 'organization ⇄ organization by company name and email → linked',
    firm: {
      customers: [company('1', 'Analytical Engines Ltd', 'office@engines.example')],
      organizations: [organization('Analytical Engines Ltd', ['office@engines.example'])],
    },
    expected: { '1': 'linked Analytical Engines Ltd' },
  },
  {
    name: 'several emails: one QuickBooks address equal to a Karbon address (not the first) → linked',
    firm: {
      customers: [person('1', 'Ada', 'Lovelace', 'billing@example.com, ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['countess@example.com', 'ada@example.com'])],
    },
    expected: { '1': 'linked Ada Lovelace' },
  },
  {
    name: 'no email on either side: a name alone is partial → review',
    firm: { customers: [person('1', 'Ada', 'Lovelace')], contacts: [contact('Ada', 'Lovelace')] },
    expected: { '1': 'review partial' },
  },
  {
    name: 'partial by email (different name) → review',
    firm: {
      customers: [person('1', 'Augusta', 'King', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    },
    expected: { '1': 'review partial' },
  },
  {
    name: 'partial by name (different email) → review',
    firm: {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['countess@example.com'])],
    },
    expected: { '1': 'review partial' },
  },
  {
    name: 'several exact candidates → review',
    firm: {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [
        contact('Ada', 'Lovelace', ['ada@example.com']),
        contact('Ada', 'Lovelace', ['ada@example.com'], { ContactType: 'Prospect' }),
      ],
    },
    expected: { '1': 'review several-exact' },
  },
  {
    name: 'no match → created in Karbon; inactive customers and sub-customers never',
    firm: {
      customers: [
        person('1', 'Grace', 'Hopper', 'grace@example.com'),
        person('2', 'Old', 'Client', 'old@example.com', { Active: false }),
        company('3', 'Engines Ltd'),
        {
          ...company('4', 'Engines Ltd:Project X'),
          DisplayName: 'Project X',
          CompanyName: undefined,
          Job: true,
          ParentRef: { value: '3' },
        },
      ],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    },
    expected: { '1': 'created', '2': 'left out', '3': 'created', '4': 'left out' },
  },
  {
    name: 'a person with a one-word name and no match → review (Karbon needs a first and a last name), no error',
    firm: {
      customers: [
        { Id: '1', DisplayName: 'Cher', PrimaryEmailAddr: { Address: 'cher@example.com' } },
        { Id: '2', DisplayName: 'Prince', GivenName: 'Prince' },
      ],
    },
    expected: { '1': 'review name-incomplete', '2': 'review name-incomplete' },
  },
  {
    name: "Karbon's own integration link (ExternalKey) is respected instead of creating",
    firm: {
      customers: [person('7', 'Ada', 'Lovelace', 'ada@new.example')],
      contacts: [contact('A.', 'Lovelace-King', ['countess@example.com'], { ExternalKey: '7' })],
    },
    expected: { '7': 'linked A. Lovelace-King' },
  },
];

async function outcomes(world: World): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const state = await world.state();
  const keys = Object.fromEntries(Object.entries(await world.karbonKeys()).map(([name, key]) => [key, name]));
  for (const link of await world.engine.links()) {
    const createdByUs = [...state.karbon.Contacts, ...state.karbon.Organizations].some(
      (r) =>
        ('ContactKey' in r ? r.ContactKey : r.OrganizationKey) === link.karbonKey &&
        r.UserDefinedIdentifier === `QBO-${link.quickBooksId}`,
    );
    out[link.quickBooksId] = createdByUs ? 'created' : `linked ${keys[link.karbonKey]}`;
  }
  for (const item of await world.engine.duplicates()) out[item.sourceId] = `review ${item.why}`;
  for (const c of state.qbo.Customer) out[c.Id] ??= 'left out';
  return out;
}

describe('Sync Now against the sandbox: matching rules', () => {
  it.each(cases)('$name', async ({ firm, expected }) => {
    const world = await World.start(sandbox, firm);
    const report = await world.engine.runSync();
    expect(report.errors).toEqual([]);
    expect(await outcomes(world)).toEqual(expected);
    await world.close();
  });

  it('created contacts get the Contact Type from settings, persons and organizations alike', async () => {
    const world = await World.start(sandbox, {
      customers: [
        person('1', 'Grace', 'Hopper', 'grace@example.com'),
        company('2', 'Engines Ltd', 'hello@engines.example'),
      ],
    });
    await world.engine.updateSettings({ newContactType: 'Prospect' });
    const report = await world.engine.runSync();
    expect(report.counts.createdInKarbon).toBe(2);
    const state = await world.state();
    expect(state.karbon.Contacts).toMatchObject([
      { FirstName: 'Grace', LastName: 'Hopper', ContactType: 'Prospect', UserDefinedIdentifier: 'QBO-1' },
    ]);
    expect(state.karbon.Organizations).toMatchObject([
      { FullName: 'Engines Ltd', ContactType: 'Prospect', UserDefinedIdentifier: 'QBO-2' },
    ]);
    await world.close();
  });

  it("a Contact Type Karbon does not have: said once, naming Karbon's types; nothing created, links go on; Karbon's spelling is used", async () => {
    const firm: Firm = {
      customers: [
        person('1', 'Ada', 'Lovelace', 'ada@example.com'),
        person('2', 'Grace', 'Hopper', 'grace@example.com'),
        person('3', 'Alan', 'Turing', 'alan@example.com'),
      ],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    };
    const world = await World.start(sandbox, firm);
    await world.engine.updateSettings({ newContactType: 'Lead' });
    const report = await world.engine.runSync();
    expect(report.status).toBe('completed');
    expect(report.counts).toMatchObject({ linked: 1, createdInKarbon: 0, errors: 1 });
    expect(report.errors).toEqual([
      {
        sourceId: '',
        message:
          'Karbon has no Contact Type "Lead", so 2 new contacts were not created: choose one of Client, Prospect, Supplier in Contact Sync Settings.',
      },
    ]);
    expect((await world.state()).karbon.Contacts).toHaveLength(1);

    await world.engine.updateSettings({ newContactType: 'prospect' });
    const fixed = await world.engine.runSync();
    expect(fixed).toMatchObject({ errors: [], counts: { createdInKarbon: 2 } });
    expect((await world.state()).karbon.Contacts.map((c) => c.ContactType)).toEqual([
      'Client',
      'Prospect',
      'Prospect',
    ]);
    await world.close();
  });

  it('an exact candidate already linked → the newcomer waits for review', async () => {
    const world = await World.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    });
    await world.engine.runSync();
    const state = await world.state();
    await World.load(sandbox, {
      customers: [
        ...state.qbo.Customer,
        person('2', 'Ada', 'Lovelace', 'ada@example.com', { DisplayName: 'Ada Lovelace (2)' }),
      ],
      contacts: state.karbon.Contacts,
    });
    const second = await world.engine.runSync();
    expect(second.duplicates).toMatchObject([
      { sourceId: '2', why: 'exact-already-linked', candidates: [{ linkedTo: '1' }] },
    ]);
    expect((await world.engine.links()).map((l) => l.quickBooksId)).toEqual(['1']);
    await world.close();
  });

  it('a pair a person unlinked is never linked automatically again', async () => {
    const world = await World.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    });
    await world.engine.runSync();
    await world.engine.unlink('1');
    const again = await world.engine.runSync();
    expect(again.counts.linked).toBe(0);
    expect(again.duplicates).toMatchObject([
      { sourceId: '1', why: 'exact-unlinked-by-person', candidates: [{ unlinkedByPerson: true }] },
    ]);
    expect(await world.engine.links()).toEqual([]);
    await world.close();
  });

  it('a one-word name waits quietly, a person\'s "create" is refused with what to do, and once QuickBooks holds a full name it is created', async () => {
    const world = await World.start(sandbox, {
      customers: [{ Id: '1', DisplayName: 'Cher', PrimaryEmailAddr: { Address: 'cher@example.com' } }],
    });
    const first = await world.engine.runSync();
    expect(first).toMatchObject({
      status: 'completed',
      errors: [],
      counts: { createdInKarbon: 0, duplicates: 1 },
    });
    await world.resetRequests();
    const second = await world.engine.runSync();
    expect(second).toMatchObject({ status: 'completed', errors: [], counts: { duplicates: 1 } });
    const [item] = await world.engine.duplicates();
    expect(item).toMatchObject({ sourceId: '1', why: 'name-incomplete', candidates: [] });

    const decided = await world.engine.resolve(item?.id ?? '', { action: 'create' });
    expect(decided.status).toBe('failed');
    expect(decided.errors.map((e) => e.message)).toEqual([
      '"Cher" has only one name in QuickBooks, and Karbon needs a first and a last name for a person: add them in QuickBooks (or a company name, if it is a business) and sync again.',
    ]);
    expect(Object.keys(await world.routes()).filter((r) => r.startsWith('POST /karbon'))).toEqual([]);
    expect(await world.engine.duplicates()).toHaveLength(1);

    // The firm adds the full name in QuickBooks: the next run creates the contact and closes the item.
    const state = await world.state();
    await World.load(sandbox, {
      customers: state.qbo.Customer.map((c) => ({ ...c, GivenName: 'Cherilyn', FamilyName: 'Sarkisian' })),
    });
    const third = await world.engine.runSync();
    expect(third).toMatchObject({ errors: [], counts: { createdInKarbon: 1 } });
    expect(await world.engine.duplicates()).toEqual([]);
    expect((await world.state()).karbon.Contacts).toMatchObject([
      { FirstName: 'Cherilyn', LastName: 'Sarkisian' },
    ]);
    await world.close();
  });
});

// Two-way runs over in-memory services that keep versions and times as the real ones do
// (twoway-fakes.ts). tests/integration/twoway*.test.ts run the same rules against the sandbox.
import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import type { ConflictPolicy } from '../db/settings';
import { addAda, twoWayFirm } from './twoway-firm';

async function firm() {
  const made = await twoWayFirm((quickbooks, karbon) => {
    addAda(quickbooks, karbon);
    const acme = { organizationName: 'Acme Ltd', email: 'office@acme.com' };
    quickbooks.add('2', makeContact('organization', acme));
    karbon.add('organization', makeContact('organization', acme, 'Client'), 'KO');
  });
  const first = await made.engine.runSync();
  expect(first.counts).toMatchObject({ linked: 2, errors: 0 });
  made.quickbooks.calls = [];
  made.karbon.calls = [];
  return made;
}

const writes = (calls: string[]) => calls.filter((c) => /^(create|update)/.test(c));

describe('two-way runs', () => {
  it('QuickBooks phone edited → Karbon updated, and the next run writes nothing', async () => {
    const { quickbooks, karbon, engine } = await firm();
    quickbooks.edit('1', { phoneWork: '555 0199' });
    const run = await engine.runSync();
    expect(run.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0, errors: 0 });
    expect(karbon.records.get('contact:KA')?.contact.fields.phoneWork).toBe('555 0199');
    const changes = await engine.runChanges(run.runId ?? '');
    expect(changes).toContainEqual(
      expect.objectContaining({
        action: 'update',
        side: 'karbon',
        field: 'phoneWork',
        before: '555 0100',
        after: '555 0199',
      }),
    );

    quickbooks.calls = [];
    karbon.calls = [];
    const quiet = await engine.runSync();
    expect(quiet.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0 });
    expect([...writes(quickbooks.calls), ...writes(karbon.calls)]).toEqual([]);
    // Our own write is recognised by its version: no record is read in full again.
    expect(karbon.calls).toEqual(['listSummaries:contact:newest', 'listSummaries:organization:newest']);
    expect(quickbooks.calls).toEqual(['changesSince']);
  });

  it('Karbon email edited → QuickBooks updated', async () => {
    const { quickbooks, karbon, engine } = await firm();
    karbon.edit('organization', 'KO', { email: 'accounts@acme.com' });
    const run = await engine.runSync();
    expect(run.counts).toMatchObject({ updatedInQuickBooks: 1, updatedInKarbon: 0 });
    expect(quickbooks.customers.get('2')?.contact.fields.email).toBe('accounts@acme.com');
    const again = await engine.runSync();
    expect(again.counts).toMatchObject({ updatedInQuickBooks: 0, updatedInKarbon: 0 });
  });

  it.each<[ConflictPolicy, 'quickbooks' | 'karbon']>([
    ['latest', 'karbon'],
    ['quickbooks', 'quickbooks'],
    ['karbon', 'karbon'],
  ])('both edited, policy %s → %s wins and the loser is kept in the history', async (policy, winner) => {
    const { quickbooks, karbon, engine } = await firm();
    await engine.updateSettings({ conflictPolicy: policy });
    quickbooks.edit('1', { phoneWork: '555 1111' });
    karbon.edit('contact', 'KA', { phoneWork: '555 2222' }); // edited later
    const run = await engine.runSync();
    const won = winner === 'quickbooks' ? '555 1111' : '555 2222';
    const lost = winner === 'quickbooks' ? '555 2222' : '555 1111';
    expect(quickbooks.customers.get('1')?.contact.fields.phoneWork).toBe(won);
    expect(karbon.records.get('contact:KA')?.contact.fields.phoneWork).toBe(won);
    expect(run.counts.conflicts).toBe(1);
    const changes = await engine.runChanges(run.runId ?? '');
    expect(changes).toContainEqual(expect.objectContaining({ field: 'phoneWork', before: lost, after: won }));
  });

  it('a customer edited between the read and the write (5010) is read again and planned again', async () => {
    const { quickbooks, karbon, engine } = await firm();
    karbon.edit('contact', 'KA', { phoneMobile: '555 3333' });
    let raced = false;
    quickbooks.before = (call) => {
      if (call === 'updateCustomer' && !raced) {
        raced = true;
        quickbooks.edit('1', { email: 'countess@example.com' });
      }
    };
    const run = await engine.runSync();
    expect(run.counts.errors).toBe(0);
    const c = quickbooks.customers.get('1')?.contact.fields;
    expect(c).toMatchObject({ phoneMobile: '555 3333', email: 'countess@example.com' });
    // The person's QuickBooks edit made in between reached Karbon in the same run.
    expect(karbon.records.get('contact:KA')?.contact.fields.email).toBe('countess@example.com');
  });

  it('a customer made inactive or a Karbon record gone marks the link; nothing is changed on the other side', async () => {
    const { quickbooks, karbon, engine } = await firm();
    quickbooks.edit('1', { active: false });
    karbon.remove('organization', 'KO');
    quickbooks.edit('2', { phoneWork: '555 4444' });
    const run = await engine.runSync();
    const links = await engine.links();
    expect(links.map((l) => [l.quickBooksId, l.status])).toEqual(
      expect.arrayContaining([
        ['1', 'inactive'],
        ['2', 'gone'],
      ]),
    );
    expect([...writes(quickbooks.calls), ...writes(karbon.calls)]).toEqual([]);
    expect((await engine.runChanges(run.runId ?? '')).filter((c) => c.action === 'mark')).toHaveLength(2);
    quickbooks.edit('1', { active: true });
    await engine.runSync();
    expect((await engine.links()).find((l) => l.quickBooksId === '1')?.status).toBe('active');
  });

  it('pushes new and retyped Karbon contacts of a selected type, not others; a clash waits with a free name', async () => {
    const { quickbooks, karbon, engine } = await firm();
    await engine.updateSettings({ pushTypes: ['Client'] });
    karbon.add(
      'contact',
      makeContact('person', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' }, 'Client'),
      'KG',
    );
    karbon.add('contact', makeContact('person', { firstName: 'Alan', lastName: 'Turing' }, 'Prospect'), 'KT');
    quickbooks.vendors.push('Widget Co');
    karbon.add(
      'organization',
      makeContact('organization', { organizationName: 'Widget Co' }, 'Client'),
      'KW',
    );
    const run = await engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(1);
    const grace = [...quickbooks.customers.values()].find((c) => c.displayName === 'Grace Hopper');
    expect(grace?.contact.fields.email).toBe('grace@example.com');
    expect([...quickbooks.customers.values()].some((c) => c.displayName.includes('Turing'))).toBe(false);
    const clash = (await engine.duplicates()).find((i) => i.why === 'name-clash');
    expect(clash).toMatchObject({ origin: 'karbon', sourceId: 'KW' });

    karbon.edit('contact', 'KT', { contactType: 'Client' });
    const retyped = await engine.runSync();
    expect(retyped.counts.createdInQuickBooks).toBe(1);
    expect([...quickbooks.customers.values()].some((c) => c.displayName === 'Alan Turing')).toBe(true);
    expect((await engine.runSync()).counts.createdInQuickBooks).toBe(0);
  });

  it('a Karbon rename renames the DisplayName; held by a vendor, the rename waits and can be accepted', async () => {
    const { quickbooks, karbon, engine } = await firm();
    karbon.edit('contact', 'KA', { lastName: 'King' });
    await engine.runSync();
    expect(quickbooks.customers.get('1')).toMatchObject({ displayName: 'Ada King', familyName: 'King' });

    quickbooks.vendors.push('Ada Byron');
    karbon.edit('contact', 'KA', { lastName: 'Byron' });
    const run = await engine.runSync();
    // The name parts follow; the DisplayName a vendor holds does not, and the rename waits.
    expect(quickbooks.customers.get('1')).toMatchObject({ displayName: 'Ada King', familyName: 'Byron' });
    const item = run.duplicates.find((i) => i.why === 'name-clash');
    expect(item).toMatchObject({ origin: 'karbon', sourceId: 'KA' });
    await engine.resolve(item?.id ?? '', { action: 'rename' });
    expect(quickbooks.customers.get('1')?.displayName).toBe('Ada Byron (2)');
    expect((await engine.runSync()).counts).toMatchObject({ updatedInQuickBooks: 0, updatedInKarbon: 0 });
  });

  it("accepting a rename does not hide a person's later edit of the customer from the next run", async () => {
    const { quickbooks, karbon, engine } = await firm();
    quickbooks.vendors.push('Ada Byron');
    karbon.edit('contact', 'KA', { lastName: 'Byron' });
    const run = await engine.runSync();
    const item = run.duplicates.find((i) => i.why === 'name-clash');
    quickbooks.edit('1', { phoneMobile: '555 6666' }); // while the rename waits
    await engine.resolve(item?.id ?? '', { action: 'rename' });
    expect(quickbooks.customers.get('1')?.displayName).toBe('Ada Byron (2)');
    const next = await engine.runSync();
    expect(next.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0 });
    expect(karbon.records.get('contact:KA')?.contact.fields.phoneMobile).toBe('555 6666');
  });

  it('a name taken between the check and the create (6240) waits as a clash, nothing created', async () => {
    const { quickbooks, karbon, engine } = await firm();
    await engine.updateSettings({ pushTypes: ['Client'] });
    karbon.add('contact', makeContact('person', { firstName: 'Mary', lastName: 'Shelley' }, 'Client'), 'KM');
    quickbooks.before = (call) => {
      if (call === 'createCustomer') quickbooks.employees.push('Mary Shelley');
    };
    const run = await engine.runSync();
    quickbooks.before = undefined;
    expect(run.counts.createdInQuickBooks).toBe(0);
    expect(run.duplicates).toMatchObject([{ why: 'name-clash', sourceId: 'KM' }]);
  });

  it('a match removed by a person is matched again by the next incremental run', async () => {
    const { engine } = await firm();
    await engine.unlink('1');
    const next = await engine.runSync();
    expect(next.duplicates).toMatchObject([{ sourceId: '1', why: 'exact-unlinked-by-person' }]);
  });

  it('a Karbon record deleted (invisible to the change feed) is found by the daily full read', async () => {
    const { time, karbon, engine } = await firm();
    karbon.remove('contact', 'KA');
    await engine.runSync();
    expect((await engine.links()).find((l) => l.quickBooksId === '1')?.status).toBe('active');
    time.tick(25 * 3600_000);
    await engine.runSync();
    expect((await engine.links()).find((l) => l.quickBooksId === '1')?.status).toBe('gone');
  });
});

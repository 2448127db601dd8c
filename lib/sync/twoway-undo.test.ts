// Undo, the back catalogue and decisions on two-way items, over the version-keeping fakes.
import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import { addAda, twoWayFirm } from './twoway-firm';

async function firm() {
  const made = await twoWayFirm((quickbooks, karbon) => {
    addAda(quickbooks, karbon);
    quickbooks.add(
      '2',
      makeContact('person', { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' }),
    );
  });
  const first = await made.engine.runSync();
  expect(first.counts).toMatchObject({ linked: 1, createdInKarbon: 1, errors: 0 });
  return { ...made, first };
}

describe('undo a run', () => {
  it('restores the fields it wrote, and a field edited since waits for a person', async () => {
    const { quickbooks, karbon, engine } = await firm();
    quickbooks.edit('1', { phoneWork: '555 0199', phoneMobile: '555 0200' });
    const run = await engine.runSync();
    expect(karbon.records.get('contact:KA')?.contact.fields).toMatchObject({
      phoneWork: '555 0199',
      phoneMobile: '555 0200',
    });
    karbon.edit('contact', 'KA', { phoneMobile: '555 0300' }); // edited again after the run

    const undo = await engine.undo(run.runId ?? '');
    expect(undo.status).toBe('completed');
    expect(karbon.records.get('contact:KA')?.contact.fields).toMatchObject({
      phoneWork: '555 0100',
      phoneMobile: '555 0300',
    });
    expect(undo.duplicates).toMatchObject([{ why: 'undo-edited-since', origin: 'karbon' }]);
    const history = await engine.history();
    expect(history[0]).toMatchObject({ trigger: 'undo', undoOf: run.runId });

    // The restored value stays a difference (not written either way); the mobile a person typed
    // in Karbon after the run is a person's edit like any other: the next run carries it over.
    const next = await engine.runSync();
    expect(next.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 1 });
    expect(quickbooks.customers.get('1')?.contact.fields).toMatchObject({
      phoneWork: '555 0199',
      phoneMobile: '555 0300',
    });

    // "Restore anyway" writes the old value over the later edit.
    const item = undo.duplicates[0];
    if (!item) throw new Error('no item');
    await engine.resolve(item.id, { action: 'restore' });
    expect(karbon.records.get('contact:KA')?.contact.fields.phoneMobile).toBe('');
    await expect(engine.undo(run.runId ?? '')).rejects.toThrow(/already undone/);
    await expect(engine.undo(undo.runId ?? '')).rejects.toThrow(/An undo cannot be undone/);
  });

  it('"restore anyway" does not hide a person\'s edit of another field from the next run', async () => {
    const { quickbooks, karbon, engine } = await firm();
    quickbooks.edit('1', { phoneWork: '555 0199', phoneMobile: '555 0200' });
    const run = await engine.runSync();
    karbon.edit('contact', 'KA', { phoneMobile: '555 0300' }); // edited again after the run
    const undo = await engine.undo(run.runId ?? '');
    const item = undo.duplicates[0];
    karbon.edit('contact', 'KA', { email: 'countess@example.com' }); // and another field, later
    await engine.resolve(item?.id ?? '', { action: 'restore' });
    expect(karbon.records.get('contact:KA')?.contact.fields.phoneMobile).toBe('');
    await engine.runSync();
    expect(quickbooks.customers.get('1')?.contact.fields.email).toBe('countess@example.com');
  });

  it('unlinks the Karbon contacts the run created and lists them for removal', async () => {
    const { karbon, engine, first } = await firm();
    const undo = await engine.undo(first.runId ?? '');
    expect(undo.removeInKarbon).toHaveLength(1);
    expect(undo.removeInKarbon[0]?.name).toBe('Grace Hopper');
    expect(await engine.links()).toEqual([]);
    // Nothing is deleted in Karbon, and the next sync does not link them again by itself.
    expect([...karbon.records.values()].some((r) => r.userDefinedIdentifier === 'QBO-2')).toBe(true);
    const next = await engine.runSync();
    expect(next.counts.createdInKarbon).toBe(0);
    expect((await engine.links()).some((l) => l.quickBooksId === '2')).toBe(false);
  });

  it('makes the customers it created in QuickBooks inactive', async () => {
    const { quickbooks, karbon, engine } = await firm();
    await engine.updateSettings({ pushTypes: ['Client'] });
    karbon.add(
      'contact',
      makeContact('person', { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' }, 'Client'),
      'KT',
    );
    const run = await engine.runSync();
    expect(run.counts.createdInQuickBooks).toBe(1);
    const alan = [...quickbooks.customers.values()].find((c) => c.displayName === 'Alan Turing');
    await engine.undo(run.runId ?? '');
    expect(quickbooks.customers.get(alan?.id ?? '')?.active).toBe(false);
    expect((await engine.links()).find((l) => l.karbonKey === 'KT')?.status).toBe('inactive');
    expect((await engine.runSync()).counts.createdInQuickBooks).toBe(0);
  });
});

describe('the back catalogue and two-way items', () => {
  it('lists unlinked Karbon contacts by type and pushes a chosen set through the rules', async () => {
    const { quickbooks, karbon, engine } = await firm();
    karbon.add('contact', makeContact('person', { firstName: 'Alan', lastName: 'Turing' }, 'Prospect'), 'KT');
    karbon.add(
      'contact',
      makeContact(
        'person',
        { firstName: 'Grace', lastName: 'Hopper', email: 'other@example.com' },
        'Prospect',
      ),
      'KG',
    );
    await engine.runSync();
    const listed = await engine.notInQuickBooks({ types: ['Prospect'] });
    expect(listed.map((r) => r.key).sort()).toEqual(['KG', 'KT']);

    const pushed = await engine.push({ types: ['Prospect'] });
    expect(pushed.counts.createdInQuickBooks).toBe(1);
    expect([...quickbooks.customers.values()].some((c) => c.displayName === 'Alan Turing')).toBe(true);
    // Grace matches customer 2 by name only: she waits, and "create new" makes a second customer.
    const [item] = pushed.duplicates;
    expect(item).toMatchObject({ origin: 'karbon', sourceId: 'KG', why: 'partial' });
    const created = await engine.resolve(item?.id ?? '', { action: 'create' });
    // The name is a customer's already: the item now waits on the clash, with a free name.
    expect(created.duplicates).toMatchObject([{ why: 'name-clash' }]);
    const clash = (await engine.duplicates()).find((i) => i.why === 'name-clash');
    const accepted = await engine.resolve(clash?.id ?? '', { action: 'create' });
    expect(accepted.counts.createdInQuickBooks).toBe(1);
    expect([...quickbooks.customers.values()].some((c) => c.displayName === 'Grace Hopper (2)')).toBe(true);
    expect((await engine.links()).find((l) => l.karbonKey === 'KG')?.how).toBe('created-in-quickbooks');
  });

  it('refuses to push before the first sync', async () => {
    const { engine } = await twoWayFirm();
    await expect(engine.push({ types: ['Client'] })).rejects.toThrow(/first sync/);
  });

  it('a create whose answer was lost is sent again with the same requestid: one customer', async () => {
    const { quickbooks, karbon, engine } = await firm();
    karbon.add('contact', makeContact('person', { firstName: 'Alan', lastName: 'Turing' }, 'Prospect'), 'KT');
    let lose = true;
    const create = quickbooks.createCustomer.bind(quickbooks);
    quickbooks.createCustomer = async (contact, opts) => {
      const made = await create(contact, opts);
      if (lose) {
        lose = false;
        const { ServiceUnavailableError } = await import('../errors');
        throw new ServiceUnavailableError('quickbooks', 'connection dropped');
      }
      return made;
    };
    const failed = await engine.push({ karbonKeys: ['KT'] });
    expect(failed.status).toBe('failed');
    const again = await engine.push({ karbonKeys: ['KT'] });
    expect(again.status).toBe('completed');
    expect([...quickbooks.customers.values()].filter((c) => c.displayName === 'Alan Turing')).toHaveLength(1);
    expect((await engine.links()).some((l) => l.karbonKey === 'KT')).toBe(true);
  });
});

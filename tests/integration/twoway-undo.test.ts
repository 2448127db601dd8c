// Undo against the sandbox: the fields a run wrote are restored in the service they were
// written to, a field edited again since waits for a person, the undo is a run of its own, and
// the runs after it neither redo the undone change nor lose an edit made in between.
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../lib/sync/engine';
import { contact, contactWithCard, person } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld, writesIn } from './twoway-world';

const sandbox = sandboxForThisFile();

/** Links Ada, then a run copies a QuickBooks phone and a Karbon email across: the run to undo. */
async function runCopyingBothWays(world: TwoWayWorld): Promise<{ key: string; run: RunReport }> {
  await world.engine.runSync();
  const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
  await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0199' } });
  await world.editKarbon('Contacts', key, (r) => {
    TwoWayWorld.primaryCard(r).EmailAddresses = ['countess@example.com'];
  });
  const run = await world.engine.runSync();
  expect(run.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 1 });
  return { key, run };
}

describe('undo a run against the sandbox', () => {
  it('restores what the run wrote; a field edited since waits; later runs neither redo the undo nor lose the later edit', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [
        person('1', 'Ada', 'Lovelace', 'ada@example.com', { PrimaryPhone: { FreeFormNumber: '555 0100' } }),
      ],
      contacts: [
        contactWithCard('Ada', 'Lovelace', ['ada@example.com'], {
          PhoneNumbers: [{ Number: '555 0100', Label: 'Work' }],
        }),
      ],
    });
    const { key, run } = await runCopyingBothWays(world);
    // Then a person edits the QuickBooks email again.
    await world.editCustomer('1', { PrimaryEmailAddr: { Address: 'ada.l@example.com' } });

    const undo = await world.engine.undo(run.runId ?? '');
    expect(undo).toMatchObject({ status: 'completed', undoOf: run.runId, counts: { updatedInKarbon: 1 } });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
    expect(card.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0100' })]);
    expect((await world.customer('1')).PrimaryEmailAddr).toEqual({ Address: 'ada.l@example.com' });
    expect(undo.duplicates).toMatchObject([{ why: 'undo-edited-since', origin: 'quickbooks' }]);
    const changes = await world.engine.runChanges(undo.runId ?? '');
    expect(changes).toContainEqual(
      expect.objectContaining({ action: 'update', side: 'karbon', field: 'phoneWork', after: '555 0100' }),
    );

    // The next run carries the person's later email edit over, and writes neither phone back:
    // the restored phone is a difference now, shown on the client list.
    const next = await world.engine.runSync();
    expect(next.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0, errors: 0 });
    const after = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
    expect(after.EmailAddresses).toEqual(['ada.l@example.com']);
    expect(after.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0100' })]);
    expect((await world.customer('1')).PrimaryPhone).toEqual({ FreeFormNumber: '555 0199' });
    expect((await world.engine.links())[0]?.differences.map((d) => d.field)).toContain('phoneWork');
    await world.resetRequests();
    expect((await world.engine.runSync()).counts).toMatchObject({
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
    });
    expect(writesIn(await world.routes())).toEqual({});
    world.close();
  });

  it('an edit a person made to another field of a restored record is still carried over by the next run', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    });
    const { key, run } = await runCopyingBothWays(world);
    // After the run, people edit fields the run did not write, on both records.
    await world.editKarbon('Contacts', key, (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [
        ...((TwoWayWorld.primaryCard(r).PhoneNumbers ?? []) as object[]),
        { Number: '555 7777', Label: 'Mobile' },
      ];
    });
    await world.editCustomer('1', { Fax: { FreeFormNumber: '555 8888' } });

    const undo = await world.engine.undo(run.runId ?? '');
    expect(undo.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 1, errors: 0 });
    const next = await world.engine.runSync();
    expect(next.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 1, errors: 0 });
    expect((await world.customer('1')).Mobile).toEqual({ FreeFormNumber: '555 7777' });
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key));
    expect(card.PhoneNumbers).toContainEqual(expect.objectContaining({ Number: '555 8888', Label: 'Fax' }));
    world.close();
  });

  it('undoing a sync that created Karbon contacts unlinks and lists them; removed by hand, they are not created again', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [
        person('1', 'Ada', 'Lovelace', 'ada@example.com'),
        person('2', 'Grace', 'Hopper', 'grace@example.com'),
      ],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    });
    const first = await world.engine.runSync();
    expect(first.counts).toMatchObject({ linked: 1, createdInKarbon: 1 });
    const grace = (await world.karbonKeys())['Grace Hopper'] ?? '';

    const undo = await world.engine.undo(first.runId ?? '');
    expect(undo).toMatchObject({
      status: 'completed',
      removeInKarbon: [{ kind: 'contact', key: grace, name: 'Grace Hopper' }],
    });
    expect(await world.engine.links()).toEqual([]);
    expect(Object.keys(await world.karbonKeys())).toContain('Grace Hopper'); // Karbon cannot delete it

    // The person removes it in Karbon as asked; the next runs neither create it again nor link Ada.
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as {
      karbon: { Contacts: Array<{ ContactKey: string }> };
    };
    const karbon = { ...state.karbon, Contacts: state.karbon.Contacts.filter((c) => c.ContactKey !== grace) };
    await fetch(`${sandbox.url}/__sandbox/state`, { method: 'PUT', body: JSON.stringify({ karbon }) });
    const next = await world.engine.runSync();
    expect(next.counts).toMatchObject({ createdInKarbon: 0, linked: 0, errors: 0 });
    expect(Object.keys(await world.karbonKeys())).not.toContain('Grace Hopper');
    expect(await world.engine.links()).toEqual([]);
    // Grace is not lost from sight: skipped (a person can still create her), Ada waits for a decision.
    const skipped = await world.engine.duplicates({ status: 'skipped' });
    expect(skipped).toMatchObject([{ sourceId: '2', status: 'skipped' }]);
    expect(next.duplicates).toMatchObject([{ sourceId: '1', why: 'exact-unlinked-by-person' }]);
    const created = await world.engine.resolve(skipped[0]?.id ?? '', { action: 'create' });
    expect(created.counts.createdInKarbon).toBe(1);
    world.close();
  });

  it('undoing a Remove Match links the pair again (and closes the item it left); refused when a side is linked elsewhere', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [person('1', 'Ada', 'Lovelace', 'ada@example.com')],
      contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
    });
    await world.engine.runSync();
    const key = (await world.karbonKeys())['Ada Lovelace'] ?? '';
    const removed = await world.engine.unlink('1');
    const waiting = await world.engine.runSync();
    expect(waiting.duplicates).toMatchObject([{ sourceId: '1', why: 'exact-unlinked-by-person' }]);

    const undo = await world.engine.undo(removed.runId ?? '');
    expect(undo).toMatchObject({ status: 'completed', errors: [], counts: { linked: 1 } });
    expect(await world.engine.links()).toMatchObject([
      { quickBooksId: '1', karbonKey: key, linkedBy: 'person' },
    ]);
    expect(await world.engine.duplicates()).toEqual([]);
    expect(await world.engine.runChanges(undo.runId ?? '')).toContainEqual(
      expect.objectContaining({ action: 'link', quickBooksId: '1', karbonKey: key }),
    );
    expect((await world.engine.runSync()).counts).toMatchObject({ linked: 0, createdInKarbon: 0, errors: 0 });

    // Removed again, and the customer linked to another record meanwhile: the undo says so, links nothing.
    const row = await world.db.links.get('1');
    if (!row) throw new Error('not linked');
    const again = await world.engine.unlink('1');
    const other = await world.createKarbonContact({
      FirstName: 'Ada',
      LastName: 'King',
      ContactType: 'Client',
    });
    await world.db.links.put({ ...row, karbonKey: other }); // as a person's Link in Resolve duplicates would
    const refused = await world.engine.undo(again.runId ?? '');
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/is linked to .* now; remove that match first/),
      }),
    ]);
    expect((await world.engine.links()).map((l) => l.karbonKey)).toEqual([other]);
    world.close();
  });
});

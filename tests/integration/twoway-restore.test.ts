// "The losing value is kept in the history and can be restored" (product.md), against the
// sandbox: a value a run overwrote — a conflict's loser, a value the first-link policy replaced —
// is put back on both sides of the pair from its history entry, as a recorded run whose own
// changes keep what it replaced; the next run writes nothing.
import { describe, expect, it } from 'vitest';
import { contact, contactWithCard, person } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld, writesIn } from './twoway-world';

const sandbox = sandboxForThisFile();

type Json = Record<string, unknown>;
const workPhone = (card: Json) =>
  ((card.PhoneNumbers ?? []) as Array<{ Number: string; Label: string }>).find((p) => p.Label === 'Work')
    ?.Number;
const qboPhone = (c: Json) => (c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber;

const grace = {
  customers: [person('2', 'Grace', 'Hopper', 'grace@example.com')],
  contacts: [contact('Grace', 'Hopper', ['grace@example.com'])],
};

async function expectQuiet(world: TwoWayWorld): Promise<void> {
  await world.resetRequests();
  const run = await world.engine.runSync();
  expect(run.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0, conflicts: 0, errors: 0 });
  expect(writesIn(await world.routes())).toEqual({});
}

describe('restoring a value the history kept', () => {
  it("a conflict's losing value is restored on both sides; the restore keeps what it replaced", async () => {
    const world = await TwoWayWorld.start(sandbox, grace);
    await world.engine.updateSettings({ conflictPolicy: 'quickbooks' });
    await world.engine.runSync();
    const key = (await world.karbonKeys())['Grace Hopper'] ?? '';
    await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 1111' } });
    await world.editKarbon('Contacts', key, (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 2222', Label: 'Work' }];
    });
    const run = await world.engine.runSync();
    expect(run.counts.conflicts).toBe(1);
    const lost = (await world.engine.runChanges(run.runId ?? '')).find(
      (c) => c.field === 'phoneWork' && c.before === '555 2222',
    );
    expect(lost).toMatchObject({ action: 'update', side: 'karbon', after: '555 1111' });
    // Meanwhile a person edits another field: the restore must not hide it from the next run.
    await world.editCustomer('2', { PrimaryEmailAddr: { Address: 'amazing.grace@example.com' } });

    const restored = await world.engine.restoreValue(lost?.id ?? '');
    expect(restored).toMatchObject({
      status: 'completed',
      counts: { updatedInQuickBooks: 1, updatedInKarbon: 1, errors: 0 },
    });
    expect(qboPhone(await world.customer('2'))).toBe('555 2222');
    expect(workPhone(TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key)))).toBe('555 2222');
    const history = await world.engine.history({ limit: 1 });
    expect(history[0]).toMatchObject({ id: restored.runId, trigger: 'decision', status: 'completed' });
    const changes = await world.engine.runChanges(restored.runId ?? '');
    expect(changes).toEqual([
      expect.objectContaining({
        action: 'update',
        side: 'quickbooks',
        field: 'phoneWork',
        before: '555 1111',
        after: '555 2222',
      }),
      expect.objectContaining({
        action: 'update',
        side: 'karbon',
        field: 'phoneWork',
        before: '555 1111',
        after: '555 2222',
      }),
    ]);
    expect((await world.engine.links())[0]?.differences).toEqual([]);
    const next = await world.engine.runSync();
    expect(next.counts).toMatchObject({ updatedInKarbon: 1, updatedInQuickBooks: 0, conflicts: 0 });
    expect(TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key)).EmailAddresses).toEqual([
      'amazing.grace@example.com',
    ]);
    await expectQuiet(world);

    // Nothing lost either way: the restore run can itself be undone.
    const undo = await world.engine.undo(restored.runId ?? '');
    expect(undo.status).toBe('completed');
    expect(qboPhone(await world.customer('2'))).toBe('555 1111');
    world.close();
  });

  it('a value the first-link policy overwrote is restored on both sides', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      customers: [
        person('2', 'Grace', 'Hopper', 'grace@example.com', { PrimaryPhone: { FreeFormNumber: '555 1111' } }),
      ],
      contacts: [
        contactWithCard('Grace', 'Hopper', ['grace@example.com'], {
          PhoneNumbers: [{ Number: '555 2222', Label: 'Work' }],
        }),
      ],
    });
    await world.engine.updateSettings({ firstLinkPolicy: 'karbon' });
    const first = await world.engine.runSync();
    expect(qboPhone(await world.customer('2'))).toBe('555 2222');
    const overwritten = (await world.engine.runChanges(first.runId ?? '')).find(
      (c) => c.field === 'phoneWork',
    );
    expect(overwritten).toMatchObject({ side: 'quickbooks', before: '555 1111', after: '555 2222' });

    await world.engine.restoreValue(overwritten?.id ?? '');
    expect(qboPhone(await world.customer('2'))).toBe('555 1111');
    const key = (await world.karbonKeys())['Grace Hopper'] ?? '';
    expect(workPhone(TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', key)))).toBe('555 1111');
    await expectQuiet(world);
    world.close();
  });

  it('refuses, in one sentence, what is not a value to restore', async () => {
    const world = await TwoWayWorld.start(sandbox, {
      ...grace,
      customers: [
        person('2', 'Grace', 'Hopper', 'grace@example.com', { PrimaryPhone: { FreeFormNumber: '555 1111' } }),
      ],
    });
    const first = await world.engine.runSync();
    const changes = await world.engine.runChanges(first.runId ?? '');
    const link = changes.find((c) => c.action === 'link');
    await expect(world.engine.restoreValue(link?.id ?? '')).rejects.toThrow(/only a field's value/);
    await expect(world.engine.restoreValue('no-such-change')).rejects.toThrow(/No change no-such-change/);
    const filled = changes.find((c) => c.action === 'update' && c.field === 'phoneWork');
    expect(filled).toMatchObject({ side: 'karbon', before: '', after: '555 1111' });
    await world.engine.unlink('2');
    await expect(world.engine.restoreValue(filled?.id ?? '')).rejects.toThrow(/no longer linked/);
    world.close();
  });
});

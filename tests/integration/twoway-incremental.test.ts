// Incremental runs lose nothing, against the sandbox: edits people make while a run is under
// way (after its reads) are the next run's; a run that fails mid-way leaves the checkpoints
// where they were, so the next run still sees every change made before it; a CDC answer at its
// 1000-object cap is not trusted (the LastUpdatedTime query reads the changes instead).
import { describe, expect, it } from 'vitest';
import type { SyncDatabase } from '../../lib/db/database';
import { onBothSides } from './engine-firm';
import { sandboxForThisFile, withMethod } from './engine-world';
import { TwoWayWorld } from './twoway-world';

const sandbox = sandboxForThisFile();

const CDC = 'GET /qbo/v3/company/{realmId}/cdc';
const QUERY = 'GET /qbo/v3/company/{realmId}/query';
type Json = Record<string, unknown>;

const firm = onBothSides(['Ada', 'Lovelace'], ['Grace', 'Hopper']);

const newClient = (first: string, last: string, email: string) => ({
  FirstName: first,
  LastName: last,
  ContactType: 'Client',
  BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: [email] }],
});

async function checkpoints(db: SyncDatabase) {
  return (await db.checkpoints.toArray()).map((c) => [c.source, c.value]).sort();
}

async function sandboxConfig(patch: Json): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/config`, { method: 'PUT', body: JSON.stringify(patch) });
  if (!res.ok) throw new Error(`sandbox config refused: ${res.status}`);
}

const phoneOf = (c: Json) => (c.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber;

describe('incremental runs lose nothing', () => {
  it('edits made while a run is under way (after its reads) are carried over by the next run', async () => {
    // At Karbon's pace a person's edit would take seconds here; the window between the run's read
    // of a record and its PUT is what this test is about, so the edit must fit in it.
    await sandboxConfig({ limits: { karbon: { perMinute: 100_000 } } });
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    const keys = await world.karbonKeys();
    const ada = keys['Ada Lovelace'] ?? '';

    // The run has work of its own: Ada's phone, typed in QuickBooks, goes to Karbon.
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0101' } });
    // People edit both sides once the run has read both lists, and Ada's Karbon record after the
    // run read it and before it writes it.
    let edited = 0;
    const listing = withMethod(world.services.karbon, 'listSummaries', (listSummaries) => async (...args) => {
      const rows = await listSummaries(...args);
      if (args[0] === 'organization' && edited === 0) {
        edited++;
        await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 0202' } });
        await world.createKarbonContact(newClient('Alan', 'Turing', 'alan@example.com'));
      }
      return rows;
    });
    const karbon = withMethod(listing, 'updateRecord', (updateRecord) => async (...args) => {
      if (args[1] === ada && edited === 1) {
        edited++;
        await world.editKarbon('Contacts', ada, (r) => {
          TwoWayWorld.primaryCard(r).EmailAddresses = ['countess@example.com'];
        });
        // Karbon has no ETag: the port PUTs from the run's own read while it is at most
        // SNAPSHOT_MAX_AGE_MS old (an edit inside that window is overwritten, a known limit:
        // docs/audit-issue-4.md); past it, the port reads the record again and keeps the edit.
        const read = args[3]?.basedOn?.snapshot;
        while (read?.fresh()) await new Promise((r) => setTimeout(r, 50));
      }
      return updateRecord(...args);
    });
    const racing = world.engineWith({ karbon });
    const during = await racing.runSync();
    expect(edited).toBe(2);
    expect(during).toMatchObject({ status: 'completed', errors: [] });
    // Ada's phone reached Karbon, and the email typed in Karbon meanwhile was kept (GET-change-PUT).
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', ada));
    expect(card.EmailAddresses).toEqual(['countess@example.com']);
    expect(card.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0101' })]);
    expect((await world.customer('1')).PrimaryEmailAddr).toEqual({ Address: 'ada@example.com' });

    const next = await world.engine.runSync();
    expect(next).toMatchObject({ status: 'completed', errors: [] });
    expect((await world.customer('1')).PrimaryEmailAddr).toEqual({ Address: 'countess@example.com' });
    const grace = TwoWayWorld.primaryCard(
      await world.karbonRecord('Contacts', (await world.karbonKeys())['Grace Hopper'] ?? ''),
    );
    expect(grace.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0202', Label: 'Work' })]);
    expect((await world.customers()).filter((c) => c.DisplayName === 'Alan Turing')).toHaveLength(1);
    const settled = await world.engine.runSync();
    expect(settled.counts).toMatchObject({
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
      createdInQuickBooks: 0,
    });
    await sandboxConfig({ limits: { karbon: { perMinute: 120 } } });
    world.close();
  }, 30_000);

  it('a customer saved by a person between the run’s read and its update (5010) is read again and planned again', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    const keys = await world.karbonKeys();
    await world.editKarbon('Contacts', keys['Ada Lovelace'] ?? '', (r) => {
      TwoWayWorld.primaryCard(r).PhoneNumbers = [{ Number: '555 3333', Label: 'Mobile' }];
    });
    const { engine: racing, raced } = world.engineRacedInQuickBooks(() =>
      world.editCustomer('1', { PrimaryEmailAddr: { Address: 'countess@example.com' } }),
    );
    await world.resetRequests();
    const run = await racing.runSync();
    expect(raced()).toBe(true);
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect((await world.routes())['GET /qbo/v3/company/{realmId}/customer/{id}']).toBeGreaterThanOrEqual(1);
    const ada = await world.customer('1');
    expect(ada.Mobile).toEqual({ FreeFormNumber: '555 3333' });
    expect(ada.PrimaryEmailAddr).toEqual({ Address: 'countess@example.com' });
    // The person's QuickBooks edit made in between reached Karbon in the same run.
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Ada Lovelace'] ?? ''));
    expect(card.EmailAddresses).toEqual(['countess@example.com']);
    world.close();
  });

  it('a run that fails mid-way leaves the checkpoints; the next run still sees every change made before it', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.updateSettings({ pushTypes: ['Client'] });
    await world.engine.runSync();
    const keys = await world.karbonKeys();

    await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 0202' } });
    await world.editKarbon('Contacts', keys['Ada Lovelace'] ?? '', (r) => {
      TwoWayWorld.primaryCard(r).EmailAddresses = ['countess@example.com'];
    });
    await world.createKarbonContact(newClient('Alan', 'Turing', 'alan@example.com'));
    // Past the checkpoints' safety margin: a checkpoint moved by the failed run would hide these.
    await world.advanceClock(5 * 60_000);
    const before = await checkpoints(world.db);

    // The QuickBooks update for Ada lands, but its answer is cut off: the run stops there.
    await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        route: 'POST /qbo/v3/company/{realmId}/customer',
        malformed: 'truncated',
        count: 1,
      }),
    });
    const failed = await world.engine.runSync();
    expect(failed.status).toBe('failed');
    expect(await checkpoints(world.db)).toEqual(before);
    expect((await world.customers()).some((c) => c.DisplayName === 'Alan Turing')).toBe(false);

    const next = await world.engine.runSync();
    expect(next).toMatchObject({ status: 'completed', errors: [] });
    expect(next.counts.createdInQuickBooks).toBe(1);
    expect((await world.customer('1')).PrimaryEmailAddr).toEqual({ Address: 'countess@example.com' });
    const grace = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Grace Hopper'] ?? ''));
    expect(grace.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0202' })]);
    expect(await checkpoints(world.db)).not.toEqual(before);
    const settled = await world.engine.runSync();
    expect(settled.counts).toMatchObject({
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
      createdInQuickBooks: 0,
    });
    world.close();
  }, 30_000);

  it('a CDC answer of exactly 1000 objects (its cap) is not trusted: the LastUpdatedTime query reads the changes', async () => {
    const world = await TwoWayWorld.start(sandbox, firm);
    await world.engine.runSync();
    await world.advanceClock(5 * 60_000);
    // 998 former clients appear (inactive: nothing to match), then two people edit customers 1
    // and 2: CDC holds exactly 1000 objects.
    const state = (await (await fetch(`${sandbox.url}/__sandbox/state`)).json()) as { qbo: Json };
    const customers = (state.qbo.Customer as Json[]).concat(
      Array.from({ length: 998 }, (_, i) => ({
        Id: String(100 + i),
        DisplayName: `Former Client ${i}`,
        Active: false,
      })),
    );
    const put = await fetch(`${sandbox.url}/__sandbox/state`, {
      method: 'PUT',
      body: JSON.stringify({ qbo: { ...state.qbo, Customer: customers } }),
    });
    expect(put.ok).toBe(true);
    await world.advanceClock(5 * 60_000);
    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0101' } });
    await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 0202' } });

    await world.resetRequests();
    const run = await world.engine.runSync();
    expect(run).toMatchObject({ status: 'completed', errors: [] });
    expect(run.counts.updatedInKarbon).toBe(2);
    const routes = await world.routes();
    expect(routes[CDC]).toBeGreaterThanOrEqual(1);
    expect(routes[QUERY]).toBe(2); // 1000 rows, then the short page that says there are no more
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      const card = TwoWayWorld.primaryCard(
        await world.karbonRecord('Contacts', (await world.karbonKeys())[name] ?? ''),
      );
      const id = name === 'Ada Lovelace' ? '1' : '2';
      expect((card.PhoneNumbers as Json[])[0]?.Number).toBe(phoneOf(await world.customer(id)));
    }

    // The checkpoint moved on with the query's answer: CDC answers the next run alone.
    await world.advanceClock(5 * 60_000);
    await world.resetRequests();
    const after = await world.engine.runSync();
    expect(after.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0, errors: 0 });
    expect((await world.routes())[QUERY]).toBeUndefined();
    world.close();
  }, 60_000);
});

// Incremental reads against the sandbox: Change Data Capture from the checkpoint, and the paged
// LastUpdatedTime query when the checkpoint is older than CDC's 30 days (sandbox clock moved on).
// Its own file: moving the sandbox clock a month would disturb other tests sharing a sandbox.
import { describe, expect, it } from 'vitest';
import { onBothSides } from './engine-firm';
import { sandboxForThisFile } from './engine-world';
import { TwoWayWorld } from './twoway-world';

const sandbox = sandboxForThisFile();

const CDC = 'GET /qbo/v3/company/{realmId}/cdc';
const QUERY = 'GET /qbo/v3/company/{realmId}/query';

describe('incremental reads against the sandbox', () => {
  it('reads QuickBooks changes by CDC, and by a LastUpdatedTime query once the checkpoint is past 30 days', async () => {
    const world = await TwoWayWorld.start(sandbox, onBothSides(['Ada', 'Lovelace'], ['Alan', 'Turing']));
    await world.engine.runSync();
    const keys = await world.karbonKeys();

    await world.editCustomer('1', { PrimaryPhone: { FreeFormNumber: '555 0101' } });
    await world.resetRequests();
    const byCdc = await world.engine.runSync();
    expect(byCdc.counts).toMatchObject({ updatedInKarbon: 1, errors: 0 });
    expect((await world.routes())[CDC]).toBe(1);
    expect((await world.routes())[QUERY]).toBeUndefined();

    await world.editCustomer('2', { PrimaryPhone: { FreeFormNumber: '555 0202' } });
    await world.advanceClock(31 * 24 * 3600_000);
    await world.resetRequests();
    const byQuery = await world.engine.runSync();
    expect(byQuery.counts).toMatchObject({ updatedInKarbon: 1, errors: 0 });
    const routes = await world.routes();
    // Refused as older than 30 days (after one 401: a month on, the access token had expired and was refreshed).
    expect(routes[CDC]).toBeGreaterThanOrEqual(1);
    expect(routes['POST /intuit/oauth2/v1/tokens/bearer']).toBe(1);
    expect(routes[QUERY]).toBe(1); // the fallback, one page
    const card = TwoWayWorld.primaryCard(await world.karbonRecord('Contacts', keys['Alan Turing'] ?? ''));
    expect(card.PhoneNumbers).toEqual([expect.objectContaining({ Number: '555 0202', Label: 'Work' })]);

    // The checkpoint moved on with the query's answer: CDC answers again.
    await world.resetRequests();
    const after = await world.engine.runSync();
    expect(after.counts).toMatchObject({ updatedInKarbon: 0, updatedInQuickBooks: 0, errors: 0 });
    expect((await world.routes())[CDC]).toBe(1);
    expect((await world.routes())[QUERY]).toBeUndefined();
    world.close();
  });
});

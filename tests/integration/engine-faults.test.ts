// Bad input gets a clear message and loses nothing (issue 3): the real engine, over HTTP, against
// a sandbox that answers malformed bodies, refuses a write, throttles, fails, drops connections
// and lets tokens expire. Each run either completes or fails with one sentence saying what to do,
// and the run after it finishes the work without creating anything twice.
import { describe, expect, it } from 'vitest';
import { contact, type Firm, person, pioneers } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

/** Three customers to create in Karbon, one to link. */
const firm: Firm = {
  customers: pioneers(4), // Ada Lovelace, Alan Turing, Grace Hopper, Edsger Dijkstra
  contacts: [contact('Ada', 'Lovelace', ['ada@example.com'])],
};

async function identifiers(world: World): Promise<string[]> {
  const s = await world.state();
  return s.karbon.Contacts.flatMap((c) => (c.UserDefinedIdentifier ? [c.UserDefinedIdentifier] : [])).sort();
}

/** The run after a fault: everything done, each customer in Karbon exactly once. */
async function finishesCleanly(world: World): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
  const again = await world.engine.runSync();
  expect(again).toMatchObject({ status: 'completed', errors: [] });
  expect(await identifiers(world)).toEqual(['QBO-2', 'QBO-3', 'QBO-4']);
  expect((await world.engine.links()).map((l) => l.quickBooksId).sort()).toEqual(['1', '2', '3', '4']);
  expect((await world.state()).karbon.Contacts).toHaveLength(4);
}

const NO_STACK = /\n\s+at /u;

describe('a run meeting bad answers and faults', () => {
  it('a Karbon list answer of the wrong shape → the run fails with one sentence; nothing written; the next run does it all', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'GET /karbon/v3/Contacts', malformed: 'shape', count: 1 });
    const report = await world.engine.runSync();
    expect(report.status).toBe('failed');
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.message).toMatch(
      /^Karbon answered GET \/karbon\/v3\/Contacts in an unexpected shape \(.+\): try again later, and report it if it persists\.$/u,
    );
    expect(await identifiers(world)).toEqual([]);
    await finishesCleanly(world);
    await world.close();
  });

  it('a QuickBooks answer cut off half-way → failed with one sentence; then done', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'GET /qbo/v3/company/{realmId}/query', malformed: 'truncated', count: 1 });
    const report = await world.engine.runSync();
    expect(report.status).toBe('failed');
    expect(report.errors.map((e) => e.message)).toEqual([
      'QuickBooks answered GET /qbo/v3/company/9341455130166501/query with something other than JSON: try again later, and report it if it persists.',
    ]);
    await finishesCleanly(world);
    await world.close();
  });

  it('a Karbon create whose answer is cut off (the contact was made) is found by its identifier: completed, never made twice', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'POST /karbon/v3/Contacts', malformed: 'truncated', count: 1 });
    const report = await world.engine.runSync();
    expect(report).toMatchObject({ status: 'completed', errors: [], counts: { createdInKarbon: 3 } });
    await finishesCleanly(world);
    await world.close();
  });

  it('a value Karbon refuses is not sent: that customer waits with words saying where to correct it; the others are done', async () => {
    const world = await World.start(sandbox, {
      ...firm,
      customers: [
        ...firm.customers,
        // QuickBooks takes anything holding "@" and "."; Karbon wants one plain address.
        person('5', 'Barbara', 'Liskov', 'barbara@example.com (billing)'),
      ],
    });
    const report = await world.engine.runSync();
    expect(report.status).toBe('completed');
    expect(report.counts.createdInKarbon).toBe(3);
    expect(report.errors).toEqual([]);
    expect(report.duplicates.find((d) => d.sourceId === '5')).toMatchObject({
      why: 'value-refused',
      refused: {
        service: 'karbon',
        values: [{ field: 'email', value: 'barbara@example.com (billing)' }],
        sentence:
          "Karbon does not accept the email 'barbara@example.com (billing)' — correct it in QuickBooks.",
      },
    });
    await world.close();
  });

  it('throttling the clients absorb → completed; throttling beyond their patience → failed, saying when it will try again', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'GET /karbon/v3/Contacts', status: 429, count: 2 });
    await world.fault({ route: 'GET /qbo/v3/company/{realmId}/query', status: 429, count: 1 });
    expect(await world.engine.runSync()).toMatchObject({ status: 'completed', errors: [] });

    const stubborn = await World.start(sandbox, firm);
    await stubborn.fault({ route: 'GET /karbon/v3/Contacts', status: 429 });
    const report = await stubborn.engine.runSync();
    expect(report.status).toBe('failed');
    expect(report.errors.map((e) => e.message)).toEqual([
      'Karbon is limiting requests: the sync will try again in a minute.',
    ]);
    await finishesCleanly(stubborn);
    await world.close();
    await stubborn.close();
  }, 30_000);

  it('5xx and dropped connections: retried where safe; a service that stays down fails the run with one sentence', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'GET /karbon', status: 503, count: 2 });
    await world.fault({ route: 'POST /karbon/v3/Contacts', status: 500, count: 1 });
    await world.fault({ route: 'GET /qbo', drop: true, count: 1 });
    expect(await world.engine.runSync()).toMatchObject({ status: 'completed', errors: [] });
    expect(await identifiers(world)).toEqual(['QBO-2', 'QBO-3', 'QBO-4']);

    const down = await World.start(sandbox, firm);
    await down.fault({ route: 'GET /karbon/v3/Contacts', drop: true });
    const report = await down.engine.runSync();
    expect(report.status).toBe('failed');
    expect(report.errors.map((e) => e.message)).toEqual([
      'Karbon could not be reached (GET /karbon/v3/Contacts: connection failed): the next sync will try again; if it keeps happening, check the connection.',
    ]);
    for (const e of report.errors) expect(e.message).not.toMatch(NO_STACK);
    await finishesCleanly(down);
    await world.close();
    await down.close();
  }, 60_000);

  it('an expired QuickBooks token is renewed on the way (a revoked one: engine-runs.test.ts)', async () => {
    const world = await World.start(sandbox, firm);
    await fetch(`${sandbox.url}/__sandbox/tokens/expire`, { method: 'POST' });
    expect(await world.engine.runSync()).toMatchObject({ status: 'completed', errors: [] });
    expect((await world.routes())['POST /intuit/oauth2/v1/tokens/bearer']).toBe(1);
    await world.close();
  });
});

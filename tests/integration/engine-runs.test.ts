// Runs as a whole, against the sandbox: the preview is the run's plan, a quiet second run
// writes nothing, a dropped connection or a stopped worker never creates a record twice.
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../../lib/db/node';
import { contact, type Firm, person } from './engine-firm';
import { sandboxForThisFile, World } from './engine-world';

const sandbox = sandboxForThisFile();

/** Two exact, two partial, several to create, one inactive. */
const firm: Firm = {
  customers: [
    person('1', 'Ada', 'Lovelace', 'ada@example.com'),
    person('2', 'Alan', 'Turing', 'alan@example.com'),
    person('3', 'Grace', 'Hopper', 'grace@example.com', { PrimaryPhone: { FreeFormNumber: '555 0100' } }),
    person('4', 'Edsger', 'Dijkstra', 'edsger@example.com'),
    person('5', 'Barbara', 'Liskov', 'barbara@example.com'),
    person('6', 'Donald', 'Knuth', 'don@example.com'),
    person('7', 'Margaret', 'Hamilton', 'margaret@example.com'),
    person('8', 'Old', 'Client', 'old@example.com', { Active: false }),
  ],
  contacts: [
    contact('Ada', 'Lovelace', ['ada@example.com']),
    contact('Grace', 'Hopper', ['grace@example.com']),
    contact('Alan', 'Turing', ['turing@example.com']),
    contact('Edsger', 'W', ['edsger@example.com']),
  ],
};

const WRITES = /^(POST|PUT|PATCH) /u;

function writesIn(routes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(routes).filter(([route]) => WRITES.test(route)));
}

async function karbonIdentifiers(world: World): Promise<string[]> {
  const s = await world.state();
  return [...s.karbon.Contacts, ...s.karbon.Organizations]
    .flatMap((r) => (r.UserDefinedIdentifier ? [r.UserDefinedIdentifier] : []))
    .sort();
}

describe('runs against the sandbox', () => {
  it('the preview writes nothing and plans exactly what the run then does', async () => {
    const world = await World.start(sandbox, firm);
    await world.resetRequests();
    const preview = await world.engine.preview();
    expect(writesIn(await world.routes())).toEqual({});
    expect(await world.db.runs.count()).toBe(0);
    expect(await world.db.duplicates.count()).toBe(0);

    const run = await world.engine.runSync();
    const links = await world.engine.links();
    const planned = {
      link: preview.buckets.link.map((r) => [r.quickBooksId, r.karbon?.key]),
      create: preview.buckets.create.map((r) => r.quickBooksId),
      review: preview.buckets.review.map((i) => [i.sourceId, i.why, i.candidates.map((c) => c.id)]),
    };
    const done = {
      link: links.filter((l) => l.how === 'exact-match').map((l) => [l.quickBooksId, l.karbonKey]),
      create: links.filter((l) => l.how === 'created-in-karbon').map((l) => l.quickBooksId),
      review: run.duplicates.map((i) => [i.sourceId, i.why, i.candidates.map((c) => c.id)]),
    };
    expect(done).toEqual(planned);
    expect(planned.link.map(([id]) => id)).toEqual(['1', '3']);
    expect(planned.create).toEqual(['5', '6', '7']);
    expect(planned.review.map(([id]) => id)).toEqual(['2', '4']);
    expect(preview.counts).toMatchObject({ linked: 2, createdInKarbon: 3, duplicates: 2 });
    expect(run.counts).toMatchObject({ linked: 2, createdInKarbon: 3, duplicates: 2, errors: 0 });
    // Grace's blank Karbon phone was filled when linked.
    expect(run.counts.updatedInKarbon).toBe(1);
    await world.close();
  });

  it('a second run with nothing changed writes nothing and costs only the reads', async () => {
    const world = await World.start(sandbox, firm);
    const first = await world.engine.runSync();
    expect(first.status).toBe('completed');
    await world.resetRequests();
    const second = await world.engine.runSync();
    expect(second.counts).toMatchObject({
      linked: 0,
      createdInKarbon: 0,
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
      errors: 0,
    });
    expect(writesIn(await world.routes())).toEqual({});
    // One QuickBooks page, one Karbon page per kind: no details, no ExternalKey lookups again.
    expect(second.requests).toEqual({ quickbooks: 1, karbon: 2 });
    await world.close();
  });

  it('a create whose connection drops is not created twice, in this run or the next', async () => {
    const world = await World.start(sandbox, firm);
    await world.fault({ route: 'POST /karbon/v3/Contacts', drop: true, count: 2 });
    const first = await world.engine.runSync();
    const second = await world.engine.runSync();
    expect(second.counts.createdInKarbon + first.counts.createdInKarbon).toBe(3);
    expect(await karbonIdentifiers(world)).toEqual(['QBO-5', 'QBO-6', 'QBO-7']);
    expect((await world.engine.links()).map((l) => l.quickBooksId).sort()).toEqual(['1', '3', '5', '6', '7']);
    await world.close();
  });

  it('a worker stopped after its creates were sent but before it recorded them finishes without creating twice', async () => {
    const world = await World.start(sandbox, firm);
    // The creates are slow to answer: the worker is "stopped" while all three are in flight.
    await world.fault({ route: 'POST /karbon/v3/Contacts', slowMs: 600, count: 3 });
    const abandoned = world.engine.runSync();
    await waitFor(async () => ((await world.routes())['POST /karbon/v3/Contacts'] ?? 0) >= 3);
    // What the stopped worker left in its database: a run still `running`, intents pending, no links to them.
    const { exportState, importState } = await import('../../lib/db/backup');
    const copy = await openMemoryDatabase();
    await importState(copy, await exportState(world.db, new Date()));
    expect(await copy.intents.where('status').equals('pending').count()).toBe(3);
    await waitFor(async () => (await karbonIdentifiers(world)).length === 3);

    const restarted = World.engineOn(world.services, copy);
    expect((await restarted.status()).running?.status).toBe('running');
    const resumed = await restarted.resumeInterrupted();
    await abandoned.catch(() => undefined);
    expect(resumed?.status).toBe('completed');
    expect((await world.routes())['POST /karbon/v3/Contacts']).toBe(3);
    expect(await karbonIdentifiers(world)).toEqual(['QBO-5', 'QBO-6', 'QBO-7']);
    const links = await restarted.links();
    expect(links.map((l) => l.quickBooksId).sort()).toEqual(['1', '3', '5', '6', '7']);
    // Found again by their identifiers, they are still the run's creates: counted and recorded
    // as such, once each, beside the two links made before the stop.
    expect(
      links
        .filter((l) => l.how === 'created-in-karbon')
        .map((l) => l.quickBooksId)
        .sort(),
    ).toEqual(['5', '6', '7']);
    expect(resumed?.counts).toMatchObject({ linked: 2, createdInKarbon: 3, errors: 0 });
    const changes = await restarted.runChanges(resumed?.runId ?? '');
    expect(
      changes
        .filter((c) => c.action === 'create')
        .map((c) => c.quickBooksId)
        .sort(),
    ).toEqual(['5', '6', '7']);
    expect(await copy.runs.count()).toBe(1);
    await world.close();
  });

  it('a worker stopped while its creates are still on their way: the restart creates each once, the late ones are refused', async () => {
    const world = await World.start(sandbox, firm);
    // The stopped worker's creates reach Karbon only after the restarted worker made its own.
    await world.fault({ route: 'POST /karbon/v3/Contacts', slowMs: 5000, count: 3 });
    const abandoned = world.engine.runSync();
    await waitFor(async () => ((await world.routes())['POST /karbon/v3/Contacts'] ?? 0) >= 3);
    const { exportState, importState } = await import('../../lib/db/backup');
    const copy = await openMemoryDatabase();
    await importState(copy, await exportState(world.db, new Date()));
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });

    // The restarted worker runs while the stopped one's requests are still unanswered.
    const resumed = await World.engineOn(world.services, copy).resumeInterrupted();
    expect(resumed?.status).toBe('completed');
    await waitFor(async () => (await karbonIdentifiers(world)).length >= 3);
    await abandoned.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 5200));
    // The late requests of the stopped worker were refused (identifier in use): still one record each.
    expect(await karbonIdentifiers(world)).toEqual(['QBO-5', 'QBO-6', 'QBO-7']);
    await world.close();
  }, 30_000);

  it('a revoked QuickBooks authorization fails the run with one sentence saying to reconnect', async () => {
    const world = await World.start(sandbox, firm);
    await fetch(`${sandbox.url}/__sandbox/tokens/revoke`, { method: 'POST' });
    const report = await world.engine.runSync();
    expect(report.status).toBe('failed');
    expect(report.errors).toEqual([
      {
        sourceId: '',
        message: 'QuickBooks authorization expired or was revoked: reconnect QuickBooks in Settings.',
      },
    ]);
    const [run] = await world.engine.history();
    expect(run).toMatchObject({ status: 'failed', errors: [{ code: 'AuthError', service: 'quickbooks' }] });
    expect(await karbonIdentifiers(world)).toEqual([]);
    await world.close();
  });

  it('every run is recorded: trigger, start and end, counts, requests, and each change with its before and after', async () => {
    const world = await World.start(sandbox, firm);
    const report = await world.engine.runSync({ trigger: 'manual' });
    const [run] = await world.engine.history();
    expect(run).toMatchObject({
      id: report.runId,
      trigger: 'manual',
      status: 'completed',
      counts: { linked: 2, createdInKarbon: 3, duplicates: 2, updatedInKarbon: 1, errors: 0 },
      requests: report.requests,
    });
    expect(Date.parse(run?.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(run?.startedAt ?? ''));
    const changes = await world.engine.runChanges(report.runId ?? '');
    // Grace's blank Karbon phone, filled from QuickBooks: the value before and after.
    expect(changes).toContainEqual(
      expect.objectContaining({
        action: 'update',
        side: 'karbon',
        quickBooksId: '3',
        field: 'phoneWork',
        before: '',
        after: '555 0100',
      }),
    );
    expect(changes).toContainEqual(
      expect.objectContaining({
        action: 'create',
        side: 'karbon',
        quickBooksId: '5',
        before: null,
        after: expect.objectContaining({
          firstName: 'Barbara',
          lastName: 'Liskov',
          email: 'barbara@example.com',
        }),
      }),
    );
    expect(
      changes
        .filter((c) => c.action === 'link')
        .map((c) => c.quickBooksId)
        .sort(),
    ).toEqual(['1', '3', '5', '6', '7']);
    expect(
      changes
        .filter((c) => c.action === 'review')
        .map((c) => c.quickBooksId)
        .sort(),
    ).toEqual(['2', '4']);
    // The client list: both sides' names and emails, how and when, with no request.
    await world.resetRequests();
    const grace = (await world.engine.links()).find((l) => l.quickBooksId === '3');
    expect(grace).toMatchObject({
      linkedBy: 'auto',
      how: 'exact-match',
      status: 'active',
      quickBooks: { name: 'Grace Hopper', email: 'grace@example.com' },
      karbon: { name: 'Grace Hopper', email: 'grace@example.com' },
      differences: [],
    });
    expect(grace?.linkedAt).toBe(grace?.lastSyncedAt);
    expect(await world.routes()).toEqual({});
    await world.close();
  });

  it('matching reads Karbon list rows only: 60 unrelated contacts cost no extra request (no detail read each)', async () => {
    const detailReads = async (f: Firm) => {
      const world = await World.start(sandbox, f);
      await world.engine.runSync();
      const routes = await world.routes();
      await world.close();
      const sum = (re: RegExp) =>
        Object.entries(routes)
          .filter(([route]) => re.test(route))
          .reduce((n, [, count]) => n + count, 0);
      return {
        details: sum(/^GET \/karbon\/v3\/Contacts\/\{key\}/u),
        lists: sum(/^GET \/karbon\/v3\/Contacts$/u),
      };
    };
    const many = Array.from({ length: 60 }, (_, i) =>
      contact(`Unrelated${i}`, `Person${i}`, [`u${i}@example.com`]),
    );
    const small = await detailReads(firm);
    const large = await detailReads({ ...firm, contacts: [...(firm.contacts ?? []), ...many] });
    // Details of the new links (to compare and fill) and of the partial candidates only.
    expect(small.details).toBeGreaterThan(0);
    expect(large.details).toBe(small.details);
    expect(large.lists).toBe(small.lists);
  });

  it('two sync requests at once share one run', async () => {
    const world = await World.start(sandbox, firm);
    const [a, b] = await Promise.all([world.engine.runSync(), world.engine.runSync({ trigger: 'schedule' })]);
    expect(a).toBe(b);
    expect(await world.db.runs.count()).toBe(1);
    expect(await karbonIdentifiers(world)).toEqual(['QBO-5', 'QBO-6', 'QBO-7']);
    await world.close();
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out waiting');
}

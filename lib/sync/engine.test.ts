// The engine over in-memory ports: runs, decisions, and what a stopped run leaves behind.
// (tests/integration/engine-*.test.ts run the same engine over HTTP against the sandbox.)
import { describe, expect, it } from 'vitest';
import type { SyncDatabase } from '../db/database';
import { openMemoryDatabase } from '../db/node';
import { RejectedWriteError, ServiceUnavailableError } from '../errors';
import { createEngine } from './create-engine';
import { FakeKarbon, FakeQuickBooks } from './fake-ports';
import { customer, record } from './test-records';

function clock(laterMs = 0) {
  let t = Date.parse('2026-03-01T09:00:00Z') + laterMs;
  return () => {
    t += 1000;
    return new Date(t);
  };
}

function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

async function world(db?: SyncDatabase) {
  const quickbooks = new FakeQuickBooks([
    customer({ id: '1', given: 'Ada', family: 'Lovelace', email: 'ada@example.com', phone: '555 0100' }),
    customer({ id: '2', given: 'Grace', family: 'Hopper', email: 'grace@example.com' }),
    customer({ id: '3', given: 'Alan', family: 'Turing', email: 'alan@example.com' }),
    customer({ id: '4', given: 'Old', family: 'Client', active: false }),
  ]);
  const karbon = new FakeKarbon([
    record({ key: 'K1', name: 'Ada Lovelace', first: 'Ada', last: 'Lovelace', email: 'ada@example.com' }),
    record({ key: 'K3', name: 'Alan Turing', first: 'Alan', last: 'Turing', email: 'turing@example.com' }),
  ]);
  const database = db ?? (await openMemoryDatabase());
  const engine = createEngine({ db: database, quickbooks, karbon, now: clock(), newId: ids() });
  return { quickbooks, karbon, db: database, engine };
}

describe('engine over in-memory services', () => {
  it('a first run links, creates and queues exactly as planned, and records each change', async () => {
    const { engine, karbon, quickbooks, db } = await world();
    const preview = await engine.preview();
    const report = await engine.runSync({ trigger: 'manual' });

    expect(report.status).toBe('completed');
    expect(report.counts).toMatchObject({ linked: 1, createdInKarbon: 1, duplicates: 1, errors: 0 });
    expect(preview.counts).toMatchObject({ linked: 1, createdInKarbon: 1, duplicates: 1 });
    expect(preview.buckets.link.map((r) => r.quickBooksId)).toEqual(['1']);
    expect(preview.buckets.create.map((r) => r.quickBooksId)).toEqual(['2']);
    expect(preview.buckets.review.map((r) => r.sourceId)).toEqual(['3']);
    expect(preview.buckets.leftOut).toMatchObject([{ quickBooksId: '4', reason: 'inactive' }]);
    expect(report.duplicates).toMatchObject([
      { sourceId: '3', why: 'partial', candidates: [{ id: 'K3', reasons: ['name'] }] },
    ]);

    // The linked pair's blank Karbon phone was filled from QuickBooks.
    expect(karbon.records.get('K1')?.contact.fields.phoneWork).toBe('555 0100');
    expect(report.counts.updatedInKarbon).toBe(1);
    const created = [...karbon.records.values()].find((r) => r.userDefinedIdentifier === 'QBO-2');
    expect(created?.contact).toMatchObject({ kind: 'person', contactType: 'Client' });
    expect(quickbooks.calls).not.toContain('updateCustomer');

    const links = await engine.links();
    expect(links.map((l) => [l.quickBooksId, l.karbonKey, l.linkedBy, l.how])).toEqual([
      ['1', 'K1', 'auto', 'exact-match'],
      ['2', created?.key, 'auto', 'created-in-karbon'],
    ]);
    const changes = await engine.runChanges(report.runId ?? '');
    expect(changes.map((c) => `${c.action}:${c.side}:${c.field ?? ''}`)).toEqual(
      expect.arrayContaining(['link:link:', 'update:karbon:phoneWork', 'create:karbon:', 'review:link:']),
    );
    expect((await engine.status()).firstSyncCompletedAt).not.toBeNull();
    expect(await db.intents.where('status').equals('pending').count()).toBe(0);
  });

  it('a second run with nothing changed writes nothing to either service or to the queue', async () => {
    const { engine, karbon, quickbooks, db } = await world();
    await engine.runSync();
    const changesBefore = await db.changes.count();
    const itemsBefore = await db.duplicates.toArray();
    karbon.calls = [];
    const second = await engine.runSync();
    expect(second.counts).toMatchObject({
      linked: 0,
      createdInKarbon: 0,
      updatedInKarbon: 0,
      duplicates: 1,
      errors: 0,
    });
    expect(karbon.writes()).toEqual([]);
    expect(quickbooks.calls.filter((c) => c === 'updateCustomer')).toEqual([]);
    expect(await db.changes.count()).toBe(changesBefore);
    expect(await db.duplicates.toArray()).toEqual(itemsBefore);
    // The waiting item's ExternalKey answer was remembered: nothing asked twice.
    expect(karbon.calls.filter((c) => c === 'findByExternalKey')).toEqual([]);
  });

  it('two sync requests at once share one run', async () => {
    const { engine, db } = await world();
    const [a, b] = await Promise.all([engine.runSync(), engine.runSync({ trigger: 'schedule' })]);
    expect(a).toBe(b);
    expect(await db.runs.count()).toBe(1);
  });

  it('a create whose answer is lost is found by its identifier and linked, not created again', async () => {
    const { engine, karbon } = await world();
    karbon.afterCreate = () => {
      karbon.afterCreate = undefined;
      throw new ServiceUnavailableError('karbon', 'connection dropped');
    };
    const report = await engine.runSync();
    expect(report.status).toBe('completed');
    expect([...karbon.records.values()].filter((r) => r.userDefinedIdentifier === 'QBO-2')).toHaveLength(1);
    expect((await engine.links()).some((l) => l.quickBooksId === '2')).toBe(true);
  });

  it('a run stopped mid-create (worker killed) is resumed by the next start and creates nothing twice', async () => {
    const first = await world();
    // The POST lands, then the worker dies before the answer: the promise never settles.
    first.karbon.afterCreate = () => new Promise(() => {});
    void first.engine.runSync();
    await waitFor(async () => first.karbon.calls.includes('createRecord'));

    const again = await world(first.db);
    again.karbon.records = first.karbon.records;
    const running = await again.engine.status();
    expect(running.running?.status).toBe('running');
    const report = await again.engine.resumeInterrupted();
    expect(report?.runId).toBe(running.running?.id);
    expect(report?.status).toBe('completed');
    expect(again.karbon.calls).not.toContain('createRecord');
    expect(
      [...again.karbon.records.values()].filter((r) => r.userDefinedIdentifier === 'QBO-2'),
    ).toHaveLength(1);
    // Found again by its identifier, it is still the run's create (counted and recorded as one);
    // Ada's link and phone fill, done before the stop, are counted once.
    expect((await again.engine.links()).find((l) => l.quickBooksId === '2')?.how).toBe('created-in-karbon');
    expect(report?.counts).toMatchObject({ createdInKarbon: 1, linked: 1, updatedInKarbon: 1 });
    const changes = await again.engine.runChanges(report?.runId ?? '');
    expect(changes.filter((c) => c.action === 'create').map((c) => c.quickBooksId)).toEqual(['2']);
    expect(await again.db.runs.count()).toBe(1);
  });

  it('a create Karbon refuses waits once in Resolve duplicates, and is not sent again until the customer changes', async () => {
    const first = await world();
    first.karbon.before = (name) => {
      if (name === 'createRecord')
        throw new RejectedWriteError('karbon', '4002', "Karbon rejected the change: 'Grace' is not allowed");
    };
    const report = await first.engine.runSync();
    expect(report).toMatchObject({ status: 'completed', errors: [], counts: { createdInKarbon: 0 } });
    const item = report.duplicates.find((d) => d.sourceId === '2');
    expect(item).toMatchObject({ why: 'value-refused', candidates: [], refused: { service: 'karbon' } });
    expect(item?.refused?.sentence).toMatch(/^Karbon refused the change/u);

    // The next runs, a full read a day later included: planned again from the item, nothing sent.
    await first.engine.runSync();
    const later = createEngine({
      db: first.db,
      quickbooks: first.quickbooks,
      karbon: first.karbon,
      now: clock(2 * 86_400_000),
      newId: ids(),
    });
    const full = await later.runSync();
    expect(full).toMatchObject({ errors: [], counts: { createdInKarbon: 0 } });
    expect(first.karbon.calls.filter((c) => c === 'createRecord')).toHaveLength(1);
    // A person's "create" says the same and sends nothing.
    const decided = await later.resolve(item?.id ?? '', { action: 'create' });
    expect(decided.errors.map((e) => e.message)).toEqual([item?.refused?.sentence]);
    expect(first.karbon.calls.filter((c) => c === 'createRecord')).toHaveLength(1);

    // Once the customer changes, it is tried again.
    first.karbon.before = undefined;
    const grace = first.quickbooks.customers.get('2');
    if (grace) grace.contact.fields.phoneWork = '555 0199';
    await later.runSync();
    expect([...first.karbon.records.values()].some((r) => r.userDefinedIdentifier === 'QBO-2')).toBe(true);
  });

  it('resolving: link to a candidate, then remove the match; the pair is never linked automatically again', async () => {
    const { engine, karbon } = await world();
    await engine.runSync();
    const [item] = await engine.duplicates();
    if (!item) throw new Error('no item');
    const linked = await engine.resolve(item.id, { action: 'link', candidateId: 'K3' });
    expect(linked.status).toBe('completed');
    expect((await engine.links()).find((l) => l.quickBooksId === '3')).toMatchObject({
      karbonKey: 'K3',
      linkedBy: 'person',
    });
    expect(await engine.duplicates()).toEqual([]);

    // Make the pair an exact match, then remove it: the next run must not link it again.
    const k3 = karbon.records.get('K3');
    if (k3) k3.contact.fields.email = 'alan@example.com';
    await engine.unlink('3');
    const next = await engine.runSync();
    expect(next.duplicates).toMatchObject([{ sourceId: '3', why: 'exact-unlinked-by-person' }]);
    expect((await engine.links()).some((l) => l.quickBooksId === '3')).toBe(false);
  });

  it('resolving: create new makes a Karbon contact with the configured type; skip keeps it out until it changes', async () => {
    const { engine, karbon, quickbooks } = await world();
    await engine.updateSettings({ newContactType: 'Prospect' });
    await engine.runSync();
    const [item] = await engine.duplicates();
    if (!item) throw new Error('no item');
    await engine.resolve(item.id, { action: 'create' });
    const made = [...karbon.records.values()].find((r) => r.userDefinedIdentifier === 'QBO-3');
    expect(made?.contact.contactType).toBe('Prospect');

    // Skip: a new ambiguous customer, skipped, stays out until its record changes.
    quickbooks.customers.set(
      '5',
      customer({ id: '5', given: 'Ada', family: 'Lovelace', email: 'countess@example.com' }),
    );
    await engine.runSync();
    const [waiting] = await engine.duplicates();
    if (!waiting) throw new Error('no item');
    await engine.resolve(waiting.id, { action: 'skip' });
    expect((await engine.runSync()).duplicates).toEqual([]);
    const c5 = quickbooks.customers.get('5');
    if (c5) c5.contact.fields.phoneWork = '555 0199';
    expect((await engine.runSync()).duplicates).toMatchObject([{ sourceId: '5', id: waiting.id }]);
  });

  it('bulk decisions run as one recorded run; one that cannot apply is reported, the rest are done', async () => {
    const { engine, quickbooks, db } = await world();
    quickbooks.customers.set(
      '5',
      customer({ id: '5', given: 'Ada', family: 'Lovelace', email: 'countess@example.com' }),
    );
    await engine.runSync();
    const items = await engine.duplicates();
    const alan = items.find((i) => i.sourceId === '3');
    const ada = items.find((i) => i.sourceId === '5');
    if (!alan || !ada) throw new Error('items missing');
    const report = await engine.resolveMany([
      { itemId: alan.id, decision: { action: 'link', candidateId: 'K3' } },
      { itemId: ada.id, decision: { action: 'link', candidateId: 'K1' } },
      { itemId: 'gone', decision: { action: 'skip' } },
    ]);
    expect(report.status).toBe('completed');
    expect(report.errors.map((e) => e.sourceId)).toEqual([ada.id, 'gone']);
    expect(report.errors[0]?.message).toMatch(
      /K1 is already linked to QuickBooks customer 1; remove that match first\.$/,
    );
    expect((await engine.links()).find((l) => l.quickBooksId === '3')?.linkedBy).toBe('person');
    expect((await engine.duplicates()).map((i) => i.sourceId)).toEqual(['5']);
    expect((await db.runs.toArray()).filter((r) => r.trigger === 'decision')).toHaveLength(1);
  });

  it('a decision that cannot be carried out is refused before anything is written', async () => {
    const { engine, db } = await world();
    await engine.runSync();
    const [item] = await engine.duplicates();
    if (!item) throw new Error('no item');
    await expect(engine.resolve(item.id, { action: 'link', candidateId: 'K1' })).rejects.toThrow(
      /not a candidate/,
    );
    await expect(engine.unlink('99')).rejects.toThrow(/not linked/);
    expect(await db.runs.count()).toBe(1);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('timed out');
}

// The demo firm's story (sandbox/demo, demoExpectations): the first Sync Now, by the real engine
// over HTTP, links, creates, queues and leaves out exactly the customers the story says.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSandbox } from '../../cli/connect';
import { openMemoryDatabase } from '../../lib/db/node';
import { createEngine, type Engine, type RunReport } from '../../lib/sync/engine';
import { demoExpectations } from '../../sandbox/demo';
import { type RunningSandbox, startSandbox } from '../../sandbox/server';

let sandbox: RunningSandbox;
let engine: Engine;
let preview: Awaited<ReturnType<Engine['preview']>>;
let first: RunReport;

beforeAll(async () => {
  // The demo firm; rate windows shortened so its few hundred requests are not paced for minutes.
  sandbox = await startSandbox({ port: 0, demo: true, config: { timeScale: 30 } });
  const services = await connectSandbox(
    sandbox.url,
    join(mkdtempSync(join(tmpdir(), 'engine-demo-')), 'tokens.json'),
  );
  engine = createEngine({
    db: await openMemoryDatabase(),
    quickbooks: services.quickbooks,
    karbon: services.karbon,
    now: () => new Date(),
    newId: randomUUID,
    requestCounts: services.requestCounts,
  });
  preview = await engine.preview();
  first = await engine.runSync();
}, 300_000);

afterAll(async () => {
  await sandbox.close();
});

const sorted = (xs: string[]) => [...xs].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));

describe('the demo firm, first Sync Now', () => {
  it('completes without errors', () => {
    expect(first.errors).toEqual([]);
    expect(first.status).toBe('completed');
  });

  it('links every pair the story says, by name and email or by ExternalKey', async () => {
    const links = new Map((await engine.links()).map((l) => [l.quickBooksId, l]));
    for (const e of demoExpectations.links) {
      const link = links.get(e.qboId);
      expect(link, `${e.story}: customer ${e.qboId}`).toMatchObject({
        karbonKey: e.karbonKey,
        karbonKind: e.karbonKind,
        linkedBy: 'auto',
      });
      // An ExternalKey pair whose name and email also agree links by the first rule already.
      const hows = e.via === 'external-key' ? ['external-key', 'exact-match'] : ['exact-match'];
      expect(hows, e.story).toContain(link?.how);
      // Emails differ: only ExternalKey can have linked these.
      if (e.story.startsWith('external-key-moved')) expect(link?.how, e.story).toBe('external-key');
    }
  });

  it('creates in Karbon exactly the customers with no match, with the right kind', async () => {
    const created = (await engine.links()).filter((l) => l.how === 'created-in-karbon');
    expect(sorted(created.map((l) => l.quickBooksId))).toEqual(
      sorted(demoExpectations.creates.map((c) => c.qboId)),
    );
    const kind = new Map(created.map((l) => [l.quickBooksId, l.karbonKind]));
    for (const c of demoExpectations.creates) {
      expect(kind.get(c.qboId), c.story).toBe(c.kind === 'organization' ? 'organization' : 'contact');
    }
    expect(first.counts.createdInKarbon).toBe(demoExpectations.creates.length);
  });

  it('queues exactly the ambiguous customers, each with every expected candidate', async () => {
    const items = await engine.duplicates();
    expect(sorted(items.map((i) => i.sourceId))).toEqual(
      sorted(demoExpectations.reviews.map((r) => r.qboId)),
    );
    const byId = new Map(items.map((i) => [i.sourceId, i]));
    for (const r of demoExpectations.reviews) {
      const ids = byId.get(r.qboId)?.candidates.map((c) => c.id) ?? [];
      expect(sorted(ids), `${r.story} (${r.reason})`).toEqual(expect.arrayContaining(r.candidateKeys));
    }
    expect(first.counts.duplicates).toBe(demoExpectations.reviews.length);
  });

  it('leaves inactive customers and sub-customers alone, and links nothing else', async () => {
    const links = await engine.links();
    const linked = new Set(links.map((l) => l.quickBooksId));
    for (const s of demoExpectations.skipped) expect(linked.has(s.qboId), `${s.story}`).toBe(false);
    const karbonLinked = new Set(links.map((l) => l.karbonKey));
    for (const k of demoExpectations.karbonOnly) expect(karbonLinked.has(k.karbonKey), k.story).toBe(false);
    expect(links).toHaveLength(demoExpectations.links.length + demoExpectations.creates.length);
  });

  it('the preview had planned exactly this', () => {
    expect(sorted(preview.buckets.create.map((r) => r.quickBooksId))).toEqual(
      sorted(demoExpectations.creates.map((c) => c.qboId)),
    );
    expect(sorted(preview.buckets.link.map((r) => r.quickBooksId))).toEqual(
      sorted(demoExpectations.links.map((l) => l.qboId)),
    );
    expect(sorted(preview.buckets.review.map((r) => r.sourceId))).toEqual(
      sorted(demoExpectations.reviews.map((r) => r.qboId)),
    );
    expect(preview.counts).toMatchObject({
      linked: first.counts.linked,
      createdInKarbon: first.counts.createdInKarbon,
      duplicates: first.counts.duplicates,
    });
  });

  it('a second run with nothing changed writes nothing and reads only the lists', async () => {
    const second = await engine.runSync();
    expect(second.counts).toMatchObject({
      linked: 0,
      createdInKarbon: 0,
      updatedInKarbon: 0,
      updatedInQuickBooks: 0,
      errors: 0,
    });
    expect(second.counts.duplicates).toBe(demoExpectations.reviews.length);
    expect(second.requests.karbon).toBeLessThanOrEqual(first.requests.karbon / 10);
  }, 120_000);
});

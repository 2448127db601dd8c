// The benchmark harness itself, at a tiny size: it produces a well-formed report, every count it
// reports is the sandbox's own (GET /__sandbox/requests), and its minimum follows the rules
// written in docs/benchmarks.md. Not a timed test: nothing here depends on how fast it runs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { benchSize } from '../../bench/harness';
import {
  cdcRequests,
  listPages,
  minimumOf,
  newestFirstPages,
  queryPages,
  ratio,
  type Work,
} from '../../bench/minimum';
import { benchReportSchema, type SizeResult, sizeSchema } from '../../bench/report';
import { startSandbox } from '../../sandbox/server';

const N = 40;
const TIME_SCALE = 600;
const work = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const logSchema = z.object({ byService: z.record(z.string(), z.number()) });

async function sandboxLog(url: string): Promise<Record<string, number>> {
  return logSchema.parse(await (await fetch(`${url}/__sandbox/requests`)).json()).byService;
}

describe('the minimum the APIs permit', () => {
  it.each([
    [0, 1],
    [999, 1],
    [1000, 2],
    [10_000, 11],
  ])('a full QuickBooks read of %i customers takes %i query pages (the last one short)', (rows, pages) => {
    expect(queryPages(rows)).toBe(pages);
  });

  it('Karbon pages: a full list by nextLink, newest first until a row older than the mark', () => {
    expect([listPages(0), listPages(100), listPages(101), listPages(7000)]).toEqual([1, 1, 2, 70]);
    expect([newestFirstPages(0, 7000), newestFirstPages(99, 7000), newestFirstPages(100, 7000)]).toEqual([
      1, 1, 2,
    ]);
    expect(newestFirstPages(5000, 120)).toBe(2);
    expect([cdcRequests(0), cdcRequests(999), cdcRequests(1000)]).toEqual([1, 1, 3]);
  });

  it('a Karbon update is a PUT and a read-back, plus a read first when the record was not read this run', () => {
    const w: Work = {
      read: {
        mode: 'incremental',
        customers: 5000,
        karbon: { contact: 3000, organization: 2000 },
        changedCustomers: 12,
        changedKarbon: { contact: 150, organization: 0 },
      },
      candidateDetails: 0,
      linkDetails: 0,
      changedDetails: 4,
      externalKeyLookups: 0,
      contactTypesCheck: false,
      karbonCreates: 0,
      karbonUpdates: { read: 2, unread: 3 },
      qboCreates: 0,
      qboUpdates: 61,
    };
    const m = minimumOf(w);
    expect(m.quickbooks).toEqual({ total: 62, parts: { CDC: 1, updates: 61 } });
    expect(m.karbon.parts).toEqual({
      'newest-first pages': 3,
      'changed details': 4,
      'reads before PUT': 3,
      'updates (PUT)': 5,
      'read-backs after PUT': 5,
    });
    expect(m.karbon.total).toBe(20);
    expect(m.quickbooksWithBatch).toBe(1 + 3);
    expect([ratio(3, 2), ratio(0, 0), ratio(1, 0)]).toEqual([1.5, 1, null]);
  });
});

describe('the harness at a tiny size', () => {
  let result: SizeResult;
  let logged: Record<string, number>;

  it('runs every scenario against a sandbox holding generateState(n) and reports in the declared shape', async () => {
    const sandbox = await startSandbox({ port: 0, generate: N, config: { timeScale: TIME_SCALE } });
    try {
      const before = await sandboxLog(sandbox.url);
      expect((before.qbo ?? 0) + (before.karbon ?? 0)).toBe(0);
      result = sizeSchema.parse(
        await benchSize({
          n: N,
          timeScale: TIME_SCALE,
          editFraction: 0.05,
          workDir: work,
          sandboxUrl: sandbox.url,
        }),
      );
      logged = await sandboxLog(sandbox.url);
    } finally {
      await sandbox.close();
    }
    expect(result.scenarios.map((s) => s.name)).toEqual([
      'preview',
      'first-sync',
      'quiet',
      'edits',
      'settled',
    ]);
    expect(result.records.customers).toBe(N);
    expect(result.edits).toEqual({ quickbooks: 2, karbon: 2 });
  });

  it("reports for every scenario exactly what the sandbox logged, and the engine's own count agrees", () => {
    for (const s of result.scenarios) {
      expect(s.countsAgree, s.name).toBe(true);
      expect(s.engine, s.name).toEqual({ quickbooks: s.sandbox.quickbooks, karbon: s.sandbox.karbon });
      const byRoute = Object.entries(s.sandbox.byRoute);
      const sum = (prefix: RegExp) => byRoute.filter(([r]) => prefix.test(r)).reduce((a, [, n]) => a + n, 0);
      expect(sum(/^\w+ \/(qbo|intuit)\//u), s.name).toBe(s.sandbox.quickbooks);
      expect(sum(/^\w+ \/karbon\//u), s.name).toBe(s.sandbox.karbon);
    }
  });

  it("adds up, with the harness's own requests, to the sandbox's whole log", () => {
    const scenarios = (key: 'quickbooks' | 'karbon') =>
      result.scenarios.reduce((a, s) => a + s.sandbox[key], 0);
    const h = result.harnessRequests;
    expect(scenarios('quickbooks') + (h.qbo ?? 0) + (h.intuit ?? 0)).toBe(
      (logged.qbo ?? 0) + (logged.intuit ?? 0),
    );
    expect(scenarios('karbon') + (h.karbon ?? 0)).toBe(logged.karbon);
    expect(result.sandboxTotal.karbon).toBe(logged.karbon);
  });

  it('computes the minimum from the sandbox data and the firm, not from what the engine sent', () => {
    const [preview, first, quiet] = result.scenarios;
    // 40 customers fit one short query page; each Karbon kind one list page.
    expect(preview?.minimum.quickbooks.parts).toEqual({ 'query pages': 1 });
    expect(preview?.minimum.karbon.parts['list pages']).toBe(2);
    expect(first?.minimum.karbon.parts['link details']).toBe(result.expected.links);
    expect(first?.minimum.karbon.parts.creates ?? 0).toBe(first?.written.karbonCreated);
    // After the first sync a checkpoint exists: the least the APIs permit is one CDC call.
    expect(quiet?.minimum.quickbooks.parts).toEqual({ CDC: 1 });
    expect(quiet?.fullReadFloor.quickbooks.parts).toEqual({ 'query pages': 1 });
    for (const s of result.scenarios) {
      const expected =
        s.minimum.quickbooks.total === 0 ? null : s.sandbox.quickbooks / s.minimum.quickbooks.total;
      if (expected !== null) expect(s.ratio.quickbooks).toBeCloseTo(expected, 1);
    }
  });
});

describe('npm run bench', () => {
  it('--json prints the report and --out writes it, with a Markdown summary beside it', () => {
    const out = join(work, 'cli', 'r.json');
    const res = spawnSync(
      'npx',
      ['tsx', 'bench/run.ts', '--sizes', '15', '--time-scale', String(TIME_SCALE), '--json', '--out', out],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(res.status, res.stderr).toBe(0);
    const printed = benchReportSchema.parse(JSON.parse(res.stdout));
    expect(printed.sizes.map((s) => s.n)).toEqual([15]);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(printed);
    expect(readFileSync(join(work, 'cli', 'r.md'), 'utf8')).toContain('| scenario |');
    expect(existsSync(join(work, 'cli', 'latest.json'))).toBe(true);
  });

  it('refuses bad options with the usage and exit code 2', () => {
    const res = spawnSync('npx', ['tsx', 'bench/run.ts', '--sizes', 'ten'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('--sizes');
  });
});

// One size of the benchmark: a generated firm of n clients on an in-process sandbox whose
// rate-limit minute is compressed, the engine the CLI uses (cli/connect.ts ports, Dexie on
// fake-indexeddb), and the scenarios in order on one database, as a firm would live them:
// preview, first sync, a run with nothing changed, a run after edits on both sides, and the
// run after that (which must find nothing left to do).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectSandbox } from '../cli/connect';
import type { SyncDatabase } from '../lib/db/database';
import { openMemoryDatabase } from '../lib/db/node';
import { readLinks } from '../lib/sync/queries';
import { DEMO_CREDENTIALS } from '../sandbox/core/credentials';
import { generateFirmWithExpectations } from '../sandbox/demo/generate';
import { addLogs, emptyLog, logDelta, type RequestLog, SandboxControl } from './control';
import { applyEdits, chooseEdits } from './edits';
import { rssMb, sampleMemory } from './memory';
import { plannerCpuMs, readPlannerInput } from './planner-cpu';
import type { ScenarioResult, SizeResult } from './report';
import { startSandboxThread } from './sandbox-host';
import { measure, type ScenarioContext, type ScenarioSpec } from './scenario';
import { expectedOf, firstRunSpec, laterRunSpec, previewSpec, type Timeline } from './scenarios';
import { diff, digest, type StateDigest, sizesOf } from './work';

export interface SizeOptions {
  n: number;
  timeScale: number;
  /** Share of the linked clients edited on each side before the edits run (0.01 = 1 %). */
  editFraction: number;
  /** Tokens files and other scratch. */
  workDir: string;
  /** A running sandbox already holding generateState(n) (tests); otherwise one is started here. */
  sandboxUrl?: string;
  log?: (line: string) => void;
}

/**
 * Sandbox time between runs, and between a run and a person's edits. The rate-limit minute is
 * compressed but the sandbox's clock is not: without a gap, the engine's safety margins (CDC
 * resumes a minute early) would reach back into the previous run's own writes, which at the
 * real rates lie hours back. 10 minutes: more than the margins, and three of them stay inside
 * the demo access token's hour (no refresh to muddle the counts).
 */
const SCHEDULE_MS = 10 * 60_000;
const PERSON_GAP_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function benchSize(o: SizeOptions): Promise<SizeResult> {
  const started = performance.now();
  const firm = generateFirmWithExpectations(o.n, DEMO_CREDENTIALS.qbo.realmId);
  // The thread generates the same firm (generateState(n) is deterministic) on its own heap.
  const own = o.sandboxUrl ? null : await startSandboxThread(o.n, o.timeScale);
  const url = o.sandboxUrl ?? own?.url ?? '';
  const db = await openMemoryDatabase();
  try {
    return await runSize(o, url, db, expectedOf(firm.expectations), started);
  } finally {
    db.close();
    await own?.close();
  }
}

async function runSize(
  o: SizeOptions,
  url: string,
  db: SyncDatabase,
  expected: ReturnType<typeof expectedOf>,
  started: number,
): Promise<SizeResult> {
  mkdirSync(o.workDir, { recursive: true });
  const control = new SandboxControl(url);
  const windowMs = 60_000 / (await control.timeScale());
  const ctx: ScenarioContext = { control, db, tokensPath: join(o.workDir, `tokens-${o.n}.json`), windowMs };
  const baselineRssMb = rssMb();
  const memory = sampleMemory();
  const logStart = await control.requests();
  let harness: RequestLog = emptyLog();
  /** Work of the harness itself (edits, the planner's reads): counted apart from the scenarios. */
  const aside = async <T>(work: () => Promise<T>): Promise<T> => {
    await sleep(windowMs + 20);
    const before = await control.requests();
    const out = await work();
    harness = addLogs(harness, logDelta(before, await control.requests()));
    return out;
  };

  let current: StateDigest = digest(await control.state());
  const records = sizesOf(current);
  const scenarios: ScenarioResult[] = [];
  const run = async (spec: ScenarioSpec) => {
    const { result, after } = await measure(ctx, spec, current);
    current = after;
    scenarios.push(result);
    o.log?.(oneLine(o.n, result));
  };
  const timeline: Timeline = { lastRunStart: null, clock: () => control.clock() };
  const planner = {
    customers: records.customers,
    karbonRows: records.karbon.contact + records.karbon.organization,
  };

  await run(previewSpec(expected));
  const firstSyncCpuMs = await aside(async () => {
    const fresh = await openMemoryDatabase();
    try {
      return plannerCpuMs(await readPlannerInput(await connectSandbox(url, ctx.tokensPath), fresh));
    } finally {
      fresh.close();
    }
  });
  await run(firstRunSpec(expected, timeline));
  const steadyCpuMs = await aside(async () =>
    plannerCpuMs(await readPlannerInput(await connectSandbox(url, ctx.tokensPath), db)),
  );
  const later = async (spec: ScenarioSpec) => {
    await control.advance(SCHEDULE_MS);
    await run(spec);
  };
  await later(laterRunSpec('quiet', 'Nothing changed', timeline, { quickbooks: 0, karbon: 0 }));

  const k = Math.max(1, Math.round(o.n * o.editFraction));
  const edits = chooseEdits(await readLinks(db), k);
  // A person edits a while after the last run, not within the same second (docs/benchmarks.md).
  await control.advance(PERSON_GAP_MS);
  await aside(() => applyEdits(url, join(o.workDir, `edit-tokens-${o.n}.json`), edits, 1));
  const edited = diff(current, digest(await control.state()));
  current = digest(await control.state());
  const made = {
    quickbooks: edited.qboUpdated,
    karbon: edited.karbonUpdated.contact + edited.karbonUpdated.organization,
  };
  await later(
    laterRunSpec('edits', `${made.quickbooks} + ${made.karbon} edits (QuickBooks + Karbon)`, timeline, made),
  );
  await later(
    laterRunSpec('settled', 'After the edits: nothing left to do', timeline, { quickbooks: 0, karbon: 0 }),
  );

  const total = logDelta(logStart, await control.requests());
  return {
    n: o.n,
    records: {
      customers: records.customers,
      karbonContacts: records.karbon.contact,
      karbonOrganizations: records.karbon.organization,
    },
    expected: {
      links: expected.links,
      creates: expected.creates,
      reviews: expected.reviews,
      skipped: expected.skipped,
    },
    edits: made,
    scenarios,
    planner: { ...planner, firstSyncCpuMs, steadyCpuMs },
    memory: { baselineRssMb, ...memory.stop() },
    harnessRequests: harness.byService,
    sandboxTotal: total.byService,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function oneLine(n: number, r: ScenarioResult): string {
  const fmt = (x: number | null) => (x === null ? '—' : `${x}×`);
  return (
    `n=${n} ${r.name.padEnd(10)} QuickBooks ${r.sandbox.quickbooks} (min ${r.minimum.quickbooks.total}, ${fmt(r.ratio.quickbooks)}) ` +
    `Karbon ${r.sandbox.karbon} (min ${r.minimum.karbon.total}, ${fmt(r.ratio.karbon)}) ${r.wallSeconds}s` +
    (Object.keys(r.failedAnswers).length > 0 ? `  answers: ${JSON.stringify(r.failedAnswers)}` : '') +
    (r.notes.length > 0 ? `  [${r.notes.join('; ')}]` : '')
  );
}

// Measures one scenario: a fresh connection and engine (as one CLI invocation builds them) on
// the size's database, the sandbox's log and data before and after, and the minimum for the
// work the sandbox's data shows. The harness says what the work was; this does the counting.
import { randomUUID } from 'node:crypto';
import { connectSandbox } from '../cli/connect';
import type { SyncDatabase } from '../lib/db/database';
import { createEngine, type Engine, type RunReport } from '../lib/sync/engine';
import { logDelta, type RequestLog, type SandboxControl } from './control';
import { sampleMemory, settledHeapMb } from './memory';
import { type Minimum, minimumOf, ratio, realMinutes, type Work } from './minimum';
import type { ScenarioResult } from './report';
import { watchStatuses } from './status-watch';
import { diff, digest, type StateDiff, type StateDigest } from './work';

export interface ScenarioContext {
  control: SandboxControl;
  db: SyncDatabase;
  tokensPath: string;
  /** Length of the sandbox's rate-limit "minute" in ms. */
  windowMs: number;
}

export interface Observed {
  before: StateDigest;
  after: StateDigest;
  written: StateDiff;
  report: RunReport;
}

export interface ScenarioSpec {
  name: string;
  title: string;
  act: (engine: Engine) => Promise<RunReport>;
  /** The work for the minimum; `full` describes it with every list read in full. */
  work: (seen: Observed, read: 'api' | 'full') => Work;
  notes?: (seen: Observed, result: Omit<ScenarioResult, 'notes'>) => string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measure(
  ctx: ScenarioContext,
  spec: ScenarioSpec,
  before: StateDigest,
): Promise<{ result: ScenarioResult; after: StateDigest; log: RequestLog }> {
  // A new connection starts with empty limiter windows: let the server's windows empty too.
  await sleep(ctx.windowMs + 20);
  const logBefore = await ctx.control.requests();
  const heapAtStartMb = settledHeapMb();
  const memory = sampleMemory();
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const { report, answers } = await watched(async () => {
    const services = await connectSandbox(ctx.control.url, ctx.tokensPath);
    const engine = createEngine({
      db: ctx.db,
      quickbooks: services.quickbooks,
      karbon: services.karbon,
      now: () => new Date(),
      newId: randomUUID,
      requestCounts: services.requestCounts,
    });
    return spec.act(engine);
  });
  const cpuUsed = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - wall) / 1000;
  const { peakHeapMb } = memory.stop();
  const heapAfterMb = settledHeapMb();
  const log = logDelta(logBefore, await ctx.control.requests());
  const after = digest(await ctx.control.state());
  const seen: Observed = { before, after, written: diff(before, after), report };

  const minimum = minimumOf(spec.work(seen, 'api'));
  const fullReadFloor = minimumOf(spec.work(seen, 'full'));
  const sandbox = {
    quickbooks: (log.byService.qbo ?? 0) + (log.byService.intuit ?? 0),
    karbon: log.byService.karbon ?? 0,
    byRoute: log.byRoute,
  };
  const min = { quickbooks: minimum.quickbooks.total, karbon: minimum.karbon.total };
  const w = seen.written;
  const result: Omit<ScenarioResult, 'notes'> = {
    name: spec.name,
    title: spec.title,
    status: report.status,
    quickbooksRead: quickbooksReadOf(log.byRoute),
    wallSeconds: round(wallSeconds, 2),
    cpuSeconds: round((cpuUsed.user + cpuUsed.system) / 1e6, 2),
    heapMb: { start: heapAtStartMb, peak: peakHeapMb, retained: heapAfterMb },
    engine: report.requests,
    sandbox,
    failedAnswers: answers,
    countsAgree:
      report.requests.quickbooks === sandbox.quickbooks && report.requests.karbon === sandbox.karbon,
    minimum,
    fullReadFloor,
    ratio: ratios(sandbox, min),
    ratioToFullReadFloor: ratios(sandbox, totals(fullReadFloor)),
    realMinutes: { actual: realMinutes(sandbox), minimum: realMinutes(min) },
    counts: { ...report.counts },
    errors: report.errors.length,
    written: {
      quickbooksCreated: w.qboCreated,
      quickbooksUpdated: w.qboUpdated,
      karbonCreated: w.karbonCreated.contact + w.karbonCreated.organization,
      karbonUpdated: w.karbonUpdated.contact + w.karbonUpdated.organization,
    },
  };
  return { result: { ...result, notes: spec.notes?.(seen, result) ?? [] }, after, log };
}

function totals(m: Minimum) {
  return { quickbooks: m.quickbooks.total, karbon: m.karbon.total };
}

function ratios(actual: { quickbooks: number; karbon: number }, min: { quickbooks: number; karbon: number }) {
  return { quickbooks: ratio(actual.quickbooks, min.quickbooks), karbon: ratio(actual.karbon, min.karbon) };
}

function quickbooksReadOf(byRoute: Record<string, number>): ScenarioResult['quickbooksRead'] {
  const routes = Object.keys(byRoute);
  if (routes.some((r) => r.endsWith('/cdc'))) return 'cdc';
  if (routes.some((r) => r.endsWith('/query'))) return 'full';
  return 'none';
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs `work` with the status watch on (the ports must be built inside it). */
async function watched(work: () => Promise<RunReport>) {
  const watch = watchStatuses();
  try {
    const report = await work();
    return { report, answers: watch.stop() };
  } catch (err) {
    watch.stop();
    throw err;
  }
}

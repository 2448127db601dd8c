// The benchmark's result, declared once: the JSON written to bench-results/ and printed by
// `--json`, validated by the smoke test so its shape cannot drift unnoticed.
import { z } from 'zod';

const perService = z.object({ quickbooks: z.number(), karbon: z.number() });
/** null: the minimum is 0 yet requests were made. */
const ratios = z.object({ quickbooks: z.number().nullable(), karbon: z.number().nullable() });
const serviceMinimum = z.object({ total: z.number(), parts: z.record(z.string(), z.number()) });
const minimum = z.object({
  quickbooks: serviceMinimum,
  karbon: serviceMinimum,
  quickbooksWithBatch: z.number(),
});

export const scenarioSchema = z.object({
  name: z.string(),
  title: z.string(),
  status: z.enum(['completed', 'failed']),
  /** How QuickBooks was read, from the sandbox's routes: CDC means incremental. */
  quickbooksRead: z.enum(['full', 'cdc', 'none']),
  wallSeconds: z.number(),
  /** CPU of the whole process (engine and the sandbox's thread). */
  cpuSeconds: z.number(),
  /**
   * The main thread's heap (engine, Dexie on fake-indexeddb, clients; not the sandbox) in MB:
   * live data at the start (after a collection), the sampled peak, live data at the end.
   */
  heapMb: z.object({ start: z.number(), peak: z.number(), retained: z.number() }),
  /** What the engine's report says it sent (Intuit token calls count under QuickBooks). */
  engine: perService,
  /** The sandbox's own log for the same span: `GET /__sandbox/requests` before and after. */
  sandbox: perService.extend({ byRoute: z.record(z.string(), z.number()) }),
  /** Answers other than 2xx by service and status ("qbo 429"), and requests left unanswered: retries show here. */
  failedAnswers: z.record(z.string(), z.number()),
  countsAgree: z.boolean(),
  /** The least the APIs permit for this work (incremental reads once a checkpoint exists). */
  minimum,
  /** The same work with every list read in full (issue 3's reads). */
  fullReadFloor: minimum,
  ratio: ratios,
  ratioToFullReadFloor: ratios,
  /** Minutes at the real limits (QuickBooks 500/min, Karbon 120/min): actual and minimum. */
  realMinutes: z.object({
    actual: perService.extend({ atLeast: z.number() }),
    minimum: perService.extend({ atLeast: z.number() }),
  }),
  counts: z.record(z.string(), z.number()),
  errors: z.number(),
  /** What the sandbox's data shows was written during the scenario. */
  written: z.object({
    quickbooksCreated: z.number(),
    quickbooksUpdated: z.number(),
    karbonCreated: z.number(),
    karbonUpdated: z.number(),
  }),
  notes: z.array(z.string()),
});
export type ScenarioResult = z.infer<typeof scenarioSchema>;

export const sizeSchema = z.object({
  n: z.number(),
  records: z.object({ customers: z.number(), karbonContacts: z.number(), karbonOrganizations: z.number() }),
  expected: z.object({ links: z.number(), creates: z.number(), reviews: z.number(), skipped: z.number() }),
  edits: z.object({ quickbooks: z.number(), karbon: z.number() }),
  scenarios: z.array(scenarioSchema),
  planner: z.object({
    customers: z.number(),
    karbonRows: z.number(),
    firstSyncCpuMs: z.number(),
    steadyCpuMs: z.number(),
  }),
  /** RSS: the whole process, sandbox thread included; heap: the main thread, the harness's state reads included. */
  memory: z.object({ baselineRssMb: z.number(), peakRssMb: z.number(), peakHeapMb: z.number() }),
  /** Requests the harness itself caused (a person's edits, the planner's reads), per sandbox service. */
  harnessRequests: z.record(z.string(), z.number()),
  /** Every request the sandbox logged while this size ran; equals scenarios + harness. */
  sandboxTotal: z.record(z.string(), z.number()),
  wallSeconds: z.number(),
});
export type SizeResult = z.infer<typeof sizeSchema>;

export const benchReportSchema = z.object({
  version: z.literal(1),
  startedAt: z.string(),
  commit: z.string(),
  dirty: z.boolean(),
  node: z.string(),
  cpus: z.number(),
  timeScale: z.number(),
  editFraction: z.number(),
  sizes: z.array(sizeSchema),
});
export type BenchReport = z.infer<typeof benchReportSchema>;

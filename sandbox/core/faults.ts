import { z } from 'zod';
import { describeZodError } from './config';
import { seededRandom } from './random';

const FAULT_SEED = 20_240_601;

const ruleSchema = z
  .strictObject({
    route: z.string().min(1).optional(),
    // 409 lets a test force Karbon's lost-race answer (code 4020); the others are any service's.
    status: z.union([z.literal(409), z.literal(429), z.literal(500), z.literal(503)]).optional(),
    /** true: the connection drops before the request runs; 'after': it runs, then the answer is lost. */
    drop: z.union([z.literal(true), z.literal('after')]).optional(),
    /**
     * A 200 a client cannot use: 'truncated' runs the request and cuts its answer in half (a proxy
     * or a broken connection), 'shape' answers valid JSON of the wrong shape without running it.
     */
    malformed: z.enum(['truncated', 'shape']).optional(),
    slowMs: z.number().int().positive().optional(),
    rate: z.number().min(0).max(1).optional(),
    count: z.number().int().positive().optional(),
  })
  .refine(
    (r) =>
      r.status !== undefined || r.drop !== undefined || r.malformed !== undefined || r.slowMs !== undefined,
    { message: 'a fault needs at least one of status, drop, malformed or slowMs' },
  )
  .refine((r) => [r.status, r.drop, r.malformed].filter((x) => x !== undefined).length <= 1, {
    message: 'status, drop and malformed exclude each other (one answer per request)',
  });

export type FaultRule = z.infer<typeof ruleSchema>;

/** What the server does to one request: wait, then drop it or answer with a status. */
export interface FaultDecision {
  slowMs: number;
  drop: 'before' | 'after' | null;
  status: number | null;
  malformed: 'truncated' | 'shape' | null;
}

/**
 * Injected faults (POST /__sandbox/faults). A rule with `count` affects exactly the next n
 * matching requests it fires on; `rate` draws from a seeded generator so runs repeat; clearing
 * the rules also re-seeds it.
 */
export class FaultInjector {
  private rules: { rule: FaultRule; remaining: number | null }[] = [];
  private random = seededRandom(FAULT_SEED);

  add(body: unknown): FaultRule | { error: string } {
    const parsed = ruleSchema.safeParse(body);
    if (!parsed.success) return { error: describeZodError(parsed.error) };
    this.rules.push({ rule: parsed.data, remaining: parsed.data.count ?? null });
    return parsed.data;
  }

  list(): (FaultRule & { remaining?: number })[] {
    return this.rules.map(({ rule, remaining }) =>
      remaining === null ? { ...rule } : { ...rule, remaining },
    );
  }

  clear(): void {
    this.rules = [];
    this.random = seededRandom(FAULT_SEED);
  }

  /** `routeName` is e.g. "GET /qbo/v3/company/{realmId}/query", `path` the real path. */
  decide(routeName: string, path: string): FaultDecision {
    const decision: FaultDecision = { slowMs: 0, drop: null, status: null, malformed: null };
    for (const entry of this.rules) {
      const { rule } = entry;
      if (rule.route !== undefined && !routeName.includes(rule.route) && !path.includes(rule.route)) continue;
      const decided = decision.drop !== null || decision.status !== null || decision.malformed !== null;
      // A status or drop rule waits for a request it can act on; it is not used up behind another.
      if (decided && rule.slowMs === undefined) continue;
      if (rule.rate !== undefined && this.random() >= rule.rate) continue;
      if (entry.remaining !== null) entry.remaining -= 1;
      decision.slowMs += rule.slowMs ?? 0;
      if (!decided) {
        if (rule.drop !== undefined) decision.drop = rule.drop === 'after' ? 'after' : 'before';
        else if (rule.status !== undefined) decision.status = rule.status;
        else if (rule.malformed !== undefined) decision.malformed = rule.malformed;
      }
    }
    this.rules = this.rules.filter((e) => e.remaining === null || e.remaining > 0);
    return decision;
  }
}

// The sandbox's control API as the benchmark uses it: its own request log (the count every
// number here is checked against), its clock, and its whole state (to see what a run wrote).
// Control routes are not counted by the sandbox, so reading them costs the benchmark nothing.
import { z } from 'zod';

const requestLogSchema = z.object({
  total: z.number(),
  byService: z.record(z.string(), z.number()),
  byRoute: z.record(z.string(), z.number()),
});
export type RequestLog = z.infer<typeof requestLogSchema>;

const qboCustomerSchema = z.looseObject({
  Id: z.string(),
  SyncToken: z.string(),
  MetaData: z.looseObject({ LastUpdatedTime: z.string() }),
});
const karbonRecordSchema = z.looseObject({
  LastModifiedDateTime: z.string(),
  RestrictionLevel: z.string().optional(),
});
const stateSchema = z.object({
  qbo: z.looseObject({ Customer: z.array(qboCustomerSchema) }),
  karbon: z.looseObject({
    Contacts: z.array(karbonRecordSchema.extend({ ContactKey: z.string() })),
    Organizations: z.array(karbonRecordSchema.extend({ OrganizationKey: z.string() })),
  }),
});
export type SandboxStateView = z.infer<typeof stateSchema>;

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${new URL(url).pathname} answered ${res.status}`);
  return schema.parse(await res.json());
}

export class SandboxControl {
  constructor(readonly url: string) {}

  requests(): Promise<RequestLog> {
    return getJson(`${this.url}/__sandbox/requests`, requestLogSchema);
  }

  state(): Promise<SandboxStateView> {
    return getJson(`${this.url}/__sandbox/state`, stateSchema);
  }

  async timeScale(): Promise<number> {
    return (await getJson(`${this.url}/__sandbox/config`, z.object({ timeScale: z.number() }))).timeScale;
  }

  /** Moves sandbox time on (record stamps, CDC windows); real time is untouched. */
  async advance(ms: number): Promise<void> {
    const res = await fetch(`${this.url}/__sandbox/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: ms }),
    });
    if (!res.ok) throw new Error(`POST /__sandbox/clock answered ${res.status}`);
  }

  async clock(): Promise<string> {
    return (await getJson(`${this.url}/__sandbox/clock`, z.object({ now: z.string() }))).now;
  }
}

/** What happened between two snapshots of the log (counts only grow between them). */
export function logDelta(before: RequestLog, after: RequestLog): RequestLog {
  const minus = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(a)
        .map(([k, v]): [string, number] => [k, v - (b[k] ?? 0)])
        .filter(([, v]) => v !== 0),
    );
  return {
    total: after.total - before.total,
    byService: { qbo: 0, karbon: 0, intuit: 0, ...minus(after.byService, before.byService) },
    byRoute: minus(after.byRoute, before.byRoute),
  };
}

export function addLogs(a: RequestLog, b: RequestLog): RequestLog {
  const plus = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    total: a.total + b.total,
    byService: plus(a.byService, b.byService),
    byRoute: plus(a.byRoute, b.byRoute),
  };
}

export function emptyLog(): RequestLog {
  return { total: 0, byService: { qbo: 0, karbon: 0, intuit: 0 }, byRoute: {} };
}

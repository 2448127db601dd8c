// A small firm (engine-firm.ts) on the sandbox for one engine test, loaded with PUT
// /__sandbox/state, and the real engine reaching it over HTTP through the real clients
// (cli/connect.ts, as the CLI does).
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { connectSandbox, type Services } from '../../cli/connect';
import type { SyncDatabase } from '../../lib/db/database';
import { openMemoryDatabase } from '../../lib/db/node';
import { createEngine, type Engine, type EngineDeps } from '../../lib/sync/engine';
import { DEMO_CREDENTIALS } from '../../sandbox/core/credentials';
import { type RunningSandbox, startSandbox } from '../../sandbox/server';
import type { CustomerJson, Firm, KarbonJson } from './engine-firm';

export interface SandboxState {
  qbo: { Customer: Array<CustomerJson & { SyncToken: string }> };
  karbon: {
    Contacts: Array<KarbonJson & { ContactKey: string; LastModifiedDateTime: string }>;
    Organizations: Array<KarbonJson & { OrganizationKey: string }>;
  };
}

export class World {
  protected constructor(
    readonly sandbox: RunningSandbox,
    readonly services: Services,
    readonly db: SyncDatabase,
    readonly engine: Engine,
  ) {}

  static async start(sandbox: RunningSandbox, firm: Firm): Promise<World> {
    const { services, db } = await World.open(sandbox, firm);
    return new World(sandbox, services, db, World.engineOn(services, db));
  }

  /** The firm loaded with no faults and no requests counted, and services connected as the CLI connects. */
  protected static async open(
    sandbox: RunningSandbox,
    firm: Firm,
  ): Promise<{ services: Services; db: SyncDatabase }> {
    await World.load(sandbox, firm);
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
    const dir = mkdtempSync(join(tmpdir(), 'engine-world-'));
    const services = await connectSandbox(sandbox.url, join(dir, 'tokens.json'));
    return { services, db: await openMemoryDatabase() };
  }

  static engineOn(services: Services, db: SyncDatabase, replace: Partial<EngineDeps> = {}): Engine {
    return createEngine({
      db,
      quickbooks: services.quickbooks,
      karbon: services.karbon,
      now: () => new Date(),
      newId: randomUUID,
      requestCounts: services.requestCounts,
      ...replace,
    });
  }

  /** A second engine on this world's database and services, some replaced (a racing port, a later clock). */
  engineWith(replace: Partial<EngineDeps>): Engine {
    return World.engineOn(this.services, this.db, replace);
  }

  static async load(sandbox: RunningSandbox, firm: Firm): Promise<void> {
    const body = {
      qbo: {
        realmId: DEMO_CREDENTIALS.qbo.realmId,
        Customer: firm.customers,
        Vendor: (firm.vendors ?? []).map((name, i) => ({ Id: String(900 + i), DisplayName: name })),
        Employee: [],
      },
      karbon: {
        ContactTypes: (firm.contactTypes ?? ['Client', 'Prospect', 'Supplier']).map((Name) => ({ Name })),
        Contacts: firm.contacts ?? [],
        Organizations: firm.organizations ?? [],
      },
    };
    const res = await fetch(`${sandbox.url}/__sandbox/state`, { method: 'PUT', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`sandbox refused the firm: ${res.status} ${await res.text()}`);
  }

  async state(): Promise<SandboxState> {
    return (await (await fetch(`${this.sandbox.url}/__sandbox/state`)).json()) as SandboxState;
  }

  /** Requests by route since the last reset (GET /__sandbox/requests). */
  async routes(): Promise<Record<string, number>> {
    const body = (await (await fetch(`${this.sandbox.url}/__sandbox/requests`)).json()) as {
      byRoute: Record<string, number>;
    };
    return body.byRoute;
  }

  async resetRequests(): Promise<void> {
    await fetch(`${this.sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  }

  async fault(rule: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify(rule),
    });
    if (!res.ok) throw new Error(`fault refused: ${await res.text()}`);
  }

  /** Karbon keys by full name, from the sandbox's own state. */
  async karbonKeys(): Promise<Record<string, string>> {
    const s = await this.state();
    const out: Record<string, string> = {};
    for (const c of s.karbon.Contacts)
      out[[c.FirstName, c.MiddleName, c.LastName].filter(Boolean).join(' ')] = c.ContactKey;
    for (const o of s.karbon.Organizations) out[o.FullName ?? ''] = o.OrganizationKey;
    return out;
  }

  close(): void {
    this.db.close();
  }
}

/**
 * `port` with one method replaced, for a test that makes a person's edit race the engine's
 * call; `replace` receives the port's own method (bound) to call on.
 */
export function withMethod<P extends object, K extends keyof P>(
  port: P,
  name: K,
  replace: (original: P[K]) => P[K],
): P {
  const own: unknown = port[name];
  if (typeof own !== 'function') throw new TypeError(`${String(name)} is not a method`);
  const replaced = replace(own.bind(port) as P[K]);
  return new Proxy(port, {
    get(target, prop) {
      if (prop === name) return replaced;
      const value: unknown = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Rate windows shortened (a "minute" of 2 s) so a file of tests is not paced by Karbon's 120 a minute. */
function startSharedSandbox(config: { timeScale?: number } = {}): Promise<RunningSandbox> {
  return startSandbox({
    port: 0,
    config: { timeScale: config.timeScale ?? 30 },
    state: {
      qbo: { realmId: DEMO_CREDENTIALS.qbo.realmId, Customer: [], Vendor: [], Employee: [] },
      karbon: { ContactTypes: [], Contacts: [], Organizations: [] },
    },
  });
}

/**
 * The test file's sandbox, started before its first test and closed after its last. Its url
 * is read when a test (or hook) runs: at the top of the file the sandbox is not running yet.
 */
export function sandboxForThisFile(): RunningSandbox {
  let running: RunningSandbox | undefined;
  beforeAll(async () => {
    running = await startSharedSandbox();
  });
  afterAll(async () => {
    await running?.close();
  });
  const current = (): RunningSandbox => {
    if (!running) throw new Error('the shared sandbox is used before beforeAll started it');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    close: () => current().close(),
  };
}

// A firm on the sandbox for the two-way tests: the real engine over HTTP (as engine-world.ts),
// plus edits made the way people make them — through QuickBooks' and Karbon's own APIs over
// HTTP between runs — and the sandbox clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectSandbox, type Services } from '../../cli/connect';
import type { SyncDatabase } from '../../lib/db/database';
import { openMemoryDatabase } from '../../lib/db/node';
import type { Engine } from '../../lib/sync/engine';
import { DEMO_CREDENTIALS } from '../../sandbox/core/credentials';
import type { RunningSandbox } from '../../sandbox/server';
import { type CustomerJson, type KarbonJson, World } from './engine-world';

export interface TwoWayFirm {
  customers: CustomerJson[];
  contacts?: KarbonJson[];
  organizations?: KarbonJson[];
  vendors?: string[];
}

type Json = Record<string, unknown>;

const READ_ONLY = [
  'ContactKey',
  'OrganizationKey',
  'LastModifiedDateTime',
  'AvatarUrl',
  'ClientAccess',
  'Contacts',
];

export class TwoWayWorld {
  private constructor(
    readonly sandbox: RunningSandbox,
    readonly services: Services,
    readonly db: SyncDatabase,
    readonly engine: Engine,
  ) {}

  static async start(sandbox: RunningSandbox, firm: TwoWayFirm): Promise<TwoWayWorld> {
    const body = {
      qbo: {
        realmId: DEMO_CREDENTIALS.qbo.realmId,
        Customer: firm.customers,
        Vendor: (firm.vendors ?? []).map((name, i) => ({ Id: String(900 + i), DisplayName: name })),
        Employee: [],
      },
      karbon: {
        ContactTypes: ['Client', 'Prospect', 'Supplier'].map((Name) => ({ Name })),
        Contacts: firm.contacts ?? [],
        Organizations: firm.organizations ?? [],
      },
    };
    const res = await fetch(`${sandbox.url}/__sandbox/state`, { method: 'PUT', body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`sandbox refused the firm: ${res.status} ${await res.text()}`);
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    const services = await connectSandbox(
      sandbox.url,
      join(mkdtempSync(join(tmpdir(), 'twoway-')), 'tokens.json'),
    );
    const db = await openMemoryDatabase();
    return new TwoWayWorld(sandbox, services, db, World.engineOn(services, db));
  }

  private async qbo(method: 'GET' | 'POST', path: string, body?: Json): Promise<Json> {
    const res = await fetch(`${this.sandbox.url}/qbo/v3/company/${DEMO_CREDENTIALS.qbo.realmId}/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await this.accessToken()}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Json;
    if (!res.ok) throw new Error(`QuickBooks ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  /** The demo access token lives an hour of sandbox time: a fresh one after the clock moves. */
  private async accessToken(): Promise<string> {
    const creds = (await (await fetch(`${this.sandbox.url}/__sandbox/credentials`)).json()) as {
      qbo: { accessToken: string };
    };
    return creds.qbo.accessToken;
  }

  async customer(id: string): Promise<Json> {
    return (await this.qbo('GET', `customer/${id}`)).Customer as Json;
  }

  /** A person's edit in QuickBooks: a sparse update with the current SyncToken. */
  async editCustomer(id: string, patch: Json): Promise<void> {
    const current = await this.customer(id);
    await this.qbo('POST', 'customer', { Id: id, SyncToken: current.SyncToken, sparse: true, ...patch });
  }

  private async karbon(method: string, path: string, body?: Json): Promise<Response> {
    const res = await fetch(`${this.sandbox.url}/karbon/v3/${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${DEMO_CREDENTIALS.karbon.bearerToken}`,
        AccessKey: DEMO_CREDENTIALS.karbon.accessKey,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`Karbon ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  }

  async karbonRecord(kind: 'Contacts' | 'Organizations', key: string): Promise<Json> {
    return (await (await this.karbon('GET', `${kind}/${key}?$expand=BusinessCards`)).json()) as Json;
  }

  /** A person's edit in Karbon: GET, change, PUT (the whole record, every card kept). */
  async editKarbon(
    kind: 'Contacts' | 'Organizations',
    key: string,
    change: (record: Json) => void,
  ): Promise<void> {
    const record = await this.karbonRecord(kind, key);
    for (const k of Object.keys(record))
      if (k.startsWith('@odata') || READ_ONLY.includes(k)) delete record[k];
    change(record);
    await this.karbon('PUT', `${kind}/${key}`, record);
  }

  /** The primary business card of a record read with its cards. */
  static primaryCard(record: Json): Json {
    const cards = (record.BusinessCards ?? []) as Json[];
    const card = cards.find((c) => c.IsPrimaryCard) ?? cards[0];
    if (!card) throw new Error('no business card');
    return card;
  }

  async createKarbonContact(body: Json): Promise<string> {
    const made = (await (await this.karbon('POST', 'Contacts', body)).json()) as Json;
    return String(made.ContactKey);
  }

  async advanceClock(ms: number): Promise<void> {
    await fetch(`${this.sandbox.url}/__sandbox/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: ms }),
    });
  }

  async routes(): Promise<Record<string, number>> {
    const body = (await (await fetch(`${this.sandbox.url}/__sandbox/requests`)).json()) as {
      byRoute: Record<string, number>;
    };
    return body.byRoute;
  }

  async resetRequests(): Promise<void> {
    await fetch(`${this.sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  }

  async karbonKeys(): Promise<Record<string, string>> {
    const s = (await (await fetch(`${this.sandbox.url}/__sandbox/state`)).json()) as {
      karbon: { Contacts: Array<Json>; Organizations: Array<Json> };
    };
    const out: Record<string, string> = {};
    for (const c of s.karbon.Contacts)
      out[[c.FirstName, c.LastName].filter(Boolean).join(' ')] = String(c.ContactKey);
    for (const o of s.karbon.Organizations) out[String(o.FullName)] = String(o.OrganizationKey);
    return out;
  }

  async customers(): Promise<Json[]> {
    const s = (await (await fetch(`${this.sandbox.url}/__sandbox/state`)).json()) as {
      qbo: { Customer: Json[] };
    };
    return s.qbo.Customer;
  }

  close(): void {
    this.db.close();
  }
}

export const WRITES = /^(POST|PUT|PATCH) /u;

export function writesIn(routes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(routes).filter(([route]) => WRITES.test(route)));
}

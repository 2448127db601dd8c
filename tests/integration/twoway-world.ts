// A firm on the sandbox for the two-way tests: a World (engine-world.ts) with the real engine,
// plus edits made the way people make them — through QuickBooks' and Karbon's own APIs over
// HTTP between runs — and the sandbox clock.
import type { Engine } from '../../lib/sync/engine';
import { DEMO_CREDENTIALS } from '../../sandbox/core/credentials';
import type { RunningSandbox } from '../../sandbox/server';
import type { Firm } from './engine-firm';
import { World, withMethod } from './engine-world';

type Json = Record<string, unknown>;

const READ_ONLY = [
  'ContactKey',
  'OrganizationKey',
  'LastModifiedDateTime',
  'AvatarUrl',
  'ClientAccess',
  'Contacts',
];

export class TwoWayWorld extends World {
  static override async start(sandbox: RunningSandbox, firm: Firm): Promise<TwoWayWorld> {
    const { services, db } = await World.open(sandbox, firm);
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

  /**
   * An engine whose first customer update finds a person's `save` made just before it: the
   * SyncToken it read is stale (5010). `raced()` says whether that update came.
   */
  engineRacedInQuickBooks(save: () => Promise<void>): { engine: Engine; raced: () => boolean } {
    let raced = false;
    const quickbooks = withMethod(
      this.services.quickbooks,
      'updateCustomer',
      (updateCustomer) =>
        async (...args) => {
          if (!raced) {
            raced = true;
            await save();
          }
          return updateCustomer(...args);
        },
    );
    return { engine: this.engineWith({ quickbooks }), raced: () => raced };
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

  async customers(): Promise<Json[]> {
    const s = (await (await fetch(`${this.sandbox.url}/__sandbox/state`)).json()) as {
      qbo: { Customer: Json[] };
    };
    return s.qbo.Customer;
  }
}

export const WRITES = /^(POST|PUT|PATCH) /u;

export function writesIn(routes: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(routes).filter(([route]) => WRITES.test(route)));
}

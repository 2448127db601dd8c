// The local sandbox for end-to-end tests: started in-process on port 0, with its control API.
import { startSandbox } from '../../sandbox/server';

export interface Credentials {
  intuit: { clientId: string; clientSecret: string };
  qbo: { realmId: string; companyName: string; accessToken: string };
  karbon: { bearerToken: string; accessKey: string; tenantName: string };
}

type Json = Record<string, unknown>;

interface StateRecords {
  qbo: { Customer: Json[] };
  karbon: { Contacts: Json[] };
}

/** Fields Karbon sets itself: a PUT carrying them is refused. */
const KARBON_READ_ONLY = ['ContactKey', 'LastModifiedDateTime', 'AvatarUrl', 'ClientAccess'];

export interface E2ESandbox {
  url: string;
  credentials: Credentials;
  control<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** A customer typed into QuickBooks by someone at the firm (through the API, with the demo token). */
  createCustomer(given: string, family: string, email: string): Promise<void>;
  /** A contact typed into Karbon by someone at the firm (through Karbon's API). */
  createKarbonContact(first: string, last: string, email: string, contactType: string): Promise<void>;
  /** QuickBooks customers in the sandbox's state. */
  customers(): Promise<Array<{ DisplayName: string; Active: boolean }>>;
  /** Karbon people in the sandbox's state. */
  karbonContacts(): Promise<Array<{ FirstName: string; LastName: string; ContactType: string }>>;
  /** A person's edit in QuickBooks (through its API): a sparse update with the current SyncToken. */
  editCustomer(displayName: string, patch: Json): Promise<void>;
  /** A person's edit in Karbon (through its API): GET the contact with its cards, change it, PUT it whole. */
  editKarbonContact(first: string, last: string, change: (contact: Json) => void): Promise<void>;
  /** Both sides' work phone for a person, as GET /__sandbox/state has them. */
  workPhones(first: string, last: string): Promise<{ quickBooks: string | null; karbon: string | null }>;
  close(): Promise<void>;
}

export async function startE2ESandbox(opts: Parameters<typeof startSandbox>[0] = {}): Promise<E2ESandbox> {
  const sandbox = await startSandbox({ port: 0, ...opts });
  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${sandbox.url}/__sandbox/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : null) as T;
  }
  const credentials = await control<Credentials>('GET', 'credentials');
  async function createCustomer(given: string, family: string, email: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const res = await postCustomer(given, family, email);
      // QuickBooks allows 10 requests a second: wait out a throttle like a client would.
      if (res.status === 429 && attempt < 10) {
        await new Promise((r) => setTimeout(r, 300));
        continue;
      }
      if (!res.ok) throw new Error(`create customer: ${res.status} ${await res.text()}`);
      return;
    }
  }
  function postCustomer(given: string, family: string, email: string): Promise<Response> {
    return fetch(`${sandbox.url}/qbo/v3/company/${credentials.qbo.realmId}/customer?minorversion=75`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${credentials.qbo.accessToken}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        DisplayName: `${given} ${family}`,
        GivenName: given,
        FamilyName: family,
        PrimaryEmailAddr: { Address: email },
      }),
    });
  }
  async function karbonContacts() {
    const state = await control<{
      karbon: { Contacts: Array<{ FirstName: string; LastName: string; ContactType: string }> };
    }>('GET', 'state');
    return state.karbon.Contacts;
  }
  async function createKarbonContact(
    first: string,
    last: string,
    email: string,
    contactType: string,
  ): Promise<void> {
    const res = await fetch(`${sandbox.url}/karbon/v3/Contacts`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${credentials.karbon.bearerToken}`,
        accesskey: credentials.karbon.accessKey,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        FirstName: first,
        LastName: last,
        ContactType: contactType,
        BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: [email] }],
      }),
    });
    if (!res.ok) throw new Error(`create Karbon contact: ${res.status} ${await res.text()}`);
  }
  async function customers() {
    const state = await control<{ qbo: { Customer: Array<{ DisplayName: string; Active: boolean }> } }>(
      'GET',
      'state',
    );
    return state.qbo.Customer;
  }
  const stateRecords = () => control<StateRecords>('GET', 'state');
  const karbonContact = async (first: string, last: string) => {
    const found = (await stateRecords()).karbon.Contacts.filter(
      (c) => c.FirstName === first && c.LastName === last,
    );
    if (found.length !== 1) throw new Error(`${found.length} Karbon contacts named ${first} ${last}`);
    return found[0] as Json;
  };
  const customerNamed = async (displayName: string) => {
    const found = (await stateRecords()).qbo.Customer.filter((c) => c.DisplayName === displayName);
    if (found.length !== 1) throw new Error(`${found.length} customers named ${displayName}`);
    return found[0] as Json;
  };
  async function editCustomer(displayName: string, patch: Json): Promise<void> {
    const current = await customerNamed(displayName);
    const res = await fetch(
      `${sandbox.url}/qbo/v3/company/${credentials.qbo.realmId}/customer?minorversion=75`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${credentials.qbo.accessToken}`,
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ Id: current.Id, SyncToken: current.SyncToken, sparse: true, ...patch }),
      },
    );
    if (!res.ok) throw new Error(`edit customer: ${res.status} ${await res.text()}`);
  }
  async function editKarbonContact(first: string, last: string, change: (c: Json) => void): Promise<void> {
    const key = String((await karbonContact(first, last)).ContactKey);
    const headers = {
      authorization: `Bearer ${credentials.karbon.bearerToken}`,
      accesskey: credentials.karbon.accessKey,
      accept: 'application/json',
    };
    const url = `${sandbox.url}/karbon/v3/Contacts/${key}`;
    const read = await fetch(`${url}?$expand=BusinessCards`, { headers });
    if (!read.ok) throw new Error(`read Karbon contact: ${read.status} ${await read.text()}`);
    const record = (await read.json()) as Json;
    for (const k of Object.keys(record))
      if (k.startsWith('@odata') || KARBON_READ_ONLY.includes(k)) delete record[k];
    change(record);
    const res = await fetch(url, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(record),
    });
    if (!res.ok) throw new Error(`edit Karbon contact: ${res.status} ${await res.text()}`);
  }
  async function workPhones(first: string, last: string) {
    const customer = await customerNamed(`${first} ${last}`);
    const contact = await karbonContact(first, last);
    const cards = (contact.BusinessCards ?? []) as Array<{
      IsPrimaryCard?: boolean;
      PhoneNumbers?: Array<{ Number: string; Label: string }>;
    }>;
    const card = cards.find((c) => c.IsPrimaryCard) ?? cards[0];
    return {
      quickBooks: (customer.PrimaryPhone as { FreeFormNumber?: string } | undefined)?.FreeFormNumber ?? null,
      karbon: card?.PhoneNumbers?.find((p) => p.Label === 'Work')?.Number ?? null,
    };
  }
  return {
    url: sandbox.url,
    editCustomer,
    editKarbonContact,
    workPhones,
    credentials,
    control,
    createCustomer,
    createKarbonContact,
    customers,
    karbonContacts,
    close: () => sandbox.close(),
  };
}

// Shared set-up for the clients' integration tests: the real sandbox in-process on port 0, its
// demo credentials, and ports wired the way the CLI wires them (tokens refreshed through the
// sandbox's Intuit endpoints, limits matching the sandbox's).
import { z } from 'zod';
import { credentialsSchema } from '../../cli/connect';
import { intuitTokenSource } from '../../lib/auth/intuit';
import { type IntuitTokens, memoryTokenStore } from '../../lib/auth/token-store';
import { RequestCounter, type RetryPolicy } from '../../lib/http';
import { createKarbonPort, type KarbonPortOptions } from '../../lib/karbon/port';
import { createQuickBooksPort, type QuickBooksPortOptions } from '../../lib/quickbooks/port';
import { startSandbox } from '../../sandbox/server';

const RequestsSchema = z.object({
  total: z.number(),
  byService: z.record(z.string(), z.number()),
  byRoute: z.record(z.string(), z.number()),
});

/** Short waits: the tests' sandbox answers in milliseconds. */
export const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 200, rateLimitBaseMs: 50 };

export type Sandbox = Awaited<ReturnType<typeof openSandbox>>;

export async function openSandbox(opts: Parameters<typeof startSandbox>[0] = {}) {
  const sb = await startSandbox({ port: 0, ...opts });

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${sb.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /__sandbox${path} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  const creds = credentialsSchema.parse(await control('GET', '/credentials'));

  return {
    url: sb.url,
    creds,
    control,
    close: () => sb.close(),
    async requests() {
      return RequestsSchema.parse(await control('GET', '/requests'));
    },
    /** Requests the sandbox saw on routes whose name contains `part`. */
    async routeCount(part: string): Promise<number> {
      const { byRoute } = RequestsSchema.parse(await control('GET', '/requests'));
      return Object.entries(byRoute)
        .filter(([route]) => route.includes(part))
        .reduce((n, [, c]) => n + c, 0);
    },
    async reset(state: unknown) {
      await control('DELETE', '/faults');
      await control('PUT', '/state', state);
      await control('DELETE', '/requests');
    },
    async state() {
      return control('GET', '/state');
    },
    async fault(rule: Record<string, unknown>) {
      await control('POST', '/faults', rule);
    },
    async now(): Promise<string> {
      return z.object({ now: z.string() }).parse(await control('GET', '/clock')).now;
    },
  };
}

export function quickBooksFor(sb: Sandbox, opts: Partial<QuickBooksPortOptions> & { tokens?: never } = {}) {
  const { creds } = sb;
  const initial: IntuitTokens = {
    accessToken: creds.qbo.accessToken,
    refreshToken: creds.qbo.refreshToken,
    expiresAt: Date.now() + 3600_000,
    refreshExpiresAt: null,
    realmId: creds.qbo.realmId,
  };
  const store = memoryTokenStore(initial);
  const counter = opts.counter ?? new RequestCounter();
  const tokens = intuitTokenSource(store, {
    endpoints: { token: creds.urls.token, revoke: creds.urls.revoke },
    clientId: creds.intuit.clientId,
    clientSecret: creds.intuit.clientSecret,
    counter,
  });
  const port = createQuickBooksPort({
    baseUrl: creds.urls.qbo,
    realmId: creds.qbo.realmId,
    fetch: globalThis.fetch,
    companyName: creds.qbo.companyName,
    retry: FAST_RETRY,
    ...opts,
    counter,
    tokens,
  });
  return { port, store, counter };
}

export function karbonFor(sb: Sandbox, opts: Partial<KarbonPortOptions> = {}) {
  const counter = opts.counter ?? new RequestCounter();
  const port = createKarbonPort({
    baseUrl: sb.creds.urls.karbon,
    bearerToken: sb.creds.karbon.bearerToken,
    accessKey: sb.creds.karbon.accessKey,
    tenantName: sb.creds.karbon.tenantName,
    fetch: globalThis.fetch,
    retry: FAST_RETRY,
    ...opts,
    counter,
  });
  return { port, counter };
}

/** Jane Doe in the sandbox's Karbon: two business cards; `primary` gives the first one's phones and addresses. */
export function janeDoe(primary: { PhoneNumbers: object[]; Addresses: object[] }) {
  return {
    ContactKey: 'jane00000001',
    FirstName: 'Jane',
    LastName: 'Doe',
    ContactType: 'Client',
    LastModifiedDateTime: '2026-01-01T00:00:00Z',
    BusinessCards: [
      {
        BusinessCardKey: 'janecard0001',
        IsPrimaryCard: true,
        EmailAddresses: ['jane@doe.example'],
        WebSites: ['doe.example'],
        ...primary,
      },
      { BusinessCardKey: 'janecard0002', IsPrimaryCard: false, EmailAddresses: ['jane@work.example'] },
    ],
  };
}

const CardsSchema = z.object({
  karbon: z.object({
    Contacts: z.array(
      z.looseObject({
        ContactKey: z.string(),
        BusinessCards: z.array(
          z.looseObject({
            BusinessCardKey: z.string(),
            EmailAddresses: z.array(z.string()).optional(),
            WebSites: z.array(z.string()).optional(),
            PhoneNumbers: z
              .array(
                z.looseObject({
                  PhoneNumberKey: z.string(),
                  Number: z.string(),
                  Label: z.string(),
                  CountryCode: z.string().optional(),
                }),
              )
              .optional(),
            Addresses: z.array(z.looseObject({ Label: z.string().optional() })).optional(),
          }),
        ),
      }),
    ),
  }),
});

/** A Karbon contact's business cards as the sandbox holds them (what the API's answers leave out too). */
export async function karbonCards(sb: Sandbox, contactKey: string) {
  const state = CardsSchema.parse(await sb.state());
  return state.karbon.Contacts.find((c) => c.ContactKey === contactKey)?.BusinessCards ?? [];
}

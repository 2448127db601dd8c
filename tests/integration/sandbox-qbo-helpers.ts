// Shared by the sandbox-qbo*.test.ts files: start the sandbox in-process on port 0 and talk to it
// over real HTTP with fetch.
import { z } from 'zod';
import { type RunningSandbox, type StartOptions, startSandbox } from '../../sandbox/server';

const credentialsSchema = z.object({
  intuit: z.object({ clientId: z.string(), clientSecret: z.string(), redirectUris: z.array(z.string()) }),
  qbo: z.object({
    realmId: z.string(),
    accessToken: z.string(),
    refreshToken: z.string(),
    companyName: z.string(),
  }),
  urls: z.object({
    qbo: z.string(),
    authorize: z.string(),
    token: z.string(),
    revoke: z.string(),
    discovery: z.string(),
  }),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Limits high enough that tests about other things never trip the throttles. */
export const RELAXED = {
  limits: {
    qbo: { perMinute: 1_000_000, perSecond: 100_000, concurrent: 1000, batchPerMinute: 100_000 },
    karbon: { perMinute: 1_000_000 },
  },
};

export interface QboHarness {
  sandbox: RunningSandbox;
  creds: Credentials;
  /** http://127.0.0.1:P/qbo/v3/company/{realmId} */
  company: string;
  control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** A QuickBooks call with the demo token and Accept: application/json unless overridden. */
  qbo(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  close(): Promise<void>;
}

export async function startQboHarness(opts: StartOptions = {}): Promise<QboHarness> {
  const sandbox = await startSandbox({ port: 0, ...opts });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text === '' ? null : JSON.parse(text) };
  };
  const creds = credentialsSchema.parse((await control('GET', '/credentials')).json);
  const company = `${creds.urls.qbo}/v3/company/${creds.qbo.realmId}`;
  const qbo = (
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = {
      authorization: `Bearer ${creds.qbo.accessToken}`,
      accept: 'application/json',
      ...(init.body !== undefined && typeof init.body !== 'string'
        ? { 'content-type': 'application/json' }
        : {}),
      ...init.headers,
    };
    return fetch(`${company}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  };
  return { sandbox, creds, company, control, qbo, close: () => sandbox.close() };
}

/** A small company: two active customers, an inactive one, a vendor and an employee. */
export function smallCompany(realmId: string) {
  return {
    qbo: {
      realmId,
      Customer: [
        {
          DisplayName: 'Amy Lee',
          GivenName: 'Amy',
          FamilyName: 'Lee',
          PrimaryEmailAddr: { Address: 'amy@lee.example' },
        },
        { DisplayName: 'Blue Harbour Cafe', CompanyName: 'Blue Harbour Cafe Pty Ltd' },
        { DisplayName: 'Closed Client', Active: false },
      ],
      Vendor: [{ DisplayName: 'Acme Supplies' }],
      Employee: [{ DisplayName: 'Sam Carter', GivenName: 'Sam', FamilyName: 'Carter' }],
    },
  };
}

/** The first Fault.Error entry of a 400 body. */
const faultSchema = z.object({
  Fault: z.object({
    Error: z
      .array(
        z.object({
          code: z.string(),
          Message: z.string(),
          Detail: z.string(),
          element: z.string().optional(),
        }),
      )
      .min(1),
    type: z.string(),
  }),
  time: z.string(),
});

export async function faultOf(
  res: Response,
): Promise<{ code: string; Message: string; Detail: string; element?: string | undefined }> {
  const body = faultSchema.parse(await res.json());
  const [first] = body.Fault.Error;
  if (!first) throw new Error('no Fault.Error in the body');
  return first;
}

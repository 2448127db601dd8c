// The two services for the CLI: the local sandbox (--sandbox URL: demo credentials, URLs and
// rate limits read from its control API) or the real ones (credentials from the environment).
// Every HTTP request goes through one RequestCounter, so a run can report what it cost.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type IntuitApp, intuitTokenSource, PRODUCTION_ENDPOINTS } from '../lib/auth/intuit';
import type { IntuitTokens, TokenStore } from '../lib/auth/token-store';
import { AuthError } from '../lib/errors';
import { RequestCounter, scaledMinute } from '../lib/http';
import { createKarbonPort } from '../lib/karbon/port';
import { createQuickBooksPort } from '../lib/quickbooks/port';
import type { RequestCounts } from '../lib/sync/engine';
import type { KarbonPort, QuickBooksPort } from '../lib/sync/ports';

export interface Services {
  quickbooks: QuickBooksPort;
  karbon: KarbonPort;
  requestCounts: () => RequestCounts;
  /** Where the services are, for messages (no secrets). */
  describe: string;
}

export class ConfigError extends Error {}

/** GET /__sandbox/credentials: what the CLI (and the clients' tests) need from the sandbox. */
export const credentialsSchema = z.object({
  intuit: z.object({ clientId: z.string(), clientSecret: z.string() }),
  qbo: z.object({
    realmId: z.string(),
    accessToken: z.string(),
    refreshToken: z.string(),
    companyName: z.string(),
  }),
  karbon: z.object({ bearerToken: z.string(), accessKey: z.string(), tenantName: z.string() }),
  urls: z.object({ qbo: z.string(), karbon: z.string(), token: z.string(), revoke: z.string() }),
});

const configSchema = z.object({
  timeScale: z.number().positive(),
  limits: z.object({
    qbo: z.object({
      perMinute: z.number(),
      perSecond: z.number(),
      concurrent: z.number(),
      batchPerMinute: z.number(),
    }),
    karbon: z.object({ perMinute: z.number() }),
  }),
});

/** Access tokens live an hour; the token source refreshes 5 minutes before the time given here. */
const ASSUMED_ACCESS_LIFETIME_MS = 55 * 60_000;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

async function getJson<T>(url: string, schema: z.ZodType<T>, what: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new ConfigError(
      `The sandbox at ${originOf(url)} cannot be reached (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  if (!res.ok) throw new ConfigError(`The sandbox answered ${res.status} for its ${what}`);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new ConfigError(`The sandbox's ${what} has an unexpected shape`);
  return parsed.data;
}

/** Rotated QuickBooks tokens, kept beside the state file (never inside it: the state is shareable). */
function fileTokenStore(path: string, initial: () => IntuitTokens, key: string): TokenStore {
  const schema = z.object({
    key: z.string(),
    tokens: z.object({
      accessToken: z.string(),
      refreshToken: z.string(),
      expiresAt: z.number(),
      refreshExpiresAt: z.number().nullable(),
      realmId: z.string(),
    }),
  });
  const read = (): IntuitTokens => {
    if (!existsSync(path)) return initial();
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      // Never guessed over: it may hold the only valid refresh token (Intuit rotates them).
      throw new ConfigError(
        `${path} is not a usable token file: delete it to start again from the credentials (QuickBooks may then need reconnecting)`,
      );
    }
    return parsed.data.key === key ? parsed.data.tokens : initial();
  };
  let tokens: IntuitTokens | null = read();
  return {
    async get() {
      return tokens;
    },
    async set(next) {
      tokens = next;
      writeFileSync(path, JSON.stringify({ key, tokens: next }), { mode: 0o600 });
    },
    async clear() {
      tokens = null;
    },
  };
}

export async function connectSandbox(base: string, tokensPath: string): Promise<Services> {
  const root = base.replace(/\/+$/u, '');
  const creds = await getJson(`${root}/__sandbox/credentials`, credentialsSchema, 'credentials');
  const config = await getJson(`${root}/__sandbox/config`, configSchema, 'configuration');
  const windowMs = scaledMinute(config.timeScale);
  const fixed = (): IntuitTokens => ({
    accessToken: creds.qbo.accessToken,
    refreshToken: creds.qbo.refreshToken,
    expiresAt: Date.now() + ASSUMED_ACCESS_LIFETIME_MS,
    refreshExpiresAt: null,
    realmId: creds.qbo.realmId,
  });
  const counter = new RequestCounter();
  const app: IntuitApp = {
    endpoints: { token: creds.urls.token, revoke: creds.urls.revoke },
    clientId: creds.intuit.clientId,
    clientSecret: creds.intuit.clientSecret,
    counter,
  };
  const store = fileTokenStore(tokensPath, fixed, `${root}|${creds.qbo.realmId}`);
  const source = intuitTokenSource(store, app);
  // A sandbox restarted since the last run knows only its fixed demo tokens again.
  const tokens = {
    accessToken: () => source.accessToken(),
    refreshAfterUnauthorized: async (rejected: string) => {
      try {
        return await source.refreshAfterUnauthorized(rejected);
      } catch (err) {
        const current = await store.get();
        if (!(err instanceof AuthError) || current?.refreshToken === creds.qbo.refreshToken) throw err;
        await store.set(fixed());
        return creds.qbo.accessToken;
      }
    },
  };
  return {
    quickbooks: createQuickBooksPort({
      baseUrl: creds.urls.qbo,
      realmId: creds.qbo.realmId,
      tokens,
      fetch,
      counter,
      companyName: creds.qbo.companyName,
      limits: { ...config.limits.qbo, windowMs },
    }),
    karbon: createKarbonPort({
      baseUrl: creds.urls.karbon,
      bearerToken: creds.karbon.bearerToken,
      accessKey: creds.karbon.accessKey,
      tenantName: creds.karbon.tenantName,
      fetch,
      counter,
      limits: { perMinute: config.limits.karbon.perMinute, windowMs },
    }),
    requestCounts: () => countsOf(counter),
    describe: `sandbox ${root}`,
  };
}

/** Environment variables for the real services (docs/engine.md, "Command-line runner"). */
export const ENVIRONMENT = {
  required: [
    'QBO_REALM_ID',
    'QBO_REFRESH_TOKEN',
    'INTUIT_CLIENT_ID',
    'INTUIT_CLIENT_SECRET',
    'KARBON_BEARER_TOKEN',
    'KARBON_ACCESS_KEY',
  ],
  optional: ['QBO_ACCESS_TOKEN', 'QBO_BASE_URL', 'INTUIT_TOKEN_URL', 'INTUIT_REVOKE_URL', 'KARBON_BASE_URL'],
} as const;

export function connectReal(env: NodeJS.ProcessEnv, tokensPath: string): Services {
  const missing = ENVIRONMENT.required.filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new ConfigError(`Set ${missing.join(', ')} (or use --sandbox URL); see docs/engine.md`);
  }
  const get = (k: string) => env[k] ?? '';
  const counter = new RequestCounter();
  const app: IntuitApp = {
    endpoints: {
      token: env.INTUIT_TOKEN_URL || PRODUCTION_ENDPOINTS.token,
      revoke: env.INTUIT_REVOKE_URL || PRODUCTION_ENDPOINTS.revoke,
    },
    clientId: get('INTUIT_CLIENT_ID'),
    clientSecret: get('INTUIT_CLIENT_SECRET'),
    counter,
  };
  const realmId = get('QBO_REALM_ID');
  const initial = (): IntuitTokens => ({
    accessToken: env.QBO_ACCESS_TOKEN ?? '',
    refreshToken: get('QBO_REFRESH_TOKEN'),
    // Without an access token, the first request refreshes.
    expiresAt: env.QBO_ACCESS_TOKEN ? Date.now() + ASSUMED_ACCESS_LIFETIME_MS : 0,
    refreshExpiresAt: null,
    realmId,
  });
  const store = fileTokenStore(tokensPath, initial, `${app.endpoints.token}|${realmId}`);
  return {
    quickbooks: createQuickBooksPort({
      baseUrl: env.QBO_BASE_URL || 'https://quickbooks.api.intuit.com',
      realmId,
      tokens: intuitTokenSource(store, app),
      fetch,
      counter,
    }),
    karbon: createKarbonPort({
      baseUrl: env.KARBON_BASE_URL || 'https://api.karbonhq.com/v3',
      bearerToken: get('KARBON_BEARER_TOKEN'),
      accessKey: get('KARBON_ACCESS_KEY'),
      fetch,
      counter,
    }),
    requestCounts: () => countsOf(counter),
    describe: 'QuickBooks Online and Karbon',
  };
}

/** Token refreshes go to Intuit on QuickBooks' behalf: they count as QuickBooks requests. */
function countsOf(counter: RequestCounter): RequestCounts {
  const s = counter.snapshot();
  return { quickbooks: s.quickbooks + s.intuit, karbon: s.karbon };
}

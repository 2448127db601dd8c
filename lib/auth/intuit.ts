// Intuit OAuth 2.0 for QuickBooks (shared/spec/qbo-api.md "OAuth 2.0"): code exchange, refresh
// and revoke with HTTP Basic client authentication, and the access-token source the QuickBooks
// client reads before every request. No chrome.* here: the extension and the CLI share it.
import * as oauth from 'oauth4webapi';
import { AuthError, ServiceUnavailableError } from '../errors';
import { countingFetch, type RequestCounter } from '../http/counter';
import type { AccessTokenSource } from '../quickbooks/client';
import type { IntuitTokens, TokenStore } from './token-store';

export interface IntuitEndpoints {
  /** https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer, or the sandbox's /intuit/... */
  token: string;
  /** https://developer.api.intuit.com/v2/oauth2/tokens/revoke */
  revoke: string;
}

export interface IntuitApp {
  endpoints: IntuitEndpoints;
  clientId: string;
  clientSecret: string;
  fetch?: typeof fetch;
  /** Counts token requests under `intuit`. */
  counter?: RequestCounter;
  now?: () => number;
}

export const PRODUCTION_ENDPOINTS: IntuitEndpoints = {
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
};

const EXPIRED = 'QuickBooks authorization expired — reconnect';
const BAD_CLIENT = 'Intuit refused the app’s client ID or secret — check them in Settings';

interface Setup {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  auth: oauth.ClientAuth;
  options: { [oauth.customFetch]?: typeof fetch; [oauth.allowInsecureRequests]?: boolean };
}

function setup(app: IntuitApp): Setup {
  const token = new URL(app.endpoints.token);
  const revoke = new URL(app.endpoints.revoke);
  // Plain http only for the local sandbox; Intuit itself is https.
  const local = [token, revoke].every((u) => u.hostname === '127.0.0.1');
  const fetchFn = app.fetch ?? globalThis.fetch;
  const counted = app.counter ? countingFetch(fetchFn, app.counter, 'intuit') : fetchFn;
  return {
    as: { issuer: token.origin, token_endpoint: token.href, revocation_endpoint: revoke.href },
    client: { client_id: app.clientId },
    auth: intuitBasic(app.clientSecret),
    options: { [oauth.customFetch]: counted, ...(local ? { [oauth.allowInsecureRequests]: true } : {}) },
  };
}

/**
 * client_secret_basic as Intuit's own SDKs send it: base64 of the raw "id:secret". oauth4webapi's
 * ClientSecretBasic form-encodes both first (RFC 6749 §2.3.1), which turns "-" into "%2D"; the
 * two only differ for ids and secrets with such characters, and Intuit's reading is the one to match.
 */
function intuitBasic(secret: string): oauth.ClientAuth {
  return (_as, client, _body, headers) => {
    const bytes = new TextEncoder().encode(`${client.client_id}:${secret}`);
    headers.set('authorization', `Basic ${btoa(String.fromCharCode(...bytes))}`);
  };
}

function toTokens(res: oauth.TokenEndpointResponse, realmId: string, now: number): IntuitTokens {
  if (!res.refresh_token)
    throw new AuthError('quickbooks', 'Intuit sent no refresh token — reconnect QuickBooks');
  const refreshIn = res.x_refresh_token_expires_in;
  return {
    accessToken: res.access_token,
    refreshToken: res.refresh_token,
    expiresAt: now + (res.expires_in ?? 3600) * 1000,
    refreshExpiresAt: typeof refreshIn === 'number' ? now + refreshIn * 1000 : null,
    realmId,
  };
}

/** Intuit's answers turned into errors that say what to do, without the tokens in them. */
function translate(error: unknown): never {
  if (error instanceof oauth.ResponseBodyError) {
    if (error.error === 'invalid_grant') throw new AuthError('quickbooks', EXPIRED, { cause: error.error });
    if (error.error === 'invalid_client') {
      throw new AuthError('quickbooks', BAD_CLIENT, { cause: error.error });
    }
    throw new AuthError('quickbooks', `Intuit refused the request (${error.error}) — reconnect QuickBooks`, {
      cause: error.error,
    });
  }
  if (error instanceof AuthError) throw error;
  if (error instanceof oauth.OperationProcessingError || error instanceof oauth.UnsupportedOperationError) {
    throw new AuthError(
      'quickbooks',
      `Intuit answered in an unexpected way (${error.message}) — reconnect QuickBooks`,
    );
  }
  if (error instanceof TypeError) {
    throw new ServiceUnavailableError(
      'quickbooks',
      'Intuit could not be reached to renew the QuickBooks authorization',
      {
        cause: error,
      },
    );
  }
  throw error;
}

/** The second half of "Connect QuickBooks": the code from Intuit's redirect → tokens. */
export async function exchangeCode(
  o: IntuitApp & { code: string; codeVerifier: string; redirectUri: string; realmId?: string },
): Promise<IntuitTokens> {
  const s = setup(o);
  const now = (o.now ?? Date.now)();
  try {
    const params = oauth.validateAuthResponse(
      s.as,
      s.client,
      new URLSearchParams({ code: o.code }),
      oauth.skipStateCheck,
    );
    const res = await oauth.authorizationCodeGrantRequest(
      s.as,
      s.client,
      s.auth,
      params,
      o.redirectUri,
      o.codeVerifier,
      s.options,
    );
    return toTokens(await oauth.processAuthorizationCodeResponse(s.as, s.client, res), o.realmId ?? '', now);
  } catch (error) {
    translate(error);
  }
}

/** A refresh: Intuit may rotate the refresh token; the old one then fails with invalid_grant. */
export async function refreshTokens(
  o: IntuitApp & { refreshToken: string; realmId: string },
): Promise<IntuitTokens> {
  const s = setup(o);
  const now = (o.now ?? Date.now)();
  try {
    const res = await oauth.refreshTokenGrantRequest(s.as, s.client, s.auth, o.refreshToken, s.options);
    return toTokens(await oauth.processRefreshTokenResponse(s.as, s.client, res), o.realmId, now);
  } catch (error) {
    translate(error);
  }
}

/**
 * Disconnect: revoking the refresh token ends the whole grant. Intuit's revoke endpoint takes
 * JSON `{"token"}` (its official SDK, qbo-notes §1.6), not RFC 7009's form body that
 * oauth4webapi's revocationRequest sends, so this one request is built here.
 */
export async function revokeToken(o: IntuitApp & { token: string }): Promise<void> {
  const s = setup(o);
  const url = new URL(o.endpoints.revoke);
  if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1') {
    throw new AuthError('quickbooks', 'The Intuit revoke address must use https');
  }
  const headers = new Headers({ accept: 'application/json', 'content-type': 'application/json' });
  await s.auth(s.as, s.client, new URLSearchParams(), headers);
  const fetchFn = s.options[oauth.customFetch] ?? globalThis.fetch;
  let res: Response;
  try {
    res = await fetchFn(url.href, { method: 'POST', headers, body: JSON.stringify({ token: o.token }) });
  } catch (error) {
    throw new ServiceUnavailableError(
      'quickbooks',
      'Intuit could not be reached to revoke the authorization',
      {
        cause: error,
      },
    );
  }
  if (!res.ok) {
    const body = await res.text();
    const code = /"error"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? `HTTP ${res.status}`;
    if (code === 'invalid_client') {
      throw new AuthError('quickbooks', BAD_CLIENT);
    }
    throw new AuthError('quickbooks', `Intuit refused to revoke the authorization (${code})`);
  }
}

export interface IntuitTokenSource extends AccessTokenSource {
  refreshAfterUnauthorized(rejected: string): Promise<string>;
}

/**
 * The QuickBooks client's token getter: refreshes a little before expiry and after a 401.
 * Concurrent callers share one refresh — two refreshes with one rotating refresh token would
 * leave the second with a dead token and lock the firm out. The rotated tokens are stored
 * before the new access token is handed to anyone.
 */
export function createIntuitTokenSource(o: {
  store: TokenStore;
  refresh: (current: IntuitTokens) => Promise<IntuitTokens>;
  now?: () => number;
  /** Refresh this long before the access token expires (default 5 minutes). */
  marginMs?: number;
}): IntuitTokenSource {
  const now = o.now ?? Date.now;
  const margin = o.marginMs ?? 5 * 60_000;
  let inFlight: Promise<IntuitTokens> | null = null;

  async function current(): Promise<IntuitTokens> {
    const tokens = await o.store.get();
    if (!tokens) throw new AuthError('quickbooks', 'QuickBooks is not connected — connect it in Settings');
    return tokens;
  }

  function refresh(): Promise<IntuitTokens> {
    inFlight ??= (async () => {
      const next = await o.refresh(await current());
      await o.store.set(next);
      return next;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    async accessToken() {
      if (inFlight) return (await inFlight).accessToken;
      const tokens = await current();
      if (tokens.expiresAt - margin > now()) return tokens.accessToken;
      return (await refresh()).accessToken;
    },
    async refreshAfterUnauthorized(rejected) {
      if (inFlight) return (await inFlight).accessToken;
      const tokens = await current();
      // Someone refreshed since this token was read: retry with theirs.
      if (tokens.accessToken !== rejected) return tokens.accessToken;
      return (await refresh()).accessToken;
    },
  };
}

/** The usual wiring: a store and the firm's Intuit app. */
export function intuitTokenSource(store: TokenStore, app: IntuitApp): IntuitTokenSource {
  return createIntuitTokenSource({
    store,
    now: app.now,
    refresh: (t) => refreshTokens({ ...app, refreshToken: t.refreshToken, realmId: t.realmId }),
  });
}

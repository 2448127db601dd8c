// Intuit's own OAuth client (intuit-oauth) against the sandbox, then the strict rules the client
// does not exercise: client authentication, PKCE, single-use codes, redirect checks, consent.
import { createHash } from 'node:crypto';
import OAuthClient from 'intuit-oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type QboHarness, RELAXED, startQboHarness } from './sandbox-qbo-helpers';

const REDIRECT = 'http://127.0.0.1:53682/callback';
const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let h: QboHarness;
beforeAll(async () => {
  h = await startQboHarness({ config: RELAXED });
  OAuthClient.authorizeEndpoint = h.creds.urls.authorize;
  OAuthClient.tokenEndpoint = h.creds.urls.token;
  OAuthClient.revokeEndpoint = h.creds.urls.revoke;
});
afterAll(() => h.close());

function newClient(opts: { secret?: string; hard?: boolean } = {}) {
  return new OAuthClient({
    clientId: h.creds.intuit.clientId,
    clientSecret: opts.secret ?? h.creds.intuit.clientSecret,
    environment: 'sandbox',
    redirectUri: REDIRECT,
    ...(opts.hard ? { includeRefreshTokenHardExpiresIn: true } : {}),
  });
}

/** Follows the authorize URL like a browser that approves at once; returns the redirect. */
async function authorizeRedirect(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

async function customerStatus(accessToken: string): Promise<number> {
  const res = await fetch(`${h.company}/customer/1`, {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  await res.body?.cancel();
  return res.status;
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(h.creds.urls.token, {
    method: 'POST',
    headers: {
      authorization: basic(h.creds.intuit.clientId, h.creds.intuit.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      ...headers,
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
}

async function codeFor(params: Record<string, string>): Promise<URL> {
  const url = new URL(h.creds.urls.authorize);
  const all = {
    client_id: h.creds.intuit.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'com.intuit.quickbooks.accounting',
    state: 'st-1',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== '') url.searchParams.set(k, v);
  return authorizeRedirect(url.toString());
}

describe('intuit-oauth against the sandbox', () => {
  it('authorizeUri → redirect → createToken exchanges the code; the token works on QuickBooks', async () => {
    const client = newClient();
    const uri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'csrf-123' });
    const back = await authorizeRedirect(uri);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('csrf-123');
    expect(back.searchParams.get('realmId')).toBe(h.creds.qbo.realmId);
    expect(back.searchParams.get('code')).toMatch(/^AB11/);

    const auth = await client.createToken(back.toString());
    const json = auth.getJson();
    expect(json).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      x_refresh_token_expires_in: 8726400,
    });
    expect(json.x_refresh_token_hard_expires_in).toBeUndefined();
    expect(client.getToken().realmId).toBe(h.creds.qbo.realmId);
    expect(await customerStatus(client.getToken().access_token)).toBe(200);
  });

  it('refresh rotates: a new refresh token each time, the old one then fails invalid_grant', async () => {
    const client = newClient();
    await client.createToken(
      (
        await authorizeRedirect(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }))
      ).toString(),
    );
    const first = client.getToken().refresh_token;
    const refreshed = await client.refresh();
    const second = refreshed.getJson().refresh_token;
    expect(second).not.toBe(first);
    expect(await customerStatus(client.getToken().access_token)).toBe(200);
    const error = await client.refreshUsingToken(first).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ error: 'invalid_grant' });
    // The newest one still works, and rotates again.
    const third = (await client.refreshUsingToken(second)).getJson().refresh_token;
    expect(third).not.toBe(second);
  });

  it('revoke ends the connection: the access token gets 401 and the refresh token invalid_grant', async () => {
    const client = newClient();
    await client.createToken(
      (
        await authorizeRedirect(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }))
      ).toString(),
    );
    const { access_token, refresh_token } = client.getToken();
    const res = await client.revoke({ refresh_token });
    expect(res.response?.status ?? 200).toBe(200);
    expect(await customerStatus(access_token)).toBe(401);
    const error = await client.refreshUsingToken(refresh_token).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ error: 'invalid_grant' });
  });

  it('sends x_refresh_token_hard_expires_in only when the client opts in', async () => {
    const client = newClient({ hard: true });
    const back = await authorizeRedirect(
      client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }),
    );
    const json = (await client.createToken(back.toString())).getJson();
    expect(json.x_refresh_token_hard_expires_in).toBeGreaterThan(157_000_000);
  });

  it('a wrong client secret is invalid_client', async () => {
    const client = newClient({ secret: 'not-the-secret-000000000000000000000000' });
    const back = await authorizeRedirect(
      client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }),
    );
    const error = await client.createToken(back.toString()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ error: 'invalid_client' });
  });
});

describe('token endpoint rules', () => {
  it('codes are single-use; replaying one revokes what it bought', async () => {
    const code = (await codeFor({})).searchParams.get('code') ?? '';
    const first = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(first.status).toBe(200);
    expect(first.headers.get('intuit_tid')).toMatch(/^1-/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    const again = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(again).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    expect(await customerStatus(String(first.json.access_token))).toBe(401);
  });

  it('codes expire after 5 minutes of sandbox time', async () => {
    const code = (await codeFor({})).searchParams.get('code') ?? '';
    await h.control('POST', '/clock', { advanceMs: 5 * 60 * 1000 + 1 });
    const res = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
    expect(res).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
  });

  it('redirect_uri must match the one the code was issued for', async () => {
    const code = (await codeFor({})).searchParams.get('code') ?? '';
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:1/other',
    });
    expect(res).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const missing = await tokenRequest({ grant_type: 'authorization_code', code });
    expect(missing).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
  });

  it('PKCE S256: the verifier must match the challenge; a missing verifier fails', async () => {
    const verifier = `${'v'.repeat(20)}ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~`;
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const wrong = (await codeFor(pkce)).searchParams.get('code') ?? '';
    expect(
      await tokenRequest({
        grant_type: 'authorization_code',
        code: wrong,
        redirect_uri: REDIRECT,
        code_verifier: `${verifier}x`,
      }),
    ).toMatchObject({ status: 400, json: { error: 'invalid_grant' } });
    const none = (await codeFor(pkce)).searchParams.get('code') ?? '';
    expect(
      await tokenRequest({ grant_type: 'authorization_code', code: none, redirect_uri: REDIRECT }),
    ).toMatchObject({
      status: 400,
      json: { error: 'invalid_grant' },
    });
    const right = (await codeFor(pkce)).searchParams.get('code') ?? '';
    const ok = await tokenRequest({
      grant_type: 'authorization_code',
      code: right,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(ok.status).toBe(200);
  });

  it('client authentication: Basic or client_secret_post, never neither or both', async () => {
    const code = () => codeFor({}).then((u) => u.searchParams.get('code') ?? '');
    const noAuth = await tokenRequest(
      { grant_type: 'authorization_code', code: await code(), redirect_uri: REDIRECT },
      { authorization: '' },
    );
    expect(noAuth.status).toBe(401);
    expect(noAuth.json.error).toBe('invalid_client');
    const post = await fetch(h.creds.urls.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: await code(),
        redirect_uri: REDIRECT,
        client_id: h.creds.intuit.clientId,
        client_secret: h.creds.intuit.clientSecret,
      }).toString(),
    });
    expect(post.status).toBe(200);
    const both = await tokenRequest({
      grant_type: 'authorization_code',
      code: await code(),
      redirect_uri: REDIRECT,
      client_id: h.creds.intuit.clientId,
      client_secret: h.creds.intuit.clientSecret,
    });
    expect(both).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
  });

  it('unknown grant types, JSON bodies and missing parameters are refused as Intuit refuses them', async () => {
    expect(await tokenRequest({ grant_type: 'password' })).toMatchObject({
      status: 400,
      json: { error: 'unsupported_grant_type' },
    });
    expect(await tokenRequest({})).toMatchObject({ status: 400, json: { error: 'invalid_request' } });
    expect(await tokenRequest({ grant_type: 'refresh_token' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_request' },
    });
    expect(await tokenRequest({ grant_type: 'refresh_token', refresh_token: 'RT1-nope' })).toMatchObject({
      status: 400,
      json: { error: 'invalid_grant' },
    });
    const json = await fetch(h.creds.urls.token, {
      method: 'POST',
      headers: {
        authorization: basic(h.creds.intuit.clientId, h.creds.intuit.clientSecret),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(json.status).toBe(400);
  });

  it('the demo refresh token works once, then only its successor', async () => {
    await h.control('PUT', '/state', {});
    const first = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: h.creds.qbo.refreshToken,
    });
    expect(first.status).toBe(200);
    const reuse = await tokenRequest({
      grant_type: 'refresh_token',
      refresh_token: h.creds.qbo.refreshToken,
    });
    expect(reuse.json.error).toBe('invalid_grant');
    // PUT /state re-arms the demo credentials.
    await h.control('PUT', '/state', {});
    expect(
      (await tokenRequest({ grant_type: 'refresh_token', refresh_token: h.creds.qbo.refreshToken })).status,
    ).toBe(200);
  });
});

describe('authorize endpoint', () => {
  it('accepts extension and loopback redirect URIs, refuses others with an error page', async () => {
    expect((await codeFor({ redirect_uri: EXTENSION_REDIRECT })).hostname).toBe(
      'abcdefghijklmnopabcdefghijklmnop.chromiumapp.org',
    );
    expect((await codeFor({ redirect_uri: 'http://localhost:9999/cb?x=1' })).searchParams.get('x')).toBe('1');
    for (const bad of [
      'https://evil.example/cb',
      'https://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP.chromiumapp.org/',
      'https://qrstuvwxyzqrstuvwxyzqrstuvwxyzqr.chromiumapp.org/',
      'http://10.0.0.1/cb',
    ]) {
      const url = new URL(h.creds.urls.authorize);
      url.search = new URLSearchParams({
        client_id: h.creds.intuit.clientId,
        redirect_uri: bad,
        response_type: 'code',
        scope: 'com.intuit.quickbooks.accounting',
        state: 's',
      }).toString();
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    }
  });

  it('an unknown client_id gets an error page, not a redirect', async () => {
    const url = new URL(h.creds.urls.authorize);
    url.search = new URLSearchParams({
      client_id: 'ABnope',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state: 's',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
  });

  it('redirects back with error= for a bad response_type, scope, missing state or bad PKCE method', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'openid' }, 'invalid_scope'],
      [{ scope: 'com.intuit.quickbooks.accounting bogus' }, 'invalid_scope'],
      [{ state: '' }, 'invalid_request'],
      [{ code_challenge: 'a'.repeat(43), code_challenge_method: 'S512' }, 'invalid_request'],
    ];
    for (const [params, error] of cases) {
      const back = await codeFor(params);
      expect(back.searchParams.get('error'), JSON.stringify(params)).toBe(error);
      expect(back.searchParams.get('code')).toBeNull();
    }
  });

  it("consent 'page' shows Approve and Deny; Deny → access_denied, Approve → code", async () => {
    await h.control('PUT', '/config', { consent: 'page' });
    try {
      const client = newClient();
      const uri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'page-state' });
      const decide = async (decision: 'approve' | 'deny') => {
        const page = await fetch(uri, { redirect: 'manual' });
        expect(page.status).toBe(200);
        const html = await page.text();
        expect(html).toContain('id="approve"');
        expect(html).toContain('>Approve<');
        expect(html).toContain('id="deny"');
        const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
        const res = await fetch(new URL(action, h.sandbox.url), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ request, decision }).toString(),
          redirect: 'manual',
        });
        expect(res.status).toBe(302);
        return new URL(res.headers.get('location') ?? '');
      };
      const denied = await decide('deny');
      expect(denied.searchParams.get('error')).toBe('access_denied');
      expect(denied.searchParams.get('state')).toBe('page-state');
      const approved = await decide('approve');
      expect(approved.searchParams.get('code')).toBeTruthy();
      await client.createToken(approved.toString());
      expect(await customerStatus(client.getToken().access_token)).toBe(200);
    } finally {
      await h.control('PUT', '/config', { consent: 'auto' });
    }
  });

  it('serves the discovery documents pointing at the sandbox', async () => {
    for (const name of ['openid_configuration', 'openid_sandbox_configuration']) {
      const doc = (await (await fetch(`${h.sandbox.url}/intuit/.well-known/${name}`)).json()) as Record<
        string,
        unknown
      >;
      expect(doc).toMatchObject({
        authorization_endpoint: h.creds.urls.authorize,
        token_endpoint: h.creds.urls.token,
        revocation_endpoint: h.creds.urls.revoke,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
  });
});

describe('revoke endpoint', () => {
  it('needs Basic auth and a JSON {token}', async () => {
    const url = h.creds.urls.revoke;
    const auth = basic(h.creds.intuit.clientId, h.creds.intuit.clientSecret);
    const status = async (headers: Record<string, string>, body: string) =>
      (await fetch(url, { method: 'POST', headers, body })).status;
    const json = { authorization: auth, 'content-type': 'application/json' };
    expect(await status({ 'content-type': 'application/json' }, '{"token":"x"}')).toBe(401); // no auth
    expect(
      await status({ authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, 'token=x'),
    ).toBe(400); // a form
    expect(await status(json, '{}')).toBe(400); // no token
    expect(await status(json, '{"token":"x"}')).toBe(200); // a token it does not know
  });
});

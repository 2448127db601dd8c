import { describe, expect, it, vi } from 'vitest';
import { AuthError } from '../errors';
import { RequestCounter } from '../http/counter';
import { createIntuitTokenSource, exchangeCode, refreshTokens, revokeToken } from './intuit';
import { type IntuitTokens, memoryTokenStore } from './token-store';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const tokens = (n: number, expiresAt = T0 + 3600_000): IntuitTokens => ({
  accessToken: `access-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt,
  refreshExpiresAt: null,
  realmId: '9130',
});

describe('token source', () => {
  it('a valid token is handed out without refreshing', async () => {
    const refresh = vi.fn();
    const source = createIntuitTokenSource({ store: memoryTokenStore(tokens(1)), refresh, now: () => T0 });
    expect(await source.accessToken()).toBe('access-1');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('a token about to expire is refreshed first, and the rotated tokens are stored', async () => {
    const store = memoryTokenStore(tokens(1, T0 + 60_000));
    const source = createIntuitTokenSource({ store, refresh: async () => tokens(2), now: () => T0 });
    expect(await source.accessToken()).toBe('access-2');
    expect((await store.get())?.refreshToken).toBe('refresh-2');
  });

  it('ten callers at once share one refresh', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const refresh = vi.fn(async () => {
      await gate;
      return tokens(2);
    });
    const source = createIntuitTokenSource({
      store: memoryTokenStore(tokens(1, T0)),
      refresh,
      now: () => T0,
    });
    const all = Promise.all(Array.from({ length: 10 }, () => source.accessToken()));
    release();
    expect(new Set(await all)).toEqual(new Set(['access-2']));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('several 401s with the same token cause one refresh; a 401 with an old token causes none', async () => {
    const refresh = vi.fn(async () => tokens(2));
    const source = createIntuitTokenSource({ store: memoryTokenStore(tokens(1)), refresh, now: () => T0 });
    const after = await Promise.all([
      source.refreshAfterUnauthorized('access-1'),
      source.refreshAfterUnauthorized('access-1'),
    ]);
    expect(after).toEqual(['access-2', 'access-2']);
    expect(await source.refreshAfterUnauthorized('access-1')).toBe('access-2');
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('the new access token is not handed out before the rotated refresh token is stored', async () => {
    const events: string[] = [];
    const inner = memoryTokenStore(tokens(1, T0));
    const store = {
      ...inner,
      set: async (t: IntuitTokens) => {
        await new Promise((r) => setTimeout(r, 5));
        events.push(`stored ${t.refreshToken}`);
        await inner.set(t);
      },
    };
    const source = createIntuitTokenSource({ store, refresh: async () => tokens(2), now: () => T0 });
    events.push(`got ${await source.accessToken()}`);
    expect(events).toEqual(['stored refresh-2', 'got access-2']);
  });

  it('a failed refresh is not remembered: the next call tries again', async () => {
    const refresh = vi
      .fn()
      .mockRejectedValueOnce(new AuthError('quickbooks', 'x'))
      .mockResolvedValueOnce(tokens(2));
    const source = createIntuitTokenSource({
      store: memoryTokenStore(tokens(1, T0)),
      refresh,
      now: () => T0,
    });
    await expect(source.accessToken()).rejects.toBeInstanceOf(AuthError);
    expect(await source.accessToken()).toBe('access-2');
  });

  it('no tokens stored → AuthError asking to connect', async () => {
    const source = createIntuitTokenSource({ store: memoryTokenStore(), refresh: vi.fn(), now: () => T0 });
    await expect(source.accessToken()).rejects.toThrow(/not connected/);
  });
});

/** Intuit's token endpoint, scripted; records what was posted. */
function intuit(answer: () => Response) {
  const seen: { url: string; auth: string | null; body: string }[] = [];
  const fetchFn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const req = new Request(input, init);
    seen.push({ url: req.url, auth: req.headers.get('authorization'), body: await req.text() });
    return answer();
  });
  return { fetch: fetchFn as unknown as typeof fetch, seen };
}

const endpoints = {
  token: 'http://127.0.0.1:9/intuit/oauth2/v1/tokens/bearer',
  revoke: 'http://127.0.0.1:9/intuit/v2/oauth2/tokens/revoke',
};
const app = { endpoints, clientId: 'client-id', clientSecret: 'shh-secret', now: () => T0 };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('Intuit token endpoint', () => {
  it('code exchange: HTTP Basic client authentication, PKCE verifier, absolute expiry times', async () => {
    const s = intuit(() =>
      json({
        access_token: 'a1',
        refresh_token: 'r1',
        token_type: 'bearer',
        expires_in: 3600,
        x_refresh_token_expires_in: 8726400,
      }),
    );
    const counter = new RequestCounter();
    const t = await exchangeCode({
      ...app,
      fetch: s.fetch,
      counter,
      code: 'the-code',
      codeVerifier: 'v'.repeat(43),
      redirectUri: 'https://x.chromiumapp.org/',
      realmId: '9130',
    });
    expect(t).toEqual({
      accessToken: 'a1',
      refreshToken: 'r1',
      expiresAt: T0 + 3600_000,
      refreshExpiresAt: T0 + 8726400_000,
      realmId: '9130',
    });
    expect(s.seen[0]?.auth).toBe(`Basic ${btoa('client-id:shh-secret')}`);
    const body = new URLSearchParams(s.seen[0]?.body);
    expect(Object.fromEntries(body)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: 'v'.repeat(43),
    });
    expect(counter.snapshot().intuit).toBe(1);
  });

  it('refresh with invalid_grant → AuthError "reconnect", without the token in the message', async () => {
    const s = intuit(() => json({ error: 'invalid_grant', error_description: 'Token invalid' }, 400));
    const error = await refreshTokens({
      ...app,
      fetch: s.fetch,
      refreshToken: 'secret-refresh',
      realmId: '9130',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe('QuickBooks authorization expired — reconnect');
    expect((error as Error).message).not.toContain('secret-refresh');
  });

  it('refresh with a bad client secret → AuthError pointing at the app credentials', async () => {
    const s = intuit(() => json({ error: 'invalid_client' }, 401));
    await expect(refreshTokens({ ...app, fetch: s.fetch, refreshToken: 'r', realmId: '1' })).rejects.toThrow(
      /client ID or secret/,
    );
  });

  it('plain http is refused for anything but 127.0.0.1', async () => {
    const s = intuit(() => json({}));
    const remote = { token: 'http://intuit.example/token', revoke: 'http://intuit.example/revoke' };
    await expect(
      refreshTokens({ ...app, endpoints: remote, fetch: s.fetch, refreshToken: 'r', realmId: '1' }),
    ).rejects.toBeInstanceOf(AuthError);
    expect(s.fetch).not.toHaveBeenCalled();
  });

  it('revoke posts the token as JSON with client authentication, as Intuit’s SDK does', async () => {
    const s = intuit(() => new Response(null, { status: 200 }));
    await revokeToken({ ...app, fetch: s.fetch, token: 'r9' });
    expect(s.seen[0]?.url).toBe(endpoints.revoke);
    expect(JSON.parse(s.seen[0]?.body ?? '')).toEqual({ token: 'r9' });
    expect(s.seen[0]?.auth).toBe(`Basic ${btoa('client-id:shh-secret')}`);
  });

  it('revoke refused → AuthError', async () => {
    const s = intuit(() => json({ error: 'invalid_client' }, 401));
    await expect(revokeToken({ ...app, fetch: s.fetch, token: 'r9' })).rejects.toThrow(/client ID or secret/);
  });
});

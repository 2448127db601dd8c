import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError, RateLimitedError, RejectedWriteError, ServiceUnavailableError } from '../errors';
import { systemClock } from './clock';
import { RequestCounter } from './counter';
import { RateLimiter } from './limiter';
import { SteppingClock } from './test-clock';
import { createTransport, type HttpRequest, type TransportOptions } from './transport';

type Step = Response | Error;

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(steps: Step[]) {
  const seen: { url: string; method: string; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    });
    const step = steps.shift();
    if (!step) throw new Error('script exhausted');
    if (step instanceof Error) throw step;
    return step;
  });
  return { fetch: fn as unknown as typeof fetch, seen };
}

const xml429 = `<IntuitResponse time="2017-07-30T22:45:22.933-07:00" xmlns="http://schema.intuit.com/finance/v3">
  <Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>
  <Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`;

function setup(steps: Step[], extra: Partial<TransportOptions> = {}) {
  const clock = new SteppingClock();
  const counter = new RequestCounter();
  const script = scriptedFetch(steps);
  let token = 'token-1';
  const refresh = vi.fn(async () => {
    token = 'token-2';
  });
  const transport = createTransport({
    service: 'quickbooks',
    fetch: script.fetch,
    clock,
    random: () => 0.5,
    counter,
    limiter: new RateLimiter({ concurrent: 10, windows: [{ limit: 1000, windowMs: 60_000 }] }, clock),
    auth: { headers: async () => ({ authorization: `Bearer ${token}` }), refresh },
    toError: (res) => new RejectedWriteError('quickbooks', String(res.status), `rejected ${res.status}`),
    authFailure: () => new AuthError('quickbooks', 'QuickBooks authorization expired — reconnect'),
    ...extra,
  });
  return { transport, clock, counter, refresh, ...script };
}

const get: HttpRequest = { method: 'GET', url: new URL('http://127.0.0.1/qbo/v3/company/1/query?query=x') };
const post: HttpRequest = { method: 'POST', url: new URL('http://127.0.0.1/karbon/v3/Contacts'), body: '{}' };
const ok = () => new Response('{"ok":true}', { status: 200 });

describe('transport retries', () => {
  it('429 with Retry-After in seconds → waits that long, then succeeds', async () => {
    const t = setup([new Response('{}', { status: 429, headers: { 'retry-after': '7' } }), ok()]);
    const res = await t.transport.send(get);
    expect(res.status).toBe(200);
    expect(t.clock.sleeps).toHaveLength(1);
    expect(t.clock.sleeps[0]).toBeGreaterThanOrEqual(7000);
    expect(t.clock.sleeps[0]).toBeLessThanOrEqual(7700);
    expect(t.counter.snapshot().quickbooks).toBe(2);
  });

  it('429 with Retry-After as an HTTP date → waits until that date', async () => {
    const clock = new SteppingClock();
    const at = new Date(clock.now() + 12_000).toUTCString();
    const t = setup([new Response('', { status: 429, headers: { 'retry-after': at } }), ok()], { clock });
    await t.transport.send(get);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(12_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(13_200);
  });

  it('429 in XML without Retry-After → exponential backoff, then succeeds', async () => {
    const xml = () => new Response(xml429, { status: 429, headers: { 'content-type': 'application/xml' } });
    const t = setup([xml(), xml(), xml(), ok()]);
    const res = await t.transport.send(get);
    expect(res.status).toBe(200);
    // equal jitter with random() = 0.5: 3/4 of 5 s, 10 s, 20 s
    expect(t.clock.sleeps).toEqual([3750, 7500, 15000]);
  });

  it('429 more often than the budget → RateLimitedError carrying Retry-After', async () => {
    const steps = Array.from(
      { length: 8 },
      () => new Response('', { status: 429, headers: { 'retry-after': '1' } }),
    );
    const t = setup(steps, { retry: { rateLimitRetries: 2 } });
    const error = await t.transport.send(get).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(1000);
    expect(t.fetch).toHaveBeenCalledTimes(3);
  });

  it('a Retry-After longer than the limit is not waited out', async () => {
    const t = setup([new Response('', { status: 429, headers: { 'retry-after': '3600' } })]);
    await expect(t.transport.send(get)).rejects.toBeInstanceOf(RateLimitedError);
    expect(t.clock.sleeps).toEqual([]);
  });

  it('503 then 200 on a read → retried after a jittered delay', async () => {
    const t = setup([new Response('busy', { status: 503 }), new Response('oops', { status: 500 }), ok()]);
    const res = await t.transport.send(get);
    expect(res.status).toBe(200);
    expect(t.clock.sleeps).toEqual([375, 750]);
  });

  it('a dropped connection on a read → retried', async () => {
    const t = setup([new TypeError('fetch failed'), ok()]);
    expect((await t.transport.send(get)).status).toBe(200);
    expect(t.fetch).toHaveBeenCalledTimes(2);
  });

  it('5xx on every attempt → ServiceUnavailableError after the bounded retries', async () => {
    const steps = Array.from({ length: 10 }, () => new Response('', { status: 502 }));
    const t = setup(steps, { retry: { transientRetries: 3 } });
    await expect(t.transport.send(get)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(t.fetch).toHaveBeenCalledTimes(4);
  });

  it('a dropped connection on a POST without idempotency key → not repeated', async () => {
    const t = setup([new TypeError('fetch failed'), ok()]);
    await expect(t.transport.send(post)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(t.fetch).toHaveBeenCalledTimes(1);
  });

  it('a 429 on a POST → repeated (the server did not act on it)', async () => {
    const t = setup([new Response('', { status: 429, headers: { 'retry-after': '1' } }), ok()]);
    expect((await t.transport.send(post)).status).toBe(200);
  });

  it('a POST marked idempotent (requestid) → repeated after a 500', async () => {
    const t = setup([new Response('', { status: 500 }), ok()]);
    expect((await t.transport.send({ ...post, idempotent: true })).status).toBe(200);
  });

  it('400 → the client typed error at once, no retry', async () => {
    const t = setup([new Response('{}', { status: 400 }), ok()]);
    await expect(t.transport.send(get)).rejects.toBeInstanceOf(RejectedWriteError);
    expect(t.fetch).toHaveBeenCalledTimes(1);
  });
});

describe('transport credentials', () => {
  it('401 → one refresh and one retry with the new token', async () => {
    const t = setup([new Response('{}', { status: 401 }), ok()]);
    expect((await t.transport.send(get)).status).toBe(200);
    expect(t.refresh).toHaveBeenCalledTimes(1);
    expect(t.seen.map((s) => s.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('401 twice → AuthError after a single refresh', async () => {
    const t = setup([new Response('{}', { status: 401 }), new Response('{}', { status: 401 }), ok()]);
    await expect(t.transport.send(get)).rejects.toBeInstanceOf(AuthError);
    expect(t.refresh).toHaveBeenCalledTimes(1);
  });

  it('credentials read per request: a token changed between calls is used', async () => {
    let key = 'a';
    const t = setup([ok(), ok()], { auth: { headers: async () => ({ accesskey: key }) } });
    await t.transport.send(get);
    key = 'b';
    await t.transport.send(get);
    expect(t.seen.map((s) => s.headers.accesskey)).toEqual(['a', 'b']);
  });

  it('a network error message never contains the token', async () => {
    const t = setup([new TypeError('fetch failed: Bearer token-1')], { retry: { transientRetries: 0 } });
    const error = (await t.transport.send(get).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('token-1');
  });
});

describe('transport with real timers faked', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits the Retry-After on the system clock before the second attempt', async () => {
    vi.useFakeTimers();
    const t = setup([new Response('', { status: 429, headers: { 'retry-after': '2' } }), ok()], {
      clock: systemClock,
    });
    const pending = t.transport.send(get);
    await vi.advanceTimersByTimeAsync(1900);
    expect(t.fetch).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(t.fetch).toHaveBeenCalledTimes(2);
    expect((await pending).status).toBe(200);
  });
});

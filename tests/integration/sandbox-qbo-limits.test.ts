// QuickBooks' throttles (qbo-notes §9), made fast with low limits and a high timeScale.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type QboHarness, startQboHarness } from './sandbox-qbo-helpers';

let h: QboHarness;
const wide = { perMinute: 100_000, perSecond: 100_000, concurrent: 1000, batchPerMinute: 100_000 };

beforeAll(async () => {
  h = await startQboHarness();
});
beforeEach(async () => {
  await h.control('PUT', '/config', { timeScale: 1, latencyMs: 0, limits: { qbo: wide } });
  // DELETE /requests also starts fresh throttle windows, so one test's calls do not count in the next.
  await h.control('DELETE', '/requests');
});
afterAll(() => h.close());

async function statuses(n: number, path = '/customer/1'): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const res = await h.qbo(path);
    await res.body?.cancel();
    out.push(res.status);
  }
  return out;
}

describe('rate limits', () => {
  it('over the per-minute limit → 429 with Intuit’s XML ThrottleExceeded body, even when JSON was asked', async () => {
    await h.control('PUT', '/config', { timeScale: 1, limits: { qbo: { ...wide, perMinute: 5 } } });
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
    const res = await h.qbo('/customer/1');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/xml/);
    expect(res.headers.get('intuit_tid')).toMatch(/^1-/);
    const xml = await res.text();
    expect(xml).toContain('<Fault type="SERVICE"><Error code="3001">');
    expect(xml).toContain('message=ThrottleExceeded; errorCode=003001; statusCode=429');
  });

  it('timeScale compresses the minute: the window reopens after 60 000 / timeScale ms', async () => {
    await h.control('PUT', '/config', { timeScale: 600, limits: { qbo: { ...wide, perMinute: 3 } } });
    expect(await statuses(4)).toEqual([200, 200, 200, 429]);
    await new Promise((r) => setTimeout(r, 150));
    expect(await statuses(1)).toEqual([200]);
  });

  it('10 a second per company by default', async () => {
    await h.control('PUT', '/config', {
      limits: { qbo: { perMinute: 500, perSecond: 10, concurrent: 10, batchPerMinute: 40 } },
    });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => h.qbo('/customer/1').then((r) => r.status)),
    );
    expect(results.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((s) => s === 429)).toHaveLength(2);
  });

  it('concurrency counts requests in flight, including those waiting out injected latency', async () => {
    await h.control('PUT', '/config', { latencyMs: 300, limits: { qbo: { ...wide, concurrent: 2 } } });
    const results = await Promise.all([1, 2, 3].map(() => h.qbo('/customer/1').then((r) => r.status)));
    expect(results.sort()).toEqual([200, 200, 429]);
    // Once they are answered, there is room again.
    expect(await statuses(1)).toEqual([200]);
  });

  it('batch requests have their own 40-a-minute limit; other calls go on', async () => {
    await h.control('PUT', '/config', { limits: { qbo: { ...wide, batchPerMinute: 2 } } });
    const batch = () =>
      h
        .qbo('/batch', { body: { BatchItemRequest: [{ bId: '1', Query: 'select count(*) from Customer' }] } })
        .then((r) => r.status);
    expect([await batch(), await batch(), await batch()]).toEqual([200, 200, 429]);
    expect(await statuses(1)).toEqual([200]);
  });

  it('the OAuth endpoints and the control API are not throttled by QuickBooks’ limits', async () => {
    await h.control('PUT', '/config', { limits: { qbo: { ...wide, perMinute: 1 } } });
    await statuses(2);
    for (let i = 0; i < 3; i += 1) {
      expect((await fetch(`${h.sandbox.url}/intuit/.well-known/openid_configuration`)).status).toBe(200);
      expect((await h.control('GET', '/clock')).status).toBe(200);
    }
  });
});

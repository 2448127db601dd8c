import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { karbonLimits, quickBooksLimits, RateLimiter } from './limiter';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Most starts found in any window of `windowMs` (a window opening at each start). */
function busiestWindow(starts: number[], windowMs: number): number {
  return Math.max(...starts.map((s) => starts.filter((t) => t >= s && t < s + windowMs).length));
}

describe('rate limiter', () => {
  it('never lets more requests start in a window than its limit', async () => {
    const limiter = new RateLimiter({ concurrent: 50, windows: [{ limit: 5, windowMs: 1000 }] }, systemClock);
    const starts: number[] = [];
    const all = Array.from({ length: 17 }, () =>
      limiter.run(async () => {
        starts.push(Date.now());
      }),
    );
    await vi.advanceTimersByTimeAsync(10_000);
    await Promise.all(all);
    expect(starts).toHaveLength(17);
    expect(busiestWindow(starts, 1000)).toBe(5);
    // 17 requests at 5 a second need three full waits
    expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(3000);
  });

  it('holds a slot until a window after the answer, so slow answers do not bunch up at the server', async () => {
    const limiter = new RateLimiter({ concurrent: 10, windows: [{ limit: 2, windowMs: 1000 }] }, systemClock);
    const starts: number[] = [];
    const slow = () =>
      limiter.run(async () => {
        starts.push(Date.now());
        await pause(600);
      });
    const all = [slow(), slow(), slow()];
    await vi.advanceTimersByTimeAsync(5000);
    await Promise.all(all);
    const t0 = starts[0] ?? 0;
    expect(starts.map((s) => s - t0)).toEqual([0, 0, 1600]);
  });

  it('caps requests in flight at the concurrency limit', async () => {
    const limiter = new RateLimiter(
      { concurrent: 3, windows: [{ limit: 100, windowMs: 1000 }] },
      systemClock,
    );
    let inFlight = 0;
    let most = 0;
    const all = Array.from({ length: 12 }, () =>
      limiter.run(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await pause(50);
        inFlight -= 1;
      }),
    );
    await vi.advanceTimersByTimeAsync(2000);
    await Promise.all(all);
    expect(most).toBe(3);
  });

  it('counts a class window only for requests of that class', async () => {
    const limiter = new RateLimiter(
      {
        concurrent: 10,
        windows: [{ limit: 100, windowMs: 1000 }],
        classes: { batch: [{ limit: 1, windowMs: 1000 }] },
      },
      systemClock,
    );
    const starts: Record<string, number[]> = { batch: [], plain: [] };
    const all = [
      limiter.run(async () => void starts.batch?.push(Date.now()), { limitClass: 'batch' }),
      limiter.run(async () => void starts.batch?.push(Date.now()), { limitClass: 'batch' }),
      limiter.run(async () => void starts.plain?.push(Date.now())),
    ];
    await vi.advanceTimersByTimeAsync(3000);
    await Promise.all(all);
    expect((starts.batch?.[1] ?? 0) - (starts.batch?.[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(starts.plain?.[0]).toBe(starts.batch?.[0]);
  });

  it('an aborted signal removes a waiting request', async () => {
    const limiter = new RateLimiter(
      { concurrent: 1, windows: [{ limit: 1, windowMs: 60_000 }] },
      systemClock,
    );
    await limiter.run(async () => undefined);
    const controller = new AbortController();
    const waiting = limiter.run(async () => 'ran', { signal: controller.signal });
    controller.abort(new Error('run cancelled'));
    await expect(waiting).rejects.toThrow('run cancelled');
  });
});

describe('published limits', () => {
  it('QuickBooks: 500 a minute, 10 a second, 10 at once, batch 40 a minute; scaled by the window', () => {
    expect(quickBooksLimits()).toEqual({
      concurrent: 10,
      windows: [
        { limit: 500, windowMs: 60_000 },
        { limit: 10, windowMs: 1000 },
      ],
      classes: { batch: [{ limit: 40, windowMs: 60_000 }] },
    });
    expect(quickBooksLimits({ windowMs: 1000 }).windows[1]?.windowMs).toBeCloseTo(1000 / 60);
  });

  it('Karbon: 120 a minute', () => {
    expect(karbonLimits().windows).toEqual([{ limit: 120, windowMs: 60_000 }]);
  });
});

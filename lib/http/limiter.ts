// Keeps a client under a service's published limits (shared/spec/qbo-api.md "Limits",
// karbon-api.md "Errors and limits") so 429s stay the exception, not the pacing mechanism.
//
// p-queue gives FIFO order and the concurrency cap. The windows are counted here rather than
// with p-queue's `strict` interval because the server counts a request when it arrives, which
// is some time after the client starts it: a window slot is therefore held from the start of
// a request until `windowMs` after its answer came back. Any request the server can still see
// in its window is then also in ours, whatever the latency, so we never exceed its count.
import PQueue from 'p-queue';
import { type Clock, systemClock } from './clock';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export interface RateLimitConfig {
  /** Requests in flight at once. */
  concurrent: number;
  /** Sliding windows every request counts against. */
  windows: WindowLimit[];
  /** Extra windows for one class of request (QuickBooks batch: 40 a minute). */
  classes?: Record<string, WindowLimit[]>;
}

class SlidingWindow {
  private inFlight = 0;
  /** Completion times, ascending (the clock only moves forward between pushes). */
  private readonly finished: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** 0 when a request may start now; else ms until the oldest slot frees; null: wait for an answer. */
  waitMs(now: number): number | null {
    while (this.finished.length > 0 && (this.finished[0] ?? 0) <= now - this.windowMs) this.finished.shift();
    if (this.inFlight + this.finished.length < this.limit) return 0;
    const oldest = this.finished[0];
    if (oldest === undefined) return null;
    return Math.max(1, oldest + this.windowMs - now);
  }

  begin(): void {
    this.inFlight += 1;
  }

  end(now: number): void {
    this.inFlight -= 1;
    this.finished.push(now);
  }
}

export class RateLimiter {
  private readonly queue: PQueue;
  private readonly windows: SlidingWindow[];
  private readonly classes = new Map<string, SlidingWindow[]>();
  private released: Array<() => void> = [];

  constructor(
    config: RateLimitConfig,
    private readonly clock: Clock = systemClock,
  ) {
    this.windows = config.windows.map((w) => new SlidingWindow(w.limit, w.windowMs));
    for (const [name, list] of Object.entries(config.classes ?? {})) {
      this.classes.set(
        name,
        list.map((w) => new SlidingWindow(w.limit, w.windowMs)),
      );
    }
    // More in flight than a window's limit would leave nothing to expire while waiting.
    const limits = config.windows.map((w) => w.limit);
    this.queue = new PQueue({ concurrency: Math.max(1, Math.min(config.concurrent, ...limits)) });
  }

  /** Runs `task` once every window has room, holding the slots until `windowMs` after it ends. */
  run<T>(task: () => Promise<T>, opts: { limitClass?: string; signal?: AbortSignal } = {}): Promise<T> {
    const windows = [...this.windows, ...(opts.limitClass ? (this.classes.get(opts.limitClass) ?? []) : [])];
    return this.queue.add(
      async () => {
        await this.acquire(windows, opts.signal);
        try {
          return await task();
        } finally {
          const now = this.clock.now();
          for (const w of windows) w.end(now);
          const waiting = this.released;
          this.released = [];
          for (const wake of waiting) wake();
        }
      },
      { signal: opts.signal },
    );
  }

  /** Requests waiting for a slot or running. */
  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  private async acquire(windows: SlidingWindow[], signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      let wait: number | null = 0;
      for (const w of windows) {
        const ms = w.waitMs(now);
        if (ms === null) wait = null;
        else if (wait !== null) wait = Math.max(wait, ms);
      }
      if (wait === 0) {
        for (const w of windows) w.begin();
        return;
      }
      if (wait === null) await new Promise<void>((resolve) => this.released.push(resolve));
      else await this.clock.sleep(wait, signal);
    }
  }
}

/** Length of a "minute" when the sandbox runs with a time scale (60_000 / timeScale). */
export function scaledMinute(timeScale = 1): number {
  return 60_000 / timeScale;
}

export interface QuickBooksLimitOptions {
  perMinute?: number;
  perSecond?: number;
  concurrent?: number;
  batchPerMinute?: number;
  /** Length of a minute in ms; a second is a sixtieth of it. */
  windowMs?: number;
}

/** 500 a minute, 10 a second and 10 at once per company; batch 40 a minute. */
export function quickBooksLimits(o: QuickBooksLimitOptions = {}): RateLimitConfig {
  const minute = o.windowMs ?? 60_000;
  return {
    concurrent: o.concurrent ?? 10,
    windows: [
      { limit: o.perMinute ?? 500, windowMs: minute },
      { limit: o.perSecond ?? 10, windowMs: minute / 60 },
    ],
    classes: { batch: [{ limit: o.batchPerMinute ?? 40, windowMs: minute }] },
  };
}

export interface KarbonLimitOptions {
  perMinute?: number;
  concurrent?: number;
  windowMs?: number;
}

/** 120 a minute per application and tenant; Karbon publishes no concurrency cap, 4 is polite. */
export function karbonLimits(o: KarbonLimitOptions = {}): RateLimitConfig {
  return {
    concurrent: o.concurrent ?? 4,
    windows: [{ limit: o.perMinute ?? 120, windowMs: o.windowMs ?? 60_000 }],
  };
}

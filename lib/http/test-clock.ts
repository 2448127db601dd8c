// A clock for tests: sleeping advances time at once and records how long was asked for.
import type { Clock } from './clock';

export class SteppingClock implements Clock {
  readonly sleeps: number[] = [];

  constructor(public current = Date.parse('2026-01-01T00:00:00Z')) {}

  now(): number {
    return this.current;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.current += ms;
    await Promise.resolve();
  }
}

import type { SandboxClock } from './types';

/**
 * Sandbox time = real time + an offset that only grows, so tests can jump past token expiry or
 * the 30-day CDC window without waiting. Rate limits deliberately ignore it (they use Date.now()).
 */
export function createClock(realNow: () => number = Date.now): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => realNow() + offsetMs,
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advanceMs must be a finite number ≥ 0');
      if (realNow() + offsetMs + ms > LATEST_SANDBOX_TIME) {
        throw new RangeError('advanceMs would take sandbox time past the year 9000');
      }
      offsetMs += ms;
    },
  };
}

/**
 * The latest sandbox time: ISO dates keep four-digit years, with room for expiries years ahead.
 * Beyond it timestamps, MetaData and token expiries would be unrepresentable.
 */
export const LATEST_SANDBOX_TIME = Date.UTC(9000, 0, 1);

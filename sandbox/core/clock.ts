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
      offsetMs += ms;
    },
  };
}

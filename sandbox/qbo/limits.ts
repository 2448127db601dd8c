import { RateWindow } from '../core/rate-window';
import type { SandboxConfig } from '../core/types';

/**
 * QuickBooks' throttles per company (qbo-notes §9): 500 a minute, 10 a second, 10 in flight,
 * 40 batch requests a minute. Windows use real time divided by timeScale; requests in flight
 * include those waiting out injected latency.
 */
export class QboLimits {
  private perMinute = new Map<string, RateWindow>();
  private perSecond = new Map<string, RateWindow>();
  private batch = new Map<string, RateWindow>();
  private inFlight = new Map<string, number>();

  /** True when admitted (and then counted in flight until `leave`). */
  enter(realmId: string, isBatch: boolean, config: SandboxConfig, nowMs = Date.now()): boolean {
    const limits = config.limits.qbo;
    const minute = 60_000 / config.timeScale;
    const second = 1000 / config.timeScale;
    const current = this.inFlight.get(realmId) ?? 0;
    if (current >= limits.concurrent) return false;
    if (window(this.perSecond, realmId).tryHit(nowMs, limits.perSecond, second) > 0) return false;
    if (window(this.perMinute, realmId).tryHit(nowMs, limits.perMinute, minute) > 0) return false;
    if (isBatch && window(this.batch, realmId).tryHit(nowMs, limits.batchPerMinute, minute) > 0) return false;
    this.inFlight.set(realmId, current + 1);
    return true;
  }

  /** Forgets every window (a fresh minute); requests in flight stay counted. */
  resetWindows(): void {
    this.perMinute.clear();
    this.perSecond.clear();
    this.batch.clear();
  }

  leave(realmId: string): void {
    this.inFlight.set(realmId, Math.max(0, (this.inFlight.get(realmId) ?? 1) - 1));
  }
}

function window(map: Map<string, RateWindow>, key: string): RateWindow {
  let w = map.get(key);
  if (!w) {
    w = new RateWindow();
    map.set(key, w);
  }
  return w;
}

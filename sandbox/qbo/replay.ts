import type { SandboxResponse } from '../core/types';

const RETENTION_MS = 24 * 3600 * 1000;

/**
 * `requestid` replay (qbo-notes §5.6): a repeated id gets the first answer, not a second
 * execution. Kept 24 hours of sandbox time per realm (the notes leave retention unconfirmed).
 */
export class ReplayStore {
  private entries = new Map<string, { at: number; response: SandboxResponse }>();

  get(realmId: string, requestId: string, nowMs: number): SandboxResponse | undefined {
    const key = `${realmId}\u0000${requestId}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.at >= RETENTION_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.response;
  }

  put(realmId: string, requestId: string, nowMs: number, response: SandboxResponse): void {
    if (this.entries.size > 100_000) this.prune(nowMs);
    this.entries.set(`${realmId}\u0000${requestId}`, { at: nowMs, response });
  }

  clear(): void {
    this.entries.clear();
  }

  private prune(nowMs: number): void {
    for (const [key, entry] of this.entries) if (nowMs - entry.at >= RETENTION_MS) this.entries.delete(key);
  }
}

// A sliding-window request counter for the emulated rate limits. Windows are measured in real
// time divided by the configured time scale, so a benchmark can compress a minute.

export class RateWindow {
  private readonly hits: number[] = [];

  /**
   * Records a hit at `nowMs` if fewer than `limit` hits fall in the last `windowMs`.
   * Returns 0 when admitted, else the milliseconds until a slot frees up.
   */
  tryHit(nowMs: number, limit: number, windowMs: number): number {
    while (this.hits.length > 0 && (this.hits[0] ?? 0) <= nowMs - windowMs) this.hits.shift();
    if (this.hits.length >= limit) {
      const oldest = this.hits[0] ?? nowMs;
      return Math.max(1, oldest + windowMs - nowMs);
    }
    this.hits.push(nowMs);
    return 0;
  }

  reset(): void {
    this.hits.length = 0;
  }
}

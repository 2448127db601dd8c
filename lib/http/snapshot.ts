// A port's memory of what it read, handed to the engine as an opaque token on the record it
// returned (ReadSnapshot, lib/sync/ports.ts) and handed back on the next write, so the write needs
// no read of its own. The wire data stays here, in a WeakMap keyed by the token: a token this
// keeper did not make (another port, a forged or cloned object) finds nothing, and the data goes
// when the engine drops the record. Both ports use it.

import type { ReadSnapshot } from '../sync/ports';
import type { Clock } from './clock';

export interface Held<T> {
  value: T;
  readAt: number;
  /** Milliseconds since the answer arrived, on the keeper's clock. */
  ageMs: number;
}

export class SnapshotKeeper<T> {
  private readonly held = new WeakMap<ReadSnapshot, { value: T; readAt: number }>();

  constructor(
    private readonly clock: Clock,
    /** Older than this, `fresh()` says no (Infinity: the service itself refuses a stale write). */
    private readonly maxAgeMs: number,
  ) {}

  /** `record` with a non-enumerable `snapshot` holding `value`, read now. */
  attach<R extends object>(record: R, value: T): R & { readonly snapshot: ReadSnapshot } {
    const readAt = this.clock.now();
    const token: ReadSnapshot = Object.freeze({
      readAt,
      fresh: () => this.clock.now() - readAt <= this.maxAgeMs,
    });
    this.held.set(token, { value, readAt });
    // Not enumerable: equality, JSON, structured clones and stored rows see the record as before.
    Object.defineProperty(record, 'snapshot', { value: token, enumerable: false });
    return record as R & { readonly snapshot: ReadSnapshot };
  }

  get(token: ReadSnapshot | undefined): Held<T> | null {
    const entry = token ? this.held.get(token) : undefined;
    return entry ? { ...entry, ageMs: this.clock.now() - entry.readAt } : null;
  }

  /** Like `get`, and the token is spent: a snapshot is written from at most once. */
  take(token: ReadSnapshot | undefined): Held<T> | null {
    const entry = this.get(token);
    if (token) this.held.delete(token);
    return entry;
  }
}

// What a Karbon PUT is built from. Karbon has no version or ETag: a PUT replaces the record with
// whatever it carries, so it must carry the record as it is. The port reads it (GET) just before,
// unless the caller hands back a record this port read moments ago (`basedOn`), which the PUT
// then echoes — the record the caller planned against. docs/clients.md "Writing from what was
// read" has the bound and the window it leaves.
import { type Clock, SnapshotKeeper } from '../http';
import type { KarbonKind, KarbonRecord } from '../sync/ports';
import { type KarbonFullRecord, recordKey, toKarbonRecord } from './mapper';

/**
 * A read this recent is written from without reading again: about the time a pair operation
 * takes between its read and its Karbon write (one QuickBooks write at the real rates).
 */
export const SNAPSHOT_MAX_AGE_MS = 2_000;

export class KarbonWriteBasis {
  private readonly snapshots: SnapshotKeeper<{ full: KarbonFullRecord; seq: number }>;
  /** Reads and our own PUTs in request order. */
  private seq = 0;
  private readonly writes = new Map<string, { inFlight: number; lastEnd: number }>();

  constructor(
    clock: Clock,
    private readonly maxAgeMs = SNAPSHOT_MAX_AGE_MS,
  ) {
    this.snapshots = new SnapshotKeeper(clock, maxAgeMs);
  }

  /** Call as a read starts; give the result to `remember` with the record. */
  readStarts(): number {
    return ++this.seq;
  }

  /** The canonical record, carrying its snapshot. */
  remember(full: KarbonFullRecord, readStarted: number): KarbonRecord {
    return this.snapshots.attach(toKarbonRecord(full), { full, seq: readStarted });
  }

  /**
   * The wire record `basedOn` was read from, when a PUT may echo it: read by this port, of this
   * record, within the age bound, not written from before (a snapshot is spent by its first use),
   * and no PUT of ours to the record was in flight or finished after the read began (the read
   * may not show that write).
   */
  writable(kind: KarbonKind, key: string, basedOn: KarbonRecord | undefined): KarbonFullRecord | null {
    const held = this.snapshots.take(basedOn?.snapshot);
    if (!held || held.ageMs > this.maxAgeMs) return null;
    const { full, seq: readStarted } = held.value;
    if (full.kind !== kind || recordKey(full) !== key) return null;
    const ours = this.writes.get(`${kind}:${key}`);
    if (ours && (ours.inFlight > 0 || ours.lastEnd > readStarted)) return null;
    return full;
  }

  /** Runs one PUT of ours to the record, noting when it was in flight. */
  async putting<T>(kind: KarbonKind, key: string, send: () => Promise<T>): Promise<T> {
    const ref = `${kind}:${key}`;
    const w = this.writes.get(ref) ?? { inFlight: 0, lastEnd: 0 };
    this.writes.set(ref, w);
    w.inFlight++;
    try {
      return await send();
    } finally {
      w.inFlight--;
      w.lastEnd = ++this.seq;
    }
  }
}

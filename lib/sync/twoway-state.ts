// What two-way runs remember between runs: a checkpoint per source (conventions, habit 3:
// advanced only after the data is stored, never by a failed run), when the last full read
// happened, and the records a failed write left to visit again.
import { z } from 'zod';
import type { SyncDatabase } from '../db/database';
import type { CheckpointSource } from '../db/rows';

export const TWOWAY_KEY = 'twoway';

/** A full read once a day catches what no change feed shows (a Karbon record archived or deleted). */
export const FULL_READ_EVERY_MS = 24 * 3600_000;

const stateSchema = z.object({
  lastFullReadAt: z.string().nullable().default(null),
  /** End of the last completed run (our clock): unlinks made after it re-enter matching. */
  lastRunAt: z.string().nullable().default(null),
  revisit: z
    .object({
      /** QuickBooks ids: linked pairs or unlinked customers whose last write failed. */
      quickbooks: z.array(z.string()).default([]),
      /** Karbon refs (kind:key) whose push failed. */
      karbon: z.array(z.string()).default([]),
    })
    .default({ quickbooks: [], karbon: [] }),
  /**
   * Per Karbon kind, the rows (`key@LastModifiedDateTime`) the last run read from a second before
   * its mark: a row in that second the last run did not see is new, even when its stamp is not
   * after the mark (stamped in the same instant, or by a server whose clock runs a little behind).
   */
  // null: a state from before this was kept, when only rows stamped after the mark were new.
  nearMark: z
    .object({ contact: z.array(z.string()).default([]), organization: z.array(z.string()).default([]) })
    .nullable()
    .default(null),
});

export type TwoWayState = z.infer<typeof stateSchema>;

export async function readTwoWayState(db: SyncDatabase): Promise<TwoWayState> {
  const row = await db.meta.get(TWOWAY_KEY);
  const parsed = stateSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : stateSchema.parse({});
}

export async function writeTwoWayState(db: SyncDatabase, state: TwoWayState): Promise<void> {
  await db.meta.put({ key: TWOWAY_KEY, value: state });
}

/** Where each source's change feed resumes. */
export interface Marks {
  /** QuickBooks server time of the last stored answer (CDC changedSince). */
  quickbooks: string | null;
  /** Karbon high-water LastModifiedDateTime, per kind. */
  contact: string | null;
  organization: string | null;
}

const SOURCES: Record<keyof Marks, CheckpointSource> = {
  quickbooks: 'quickbooks',
  contact: 'karbon:contact',
  organization: 'karbon:organization',
};

export async function readMarks(db: SyncDatabase): Promise<Marks> {
  const rows = await db.checkpoints.bulkGet(Object.values(SOURCES));
  const [quickbooks, contact, organization] = rows.map((r) => r?.value ?? null);
  return { quickbooks: quickbooks ?? null, contact: contact ?? null, organization: organization ?? null };
}

export async function writeMarks(db: SyncDatabase, marks: Marks, runId: string, at: string): Promise<void> {
  const rows = (Object.keys(SOURCES) as (keyof Marks)[]).flatMap((k) => {
    const value = marks[k];
    return value ? [{ source: SOURCES[k], value, updatedAt: at, runId }] : [];
  });
  await db.checkpoints.bulkPut(rows);
}

export type ReadMode =
  | { kind: 'full'; reason: 'no-checkpoint' | 'daily' }
  | { kind: 'incremental'; reason: 'checkpoint' };

/**
 * A full read when a source has no checkpoint (the first sync, a restored backup) or the last
 * full read is a day old; otherwise each source's changes since its checkpoint.
 */
export function chooseReadMode(state: TwoWayState, marks: Marks, now: Date): ReadMode {
  if (!marks.quickbooks || !marks.contact || !marks.organization)
    return { kind: 'full', reason: 'no-checkpoint' };
  const last = state.lastFullReadAt ? Date.parse(state.lastFullReadAt) : Number.NaN;
  if (!Number.isFinite(last) || now.getTime() - last >= FULL_READ_EVERY_MS)
    return { kind: 'full', reason: 'daily' };
  return { kind: 'incremental', reason: 'checkpoint' };
}

/** Karbon times carry 0–7 fraction digits: compare them as instants, never as text. */
export function karbonTime(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Before any record: the mark of a kind read in full and found empty (every later record is newer). */
export const EMPTY_MARK = '1970-01-01T00:00:00Z';

/** The newest of the rows' LastModifiedDateTime, or `previous` when none is newer. */
export function highWater(rows: readonly { lastModified: string }[], previous: string | null): string {
  let best = previous ?? EMPTY_MARK;
  for (const r of rows)
    if (best === null || karbonTime(r.lastModified) > karbonTime(best)) best = r.lastModified;
  return best;
}

/**
 * The `stopBefore` handed to the port: a whole second before the mark, written without a
 * fraction, so that comparing it as text (as the port does) can never drop a row at or after
 * the mark whatever number of fraction digits Karbon sends; rows between it and the mark are
 * read again and filtered here as instants.
 */
export function stopBeforeFor(mark: string): string {
  const t = karbonTime(mark);
  if (!Number.isFinite(t)) return mark;
  return `${new Date(Math.floor(t / 1000) * 1000 - 1000).toISOString().slice(0, 19)}Z`;
}

/** How a row is remembered among the ones seen near the mark. */
export function seenRef(row: { key: string; lastModified: string }): string {
  return `${row.key}@${row.lastModified}`;
}

/** The rows near `mark` (from the `stopBefore` of that mark on) that a run read. */
export function seenNearMark(rows: readonly { key: string; lastModified: string }[], mark: string): string[] {
  const from = karbonTime(stopBeforeFor(mark));
  return rows
    .filter((r) => karbonTime(r.lastModified) >= from)
    .map(seenRef)
    .sort();
}

/**
 * New or changed since the run that set `mark`: stamped after it, or stamped in the second
 * before it (which every run reads again) without having been seen by that run.
 */
export function changedSinceMark(
  row: { key: string; lastModified: string },
  mark: string,
  seen: ReadonlySet<string> | null,
): boolean {
  const t = karbonTime(row.lastModified);
  if (t > karbonTime(mark)) return true;
  return seen !== null && t >= karbonTime(stopBeforeFor(mark)) && !seen.has(seenRef(row));
}

/** Changes this close to the last answer are read again: harmless (our own versions are recognised). */
export const QUICKBOOKS_RESUME_MARGIN_MS = 60_000;

/**
 * Where CDC resumes after an answer given at `serverTime`. QuickBooks answers with milliseconds
 * but dates records to the second (MetaData.LastUpdatedTime), so a change made later in the
 * same second as the answer would fall before a checkpoint taken as is: the checkpoint is
 * floored to the second and a margin taken off. Written in the company's own offset, as
 * QuickBooks writes its times.
 */
export function quickBooksResumePoint(serverTime: string): string {
  const ms = Date.parse(serverTime);
  if (Number.isNaN(ms)) return serverTime;
  const at = Math.floor(ms / 1000) * 1000 - QUICKBOOKS_RESUME_MARGIN_MS;
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(serverTime);
  if (!zone) return `${new Date(at).toISOString().slice(0, 19)}Z`;
  const offset = (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3]));
  return `${new Date(at + offset * 60_000).toISOString().slice(0, 19)}${zone[1]}${zone[2]}:${zone[3]}`;
}

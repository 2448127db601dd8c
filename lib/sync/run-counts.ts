// A run's write counts, derived from the changes it recorded rather than added up in memory: each
// change lands in the same transaction as the write it records, so the counts of a run that was
// stopped and resumed (or whose progress row was last saved before the stop) still say exactly
// what the run did as a whole.
import type { ChangeRow, RunCounts } from '../db/rows';

export type ChangeCountKey =
  | 'linked'
  | 'createdInKarbon'
  | 'createdInQuickBooks'
  | 'updatedInKarbon'
  | 'updatedInQuickBooks'
  | 'conflicts';

export type ChangeCounts = Pick<RunCounts, ChangeCountKey>;

type Countable = Pick<
  ChangeRow,
  'action' | 'side' | 'quickBooksId' | 'karbonKey' | 'karbonKind' | 'conflict'
>;

/**
 * Tallies changes in the order they were recorded:
 * - a `create` counts on its side; the `link` that follows it is the create's, not a new link;
 * - `update`s count records, not fields: a record written on one side is one update there;
 * - a conflict is an `update` marked `conflict` (one per field a policy settled).
 */
export class ChangeTally {
  readonly counts: ChangeCounts = {
    linked: 0,
    createdInKarbon: 0,
    createdInQuickBooks: 0,
    updatedInKarbon: 0,
    updatedInQuickBooks: 0,
    conflicts: 0,
  };
  private readonly created = new Set<string>();
  private readonly updated = new Set<string>();

  add(c: Countable): void {
    if (c.action === 'create') {
      if (c.side === 'karbon') this.counts.createdInKarbon += 1;
      else if (c.side === 'quickbooks') this.counts.createdInQuickBooks += 1;
      this.created.add(pairOf(c));
    } else if (c.action === 'link') {
      if (!this.created.has(pairOf(c))) this.counts.linked += 1;
    } else if (c.action === 'update' && (c.side === 'karbon' || c.side === 'quickbooks')) {
      if (c.conflict) this.counts.conflicts += 1;
      const record = c.side === 'karbon' ? `k|${c.karbonKind}:${c.karbonKey}` : `q|${c.quickBooksId}`;
      if (this.updated.has(record)) return;
      this.updated.add(record);
      if (c.side === 'karbon') this.counts.updatedInKarbon += 1;
      else this.counts.updatedInQuickBooks += 1;
    }
  }
}

function pairOf(c: Countable): string {
  return `${c.quickBooksId ?? ''}|${c.karbonKey ?? ''}`;
}

/** The counts of a run's changes (in `seq` order). */
export function countChanges(changes: readonly Countable[]): ChangeCounts {
  const tally = new ChangeTally();
  for (const c of changes) tally.add(c);
  return tally.counts;
}

// Resolve Duplicates: one card per waiting item, a bulk bar, and an empty state with the time of
// the last run. Decisions go to the background; the list re-reads itself from the database.
import { useEffect, useRef, useState } from 'react';
import type { Decision, DuplicateItem } from '../../lib/sync/engine';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorLine } from '../ErrorLine';
import { formatNumber } from '../format';
import { RelativeTime } from '../RelativeTime';
import { DuplicateCard } from './DuplicateCard';
import type { ReviewItem } from './SpecialDecisions';
import { type LoadRecords, type RecordsCache, useFirstRecords, useItemRecords } from './use-item-records';

function CardWithRecords(p: {
  item: ReviewItem;
  pending: boolean;
  onDecide: (d: Decision) => void;
  load: LoadRecords | undefined;
  cache: RecordsCache;
}) {
  const ref = useRef<HTMLElement>(null);
  const records = useItemRecords(p.item, p.load, p.cache, ref);
  return (
    <DuplicateCard item={p.item} pending={p.pending} onDecide={p.onDecide} records={records} cardRef={ref} />
  );
}

export interface BulkDecision {
  itemId: string;
  decision: Decision;
}

/** The candidate a bulk "link top suggestions" would pick: the best score, free to link. */
export function topSuggestion(item: DuplicateItem, minScore: number): string | null {
  const best = [...item.candidates]
    .filter((c) => c.score !== null && c.linkedTo === null && !c.unlinkedByPerson)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  return best && (best.score ?? 0) >= minScore ? best.id : null;
}

interface ResolveProps {
  items: ReviewItem[];
  lastRunAt: string | null;
  onDecide: (itemId: string, decision: Decision) => Promise<unknown>;
  onBulk: (decisions: BulkDecision[]) => Promise<unknown>;
  error: string | null;
  /** Reads an item's records in full for the field-by-field comparison (absent: name and email only). */
  loadRecords?: LoadRecords;
  /** Items a person skipped: out of the queue, still decidable (Link or Create). */
  skipped?: ReviewItem[];
}

/**
 * A decided card leaves the list: the keyboard moves on to the card now in its place (or the
 * empty state), instead of dropping to the top of the page with the button that went.
 */
function useFocusAfterDecision(items: ReviewItem[]) {
  const rootRef = useRef<HTMLDivElement>(null);
  const decided = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const d = decided.current;
    if (!d || items.some((i) => i.id === d.id)) return;
    decided.current = null;
    const root = rootRef.current;
    const headings = root?.querySelectorAll<HTMLElement>('[data-testid="duplicate-card"] h2') ?? [];
    // No card left: the empty state ("No duplicates to resolve") is the root itself.
    const next =
      headings[Math.min(d.index, headings.length - 1)] ?? (root?.matches('[data-empty]') ? root : null);
    next?.focus();
  }, [items]);
  const remember = (itemId: string) => {
    if (rootRef.current?.contains(document.activeElement))
      decided.current = { id: itemId, index: items.findIndex((i) => i.id === itemId) };
  };
  return { rootRef, remember };
}

/** Each item's decision on its way: its buttons wait, the other cards stay usable. */
function usePendingDecisions(onDecide: ResolveProps['onDecide'], remember: (itemId: string) => void) {
  const [pendingIds, setPendingIds] = useState<Set<string>>(new Set());
  const decide = async (itemId: string, decision: Decision) => {
    remember(itemId);
    setPendingIds((s) => new Set(s).add(itemId));
    try {
      await onDecide(itemId, decision);
    } finally {
      setPendingIds((s) => {
        const n = new Set(s);
        n.delete(itemId);
        return n;
      });
    }
  };
  return { pendingIds, decide };
}

export function ResolveSection(p: ResolveProps) {
  const cache = useRef<RecordsCache>(new Map()).current;
  const [view, setView] = useState<'waiting' | 'skipped'>('waiting');
  const skipped = p.skipped ?? [];
  const tabbed = skipped.length > 0;
  const tabs = [
    { id: 'waiting' as const, label: `Waiting (${formatNumber(p.items.length)})` },
    { id: 'skipped' as const, label: `Skipped (${formatNumber(skipped.length)})` },
  ];
  const shown = tabbed ? view : 'waiting';
  // One tree with or without the tabs: the first skip adds them without remounting the list (its
  // read records and where the keyboard goes next are kept).
  return (
    <div className="stack" style={{ gap: 16 }}>
      {tabbed && (
        <div role="tablist" aria-label="Resolve Duplicates" className="row">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`resolve-tab-${t.id}`}
              aria-selected={shown === t.id}
              aria-controls={`resolve-panel-${t.id}`}
              className={shown === t.id ? 'primary' : ''}
              onClick={() => setView(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
      )}
      <div
        {...(tabbed
          ? { role: 'tabpanel', id: `resolve-panel-${shown}`, 'aria-labelledby': `resolve-tab-${shown}` }
          : {})}
      >
        {shown === 'waiting' ? (
          <WaitingItems {...p} cache={cache} />
        ) : (
          <SkippedItems {...p} items={skipped} cache={cache} />
        )}
      </div>
    </div>
  );
}

/** Until the first cards' records are read: words in their place, so no card grows once shown. */
function ReadingFirst() {
  return (
    <p className="muted" role="status">
      Reading the records of the first items to compare every field…
    </p>
  );
}

type ListProps = ResolveProps & { cache: RecordsCache };

/** What both lists do: focus after a decision, decisions on their way, the first records read. */
function useItemList(p: ListProps) {
  const { rootRef, remember } = useFocusAfterDecision(p.items);
  const { pendingIds, decide } = usePendingDecisions(p.onDecide, remember);
  const ready = useFirstRecords(p.items, p.loadRecords, p.cache);
  return { rootRef, pendingIds, decide, ready };
}

/** A list's error, then its cards once the first ones' records are read (`held`: a bulk decision on its way). */
function ItemCards({
  p,
  list,
  held = false,
}: {
  p: ListProps;
  list: ReturnType<typeof useItemList>;
  held?: boolean;
}) {
  return (
    <>
      <ErrorLine text={p.error} />
      {!list.ready && <ReadingFirst />}
      {list.ready &&
        p.items.map((item) => (
          <CardWithRecords
            key={item.id}
            item={item}
            pending={held || list.pendingIds.has(item.id)}
            onDecide={(d) => void list.decide(item.id, d)}
            load={p.loadRecords}
            cache={p.cache}
          />
        ))}
    </>
  );
}

function SkippedItems(p: ListProps) {
  const list = useItemList(p);
  return (
    <div className="stack" style={{ gap: 16 }} ref={list.rootRef}>
      <p className="muted">
        Skipped items stay unsynced and out of the queue until they change. Link or create one here to sync it
        now.
      </p>
      <ItemCards p={p} list={list} />
    </div>
  );
}

function WaitingItems(p: ListProps) {
  const list = useItemList(p);
  const [minScore, setMinScore] = useState(90);
  const [bulkPending, setBulkPending] = useState(false);

  const bulk = async (decisions: BulkDecision[]) => {
    setBulkPending(true);
    try {
      await p.onBulk(decisions);
    } finally {
      setBulkPending(false);
    }
  };

  if (p.items.length === 0) {
    return (
      <div className="card" role="status" ref={list.rootRef} tabIndex={-1} data-empty>
        <p>
          <strong>No duplicates to resolve.</strong>
        </p>
        <p className="muted">
          {p.lastRunAt ? (
            <>
              Last run <RelativeTime iso={p.lastRunAt} />.
            </>
          ) : (
            'Nothing has been synced yet.'
          )}
        </p>
      </div>
    );
  }

  // Create is not a choice for a field an undo left alone, nor for a name or value the other side refuses.
  const creatable = p.items.filter(
    (i) => !i.undo && i.why !== 'name-incomplete' && i.why !== 'value-refused',
  );
  const linkable = p.items
    .map((item) => ({ itemId: item.id, candidateId: topSuggestion(item, minScore) }))
    .filter((x): x is { itemId: string; candidateId: string } => x.candidateId !== null);

  return (
    <div className="stack" style={{ gap: 16 }} ref={list.rootRef}>
      <p className="muted">
        {formatNumber(p.items.length)} waiting. Nothing is written for an item until you decide. Skipped items
        stay unsynced until they change.
      </p>
      <fieldset className="card row wrap" style={{ position: 'sticky', top: 0, zIndex: 1, margin: 0 }}>
        <legend className="sr-only">Bulk decisions</legend>
        <button
          type="button"
          className="primary"
          disabled={bulkPending || linkable.length === 0}
          onClick={() =>
            void bulk(
              linkable.map((x) => ({
                itemId: x.itemId,
                decision: { action: 'link', candidateId: x.candidateId },
              })),
            )
          }
        >
          Link all top suggestions scoring ≥ {minScore} ({formatNumber(linkable.length)})
        </button>
        <label htmlFor="min-score" className="small">
          Minimum score
        </label>
        <input
          id="min-score"
          type="number"
          min={0}
          max={100}
          value={minScore}
          onChange={(e) => setMinScore(Math.max(0, Math.min(100, Number(e.target.value) || 0)))}
          style={{ width: 72 }}
        />
        <ConfirmButton
          label={`Create all (${formatNumber(creatable.length)})`}
          confirmLabel="Create them"
          question={`Create ${formatNumber(creatable.length)} new records, one for each item, without linking any?`}
          disabled={bulkPending || creatable.length === 0}
          onConfirm={() =>
            void bulk(creatable.map((i) => ({ itemId: i.id, decision: { action: 'create' } })))
          }
        />
        <ConfirmButton
          label={`Skip all (${formatNumber(p.items.length)})`}
          confirmLabel="Skip them"
          question={`Leave all ${formatNumber(p.items.length)} items unsynced until they change?`}
          disabled={bulkPending}
          onConfirm={() => void bulk(p.items.map((i) => ({ itemId: i.id, decision: { action: 'skip' } })))}
        />
        {bulkPending && <span role="status">Working through the items…</span>}
      </fieldset>
      <ItemCards p={p} list={list} held={bulkPending} />
    </div>
  );
}

// View Client List: every link, searchable and sortable, virtualised (10,000 rows render only the
// ones in view), differences behind a dot that expands, Remove Match in the row menu, CSV export.
import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ClientListRow } from '../../lib/sync/engine';
import { ErrorLine } from '../ErrorLine';
import { fieldWords } from '../field-words';
import { formatNumber } from '../format';
import { RelativeTime } from '../RelativeTime';
import {
  clientListCsv,
  downloadText,
  filterAndSort,
  linkedWords,
  type Sort,
  type SortKey,
  searchText,
} from './client-list-data';

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'quickBooks', label: 'QuickBooks name' },
  { key: 'karbon', label: 'Karbon name' },
  { key: 'email', label: 'Email' },
  { key: 'linkedAt', label: 'Linked' },
  { key: 'lastSyncedAt', label: 'Last synced' },
  { key: 'differences', label: 'Differences' },
];
const GRID = 'minmax(0,1.3fr) minmax(0,1.3fr) minmax(0,1.4fr) minmax(0,1.1fr) 110px 120px 60px';
const ROW_HEIGHT = 44;
const TABLE_MIN_WIDTH = 860;

/**
 * Rows are fractions of a pixel high (line heights of 1.45); the library rounds to the nearest
 * pixel, which can place a row 0.2 px over the one above and hide that row's bottom border. Round
 * up instead, otherwise measure as the library does. Module-level: a new function on every render
 * would make the virtualizer measure again on every render.
 */
const measureRow = (
  el: Element,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLTableSectionElement, Element>,
): number => {
  const size = measureElement(el, entry, instance);
  const exact = entry?.borderBoxSize?.[0]?.blockSize ?? el.getBoundingClientRect().height;
  return exact > size ? Math.ceil(exact) : size;
};

const STATUS_WORDS = { active: '', inactive: 'Inactive in QuickBooks', gone: 'Gone from one side' } as const;

function RowMenu(p: {
  row: ClientListRow;
  open: boolean;
  setOpen: (open: boolean) => void;
  onRemove: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const firstRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus moves when the menu opens or its step changes
  useEffect(() => {
    if (p.open) firstRef.current?.focus();
  }, [p.open, confirming]);
  const close = () => {
    p.setOpen(false);
    setConfirming(false);
  };
  // Escape and Cancel put the keyboard back where it was, on the row's button.
  const dismiss = () => {
    close();
    triggerRef.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') dismiss();
    // Tab leaves the menu (to the next control, as it would anyway) and closes it behind it.
    if (e.key === 'Tab') close();
  };
  return (
    <div style={{ position: 'relative' }}>
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={p.open}
        aria-label={`Actions for ${p.row.quickBooks.name}`}
        onClick={() => (p.open ? close() : p.setOpen(true))}
      >
        …
      </button>
      {p.open && (
        <div
          role="menu"
          tabIndex={-1}
          onKeyDown={onKeyDown}
          className="card stack"
          style={{ position: 'absolute', right: 0, top: 34, width: 260, padding: 8 }}
        >
          {!confirming ? (
            <button
              ref={firstRef}
              type="button"
              role="menuitem"
              className="danger"
              onClick={() => setConfirming(true)}
            >
              Remove Match
            </button>
          ) : (
            <>
              <p className="small">
                Unlink “{p.row.quickBooks.name}” and “{p.row.karbon.name}”? Nothing is deleted; they are never
                linked automatically again.
              </p>
              <div className="row">
                <button
                  ref={firstRef}
                  type="button"
                  role="menuitem"
                  className="danger"
                  onClick={() => {
                    close();
                    p.onRemove();
                  }}
                >
                  Confirm Remove Match
                </button>
                <button type="button" role="menuitem" onClick={dismiss}>
                  Cancel
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Differences({ row }: { row: ClientListRow }) {
  return (
    <ul className="small" style={{ margin: '4px 0 0', paddingLeft: 18 }}>
      {row.differences.map((d) => (
        <li key={d.field}>
          <strong>{fieldWords(d.field)}</strong>: QuickBooks “{d.quickbooks || '—'}” · Karbon “
          {d.karbon || '—'}”
        </li>
      ))}
    </ul>
  );
}

export function ClientListSection(p: {
  rows: ClientListRow[];
  onRemoveMatch: (quickBooksId: string) => Promise<unknown>;
  error: string | null;
}) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const [sort, setSort] = useState<Sort>({ key: 'quickBooks', dir: 'asc' });
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  // Rows are positioned with transforms (each its own stacking context): the row whose menu is
  // open is lifted above the next ones.
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const index = useMemo(() => new Map(p.rows.map((r) => [r, searchText(r)])), [p.rows]);
  const rows = useMemo(() => filterAndSort(p.rows, deferred, sort, index), [p.rows, deferred, sort, index]);
  const scrollRef = useRef<HTMLTableSectionElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.quickBooksId ?? i,
    measureElement: measureRow,
  });
  const toggleSort = (key: SortKey) =>
    setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }));
  const toggle = (id: string) =>
    setExpanded((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  return (
    <div className="stack">
      <div className="row wrap spread">
        <div className="row">
          <label htmlFor="client-search">Search</label>
          <input
            id="client-search"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Name or email"
            style={{ width: 280 }}
          />
        </div>
        <div className="row">
          <span className="muted num" role="status">
            {rows.length === p.rows.length
              ? `${formatNumber(p.rows.length)} linked`
              : `${formatNumber(rows.length)} of ${formatNumber(p.rows.length)} linked`}
          </span>
          <button
            type="button"
            onClick={() =>
              downloadText(
                `client-list-${new Date().toISOString().slice(0, 10)}.csv`,
                clientListCsv(rows),
                'text/csv',
              )
            }
            disabled={rows.length === 0}
          >
            Export CSV
          </button>
        </div>
      </div>
      <ErrorLine text={p.error} />
      {/* Below its readable width (a narrow window, 200% zoom) the table scrolls sideways in its frame. */}
      <div className="table-scroll">
        <table
          aria-label="Client list"
          aria-rowcount={rows.length + 1}
          className="card vtable"
          style={{ display: 'grid', padding: 0, minWidth: TABLE_MIN_WIDTH }}
        >
          <thead style={{ display: 'grid' }}>
            <tr aria-rowindex={1} style={{ display: 'grid', gridTemplateColumns: GRID }}>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    className="link small"
                    onClick={() => toggleSort(c.key)}
                    style={{ color: 'var(--text-soft)', fontWeight: 600 }}
                  >
                    {c.label}
                    <span aria-hidden="true">
                      {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody
            ref={scrollRef}
            style={{
              display: 'block',
              height: '60vh',
              minHeight: 320,
              overflow: 'auto',
              position: 'relative',
            }}
            data-testid="client-rows"
          >
            {rows.length === 0 && (
              <tr>
                <td className="muted" style={{ border: 'none' }}>
                  {p.rows.length === 0 ? 'No links yet: run Sync Now.' : 'No link matches the search.'}
                </td>
              </tr>
            )}
            {/* The spacer gives the scroll area the height of every row; only the rows in view exist. */}
            {/* biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a layout spacer, not a row of data */}
            <tr role="presentation" style={{ display: 'block', height: virtualizer.getTotalSize() }} />
            {virtualizer.getVirtualItems().map((v) => {
              const r = rows[v.index];
              if (!r) return null;
              const open = expanded.has(r.quickBooksId);
              return (
                <tr
                  key={v.key}
                  aria-rowindex={v.index + 2}
                  data-index={v.index}
                  ref={virtualizer.measureElement}
                  style={{
                    display: 'grid',
                    gridTemplateColumns: GRID,
                    alignItems: 'center',
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${v.start}px)`,
                    zIndex: menuFor === r.quickBooksId ? 2 : undefined,
                    background: 'var(--bg-raised)',
                    minHeight: ROW_HEIGHT,
                  }}
                >
                  <td style={{ overflowWrap: 'anywhere' }}>
                    {r.quickBooks.name}
                    {r.status !== 'active' && (
                      <div className="small error-text">{STATUS_WORDS[r.status]}</div>
                    )}
                  </td>
                  <td style={{ overflowWrap: 'anywhere' }}>{r.karbon.name}</td>
                  <td className="small" style={{ overflowWrap: 'anywhere' }}>
                    {r.quickBooks.email || r.karbon.email}
                  </td>
                  <td className="small">
                    {linkedWords(r)}, <RelativeTime iso={r.linkedAt} />
                  </td>
                  <td className="small">
                    {r.lastSyncedAt ? (
                      <RelativeTime iso={r.lastSyncedAt} />
                    ) : (
                      <span className="muted">not yet</span>
                    )}
                  </td>
                  <td>
                    {r.differences.length > 0 ? (
                      <button
                        type="button"
                        className="link small"
                        aria-expanded={open}
                        onClick={() => toggle(r.quickBooksId)}
                      >
                        <span className="dot warn" aria-hidden="true" /> {r.differences.length}{' '}
                        {r.differences.length === 1 ? 'difference' : 'differences'}
                      </button>
                    ) : (
                      <span className="muted small">none</span>
                    )}
                  </td>
                  <td>
                    <RowMenu
                      row={r}
                      open={menuFor === r.quickBooksId}
                      setOpen={(o) => setMenuFor(o ? r.quickBooksId : null)}
                      onRemove={() => void p.onRemoveMatch(r.quickBooksId)}
                    />
                  </td>
                  {open && (
                    <td style={{ gridColumn: '1 / -1', paddingTop: 0 }}>
                      <Differences row={r} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

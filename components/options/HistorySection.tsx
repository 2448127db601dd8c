// History: runs newest first; a run opens to its changes (record, field, before → after, side) and
// its errors (what happened and what to do); Undo run with a confirmation saying what will change.
import Papa from 'papaparse';
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../lib/sync/engine';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorLine } from '../ErrorLine';
import { fieldWords, isSyncedField } from '../field-words';
import { formatAbsolute, formatDuration, formatNumber } from '../format';
import { errorSentence } from '../hooks';
import { RelativeTime } from '../RelativeTime';
import { countsWords, TRIGGER_WORDS } from '../run-words';
import { changeLine, changeValueWords, describeChange, type HistoryChange } from './change-words';
import { downloadText } from './client-list-data';

const STATUS = {
  running: { mark: '⟳', words: 'Running' },
  completed: { mark: '✓', words: 'Completed' },
  failed: { mark: '✕', words: 'Failed' },
} as const;

const SIDE = { quickbooks: 'QuickBooks', karbon: 'Karbon', link: 'Link' } as const;

/**
 * The counts say what runs wrote; decisions that wrote nothing counted (Remove Match, Skip) are
 * said by their changes, so History never calls them "nothing to change". Their changes are read
 * for that line (and for whether they can be undone).
 */
function useQuietChanges(run: RunSummary, loadChanges: (runId: string) => Promise<HistoryChange[]>) {
  const quiet = countsWords(run.counts) === 'nothing to change' && run.status !== 'running';
  const [changes, setChanges] = useState<HistoryChange[] | null>(null);
  useEffect(() => {
    if (!quiet) return;
    let alive = true;
    loadChanges(run.id).then(
      (c) => alive && setChanges(c),
      () => alive && setChanges([]),
    );
    return () => {
      alive = false;
    };
  }, [quiet, run.id, loadChanges]);
  return quiet ? changes : null;
}

function countsLine(run: RunSummary, quietChanges: HistoryChange[] | null): string {
  if (!quietChanges || quietChanges.length === 0) return countsWords(run.counts);
  const lines = quietChanges.map(changeLine);
  const more = lines.length - 2;
  return `${lines.slice(0, 2).join(' · ')}${more > 0 ? ` · and ${formatNumber(more)} more` : ''}`;
}

/** Pairs a person unlinked in this run (Remove Match): an undo links them again. */
function removedMatches(changes: HistoryChange[] | null): string[] {
  return (changes ?? []).flatMap((c) => {
    const m = c.action === 'unlink' ? /^(.*): match removed by a person/.exec(c.note) : null;
    return m?.[1] ? [m[1]] : [];
  });
}

/** A completed run that wrote something, or removed a match (not itself an undo), can be undone. */
function undoable(r: RunSummary, quietChanges: HistoryChange[] | null): boolean {
  const c = r.counts;
  const wrote =
    c.linked + c.createdInKarbon + c.createdInQuickBooks + c.updatedInKarbon + c.updatedInQuickBooks;
  return r.status === 'completed' && !r.undoOf && (wrote > 0 || removedMatches(quietChanges).length > 0);
}

function undoQuestion(run: RunSummary, quietChanges: HistoryChange[] | null): string {
  const removed = removedMatches(quietChanges);
  if (removed.length > 0)
    return `Undo this run? ${removed.join(', ')} linked again. The undo is recorded as its own run.`;
  const c = run.counts;
  const created = c.createdInKarbon + c.createdInQuickBooks;
  const updated = c.updatedInKarbon + c.updatedInQuickBooks;
  const parts = [
    created
      ? `${formatNumber(created)} created record${created === 1 ? '' : 's'} made inactive or archived`
      : '',
    updated
      ? `${formatNumber(updated)} updated record${updated === 1 ? '' : 's'} restored to their earlier values`
      : '',
    c.linked ? `${formatNumber(c.linked)} link${c.linked === 1 ? '' : 's'} removed` : '',
  ].filter(Boolean);
  return `Undo this run? ${parts.length ? `${parts.join('; ')}.` : 'It changed nothing that can be reverted.'} The undo is recorded as its own run.`;
}

/** A field update with a value before it can be put back (engine.restoreValue): a conflict's loser, an overwrite. */
function restorable(c: HistoryChange): c is HistoryChange & { field: string; before: string } {
  return (
    c.action === 'update' && isSyncedField(c.field) && typeof c.before === 'string' && c.before.trim() !== ''
  );
}

function RunDetails(p: {
  run: RunSummary;
  loadChanges: (runId: string) => Promise<HistoryChange[]>;
  onRestore?: (changeId: string) => Promise<unknown>;
}) {
  const [changes, setChanges] = useState<HistoryChange[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    p.loadChanges(p.run.id).then(
      (c) => alive && setChanges(c),
      (e: unknown) => alive && setError(errorSentence(e)),
    );
    return () => {
      alive = false;
    };
  }, [p.run.id, p.loadChanges]);
  return (
    <div className="stack" style={{ padding: '8px 0 8px 16px' }}>
      {p.run.errors.length > 0 && (
        <div className="stack" style={{ gap: 4 }}>
          <h3>Errors</h3>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {p.run.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder
              <li key={i} className="error-text">
                {e.sourceId && <span className="muted">Record {e.sourceId}: </span>}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>Changes</h3>
      {error && <p className="error-text">{error}</p>}
      {!changes && !error && <p className="muted">Loading the changes…</p>}
      {changes && changes.length === 0 && <p className="muted">This run changed nothing.</p>}
      {changes && changes.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">What</th>
              <th scope="col">Field</th>
              <th scope="col">Before → after</th>
              <th scope="col">Side</th>
              {p.onRestore && (
                <th scope="col">
                  <span className="sr-only">Restore</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => {
              const d = describeChange(c);
              return (
                <tr key={c.id}>
                  <td>{d.record}</td>
                  <td>{d.what}</td>
                  <td>{c.field ? fieldWords(c.field) : '—'}</td>
                  <td style={{ overflowWrap: 'anywhere' }}>
                    <span className="muted">{changeValueWords(c).before}</span> → {changeValueWords(c).after}
                  </td>
                  <td>{SIDE[c.side as keyof typeof SIDE] ?? c.side}</td>
                  {p.onRestore && (
                    <td>{restorable(c) && <RestoreButton change={c} onRestore={p.onRestore} />}</td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RestoreButton(p: {
  change: HistoryChange & { field: string; before: string };
  onRestore: (changeId: string) => Promise<unknown>;
}) {
  const field = fieldWords(p.change.field);
  return (
    <ConfirmButton
      label={`Restore “${p.change.before}”`}
      ariaLabel={`Restore “${p.change.before}” in ${field}`}
      confirmLabel="Restore"
      question={`Write “${p.change.before}” back to ${field} on both sides? It is recorded as a run of its own, which can be undone.`}
      onConfirm={() => void p.onRestore(p.change.id)}
    />
  );
}

export function historyCsv(runs: readonly RunSummary[]): string {
  return Papa.unparse(
    runs.map((r) => ({
      Started: r.startedAt,
      Ended: r.endedAt ?? '',
      Trigger: TRIGGER_WORDS[r.trigger] ?? r.trigger,
      Status: r.status,
      ...r.counts,
      Errors: r.errors.map((e) => e.message).join(' | '),
    })),
    { escapeFormulae: true },
  );
}

function RunItem(p: {
  run: RunSummary;
  open: boolean;
  onToggle: () => void;
  undone: boolean;
  loadChanges: (runId: string) => Promise<HistoryChange[]>;
  onUndo?: (runId: string) => Promise<unknown>;
  onRestore?: (changeId: string) => Promise<unknown>;
}) {
  const r = p.run;
  const s = STATUS[r.status];
  const quietChanges = useQuietChanges(r, p.loadChanges);
  return (
    <li className="card" data-testid="history-run">
      <div className="row spread wrap">
        <button
          type="button"
          className="link"
          aria-expanded={p.open}
          onClick={p.onToggle}
          style={{ textAlign: 'left', textDecoration: 'none', fontWeight: 600, color: 'var(--text)' }}
        >
          <span aria-hidden="true">{p.open ? '▾' : '▸'}</span> {TRIGGER_WORDS[r.trigger] ?? r.trigger} ·{' '}
          <RelativeTime iso={r.startedAt} />
        </button>
        <span className={r.status === 'failed' ? 'error-text' : 'muted'}>
          <span aria-hidden="true">{s.mark}</span> {s.words}
          {r.endedAt &&
            ` in ${formatDuration(new Date(r.endedAt).getTime() - new Date(r.startedAt).getTime())}`}
        </span>
      </div>
      <p className="small" title={formatAbsolute(r.startedAt)}>
        {countsLine(r, quietChanges)}
        {r.undoOf && <span className="muted"> · undoes an earlier run</span>}
        {p.undone && <span className="muted"> · undone by a later run</span>}
      </p>
      {p.onUndo && undoable(r, quietChanges) && !p.undone && (
        <ConfirmButton
          label="Undo run"
          confirmLabel="Undo run"
          question={undoQuestion(r, quietChanges)}
          danger
          onConfirm={() => void p.onUndo?.(r.id)}
        />
      )}
      {p.open && <RunDetails run={r} loadChanges={p.loadChanges} onRestore={p.onRestore} />}
    </li>
  );
}

export function HistorySection(p: {
  runs: RunSummary[];
  loadChanges: (runId: string) => Promise<HistoryChange[]>;
  /** Absent while the engine cannot undo. */
  onUndo?: (runId: string) => Promise<unknown>;
  /** Put back the value a field change replaced. */
  onRestore?: (changeId: string) => Promise<unknown>;
  error: string | null;
}) {
  const [open, setOpen] = useState<string | null>(null);
  // A run can be undone once: its undo is a later run naming it.
  const undone = new Set(p.runs.filter((r) => r.undoOf && r.status === 'completed').map((r) => r.undoOf));
  if (p.runs.length === 0) return <p className="muted">No runs yet. Sync Now records its first run here.</p>;
  return (
    <div className="stack">
      <div className="row spread">
        <p className="muted">Newest first. Open a run to see each change with its before and after values.</p>
        <button
          type="button"
          onClick={() =>
            downloadText(
              `sync-history-${new Date().toISOString().slice(0, 10)}.csv`,
              historyCsv(p.runs),
              'text/csv',
            )
          }
        >
          Export CSV
        </button>
      </div>
      <ErrorLine text={p.error} />
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} className="stack" aria-label="Runs">
        {p.runs.map((r) => (
          <RunItem
            key={r.id}
            run={r}
            open={open === r.id}
            onToggle={() => setOpen(open === r.id ? null : r.id)}
            undone={undone.has(r.id)}
            loadChanges={p.loadChanges}
            onUndo={p.onUndo}
            onRestore={p.onRestore}
          />
        ))}
      </ul>
    </div>
  );
}

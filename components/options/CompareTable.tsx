// The record waiting and its candidates side by side: one column each, one row per field, every
// candidate's value marked equal / different / missing against the waiting record (a mark and a
// word, never colour alone), then why it is a candidate and its Link button.
import type { CandidateRow } from '../../lib/db/rows';
import type { ItemRecords } from '../../lib/messaging/types';
import { RelativeTime } from '../RelativeTime';
import { COMPARISON_WORDS, type FieldComparison } from './compare';
import { type Cell, fieldRows } from './field-rows';
import type { ReviewItem } from './SpecialDecisions';

const SIDES = {
  quickbooks: { source: 'QuickBooks', target: 'Karbon' },
  karbon: { source: 'Karbon', target: 'QuickBooks' },
} as const;

function Mark({ result, note }: { result: FieldComparison; note?: string }) {
  const w = COMPARISON_WORDS[result];
  return (
    <span className={`cmp cmp-${result}`}>
      <span aria-hidden="true">{w.mark}</span> {w.words}
      {note ? ` · ${note}` : ''}
    </span>
  );
}

function Value({ value, time }: { value: string; time?: boolean }) {
  if (!value.trim()) return <span className="muted">—</span>;
  if (time) return <RelativeTime iso={value} />;
  return <span className="value">{value}</span>;
}

function CandidateCell({ cell, time }: { cell: Cell; time?: boolean }) {
  return (
    <>
      <Value value={cell.value} time={time} />
      {cell.result && (
        <>
          {' '}
          <Mark result={cell.result} note={cell.note} />
        </>
      )}
      {!cell.result && cell.note && <span className="muted small"> {cell.note}</span>}
    </>
  );
}

function candidateKind(c: CandidateRow): string {
  if (c.kind === 'customer') return 'customer';
  return c.kind === 'organization' ? 'organization' : 'contact';
}

export function CompareTable(p: {
  item: ReviewItem;
  /** Best score first. */
  candidates: CandidateRow[];
  records: ItemRecords | null;
  why: (c: CandidateRow) => string;
  pending: boolean;
  onLink: (candidateId: string) => void;
}) {
  const { item, records } = p;
  const sides = SIDES[item.origin];
  const rows = fieldRows(
    { name: item.name, email: item.email, view: records?.source ?? null },
    p.candidates.map((c) => {
      const view = records?.candidates[c.id];
      return { name: c.name, email: c.email, view: view ?? null, gone: records !== null && view === null };
    }),
  );
  return (
    <div className="table-scroll">
      <table className="compare">
        <caption className="sr-only">
          {item.name} in {sides.source} compared with its candidates in {sides.target}
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">In {sides.source}</th>
            {p.candidates.map((c, i) => (
              <th key={c.id} scope="col" data-candidate={c.id}>
                {sides.target} {candidateKind(c)} {p.candidates.length > 1 ? i + 1 : ''}
                {c.score !== null && (
                  <span className="num score" data-testid="score">
                    {' '}
                    · Score {Math.round(c.score)}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-field={r.id}>
              <th scope="row">{r.label}</th>
              <td>
                <Value value={r.source} time={r.time} />
              </td>
              {r.cells.map((cell, i) => (
                <td key={p.candidates[i]?.id ?? i} data-candidate={p.candidates[i]?.id}>
                  <CandidateCell cell={cell} time={r.time} />
                </td>
              ))}
            </tr>
          ))}
          <tr data-field="why">
            <th scope="row">Why</th>
            <td />
            {p.candidates.map((c) => (
              <td key={c.id} data-candidate={c.id} className="small">
                {p.why(c)}
                {c.linkedTo && <span className="muted"> · already linked to {c.linkedTo}</span>}
                {c.unlinkedByPerson && <span className="muted"> · a person removed this match before</span>}
              </td>
            ))}
          </tr>
          <tr>
            <td />
            <td />
            {p.candidates.map((c) => (
              <td key={c.id} data-candidate={c.id}>
                <button
                  type="button"
                  onClick={() => p.onLink(c.id)}
                  disabled={p.pending}
                  aria-label={`Link ${item.name} to ${c.name} (${sides.target} ${candidateKind(c)} ${c.id})`}
                >
                  Link
                </button>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {p.candidates.length === 0 && <p className="muted">No candidate.</p>}
    </div>
  );
}

// Preview: what the first sync would do, computed without writing anything: will link, will
// create, needs review (and what is left out, with the reason).
import { useState } from 'react';
import type { PreviewReport, PreviewRow } from '../../lib/sync/engine';
import type { LeaveOutReason } from '../../lib/sync/plan';
import { ErrorLine } from '../ErrorLine';
import { formatNumber } from '../format';
import { HeldButton } from '../HeldButton';
import { RelativeTime } from '../RelativeTime';

const SHOWN = 200;

const LEFT_OUT: Record<LeaveOutReason, string> = {
  inactive: 'inactive in QuickBooks',
  'sub-customer': 'sub-customer (job)',
  skipped: 'skipped by a person',
  unchecked: 'Karbon could not be asked about its own QuickBooks link; tried again next sync',
};

interface RowsTableProps<T> {
  rows: T[];
  columns: Array<{ label: string; cell: (r: T) => string }>;
  keyOf: (r: T) => string;
  caption: string;
}

function RowsTable<T>(p: RowsTableProps<T>) {
  const [all, setAll] = useState(false);
  const rows = all ? p.rows : p.rows.slice(0, SHOWN);
  if (p.rows.length === 0) return <p className="muted">None.</p>;
  return (
    <>
      <table>
        <caption className="sr-only">{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th key={c.label} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={p.keyOf(r)}>
              {p.columns.map((c) => (
                <td key={c.label}>{c.cell(r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {p.rows.length > SHOWN && (
        <button type="button" className="link" onClick={() => setAll(!all)}>
          {all ? `Show the first ${SHOWN}` : `Show all ${formatNumber(p.rows.length)}`}
        </button>
      )}
    </>
  );
}

/** One bucket of the plan: its heading with the count, then its rows. */
function Bucket<T>({ id, heading, ...table }: RowsTableProps<T> & { id: string; heading: string }) {
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>
        {heading} ({formatNumber(table.rows.length)})
      </h2>
      <RowsTable {...table} />
    </section>
  );
}

const customer = { label: 'QuickBooks customer', cell: (r: PreviewRow) => r.name };
const email = { label: 'Email', cell: (r: PreviewRow) => r.email || '—' };

export function PreviewSection(p: {
  report: PreviewReport | null;
  computedAt: string | null;
  pending: boolean;
  error: string | null;
  firstSyncDone: boolean;
  onCompute: () => void;
  onSyncNow: () => void;
  syncing: boolean;
}) {
  const b = p.report?.buckets;
  return (
    <div className="stack" style={{ gap: 16 }}>
      <p>
        The preview reads both sides and shows what {p.firstSyncDone ? 'the next' : 'the first'} sync would
        do. Nothing is written to QuickBooks or Karbon.
      </p>
      <div className="row wrap">
        <HeldButton className={p.report ? '' : 'primary'} onClick={p.onCompute} held={p.pending}>
          {p.pending
            ? 'Reading both sides…'
            : p.report
              ? 'Preview again'
              : p.firstSyncDone
                ? 'Preview the next sync'
                : 'Preview first sync'}
        </HeldButton>
        {p.report && (
          <HeldButton className="primary" onClick={p.onSyncNow} held={p.syncing}>
            {p.syncing ? 'Syncing…' : 'Sync Now'}
          </HeldButton>
        )}
        {p.computedAt && (
          <span className="muted small">
            Computed <RelativeTime iso={p.computedAt} />
          </span>
        )}
      </div>
      <ErrorLine text={p.error} />
      {b && (
        <>
          <ul
            className="row wrap"
            style={{ listStyle: 'none', padding: 0, margin: 0, gap: 12 }}
            aria-label="Preview totals"
            data-testid="preview-totals"
          >
            <li className="card">
              <strong className="num">{formatNumber(b.link.length)}</strong> will link
            </li>
            <li className="card">
              <strong className="num">{formatNumber(b.create.length)}</strong> will be created in Karbon
            </li>
            <li className="card">
              <strong className="num">{formatNumber(b.review.length)}</strong> need review
            </li>
            <li className="card">
              <strong className="num">{formatNumber(b.leftOut.length)}</strong> left out
            </li>
          </ul>
          <Bucket
            id="pv-link"
            heading="Will link"
            caption="Will link"
            rows={b.link}
            keyOf={(r) => r.quickBooksId}
            columns={[
              customer,
              email,
              {
                label: 'Karbon contact',
                cell: (r) =>
                  r.karbon ? `${r.karbon.name}${r.karbon.email ? ` · ${r.karbon.email}` : ''}` : '—',
              },
            ]}
          />
          <Bucket
            id="pv-create"
            heading="Will create in Karbon"
            caption="Will create"
            rows={b.create}
            keyOf={(r) => r.quickBooksId}
            columns={[
              customer,
              email,
              { label: 'Kind', cell: (r) => (r.kind === 'organization' ? 'Organization' : 'Person') },
            ]}
          />
          <Bucket
            id="pv-review"
            heading="Needs review"
            caption="Needs review"
            rows={b.review}
            keyOf={(r) => r.id}
            columns={[
              { label: 'QuickBooks customer', cell: (r) => r.name },
              { label: 'Email', cell: (r) => r.email || '—' },
              { label: 'Candidates', cell: (r) => r.candidates.map((c) => c.name).join('; ') },
            ]}
          />
          <Bucket
            id="pv-left"
            heading="Left out"
            caption="Left out"
            rows={b.leftOut}
            keyOf={(r) => r.quickBooksId}
            columns={[customer, email, { label: 'Why', cell: (r) => LEFT_OUT[r.reason] ?? r.reason }]}
          />
        </>
      )}
    </div>
  );
}

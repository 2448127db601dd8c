// "Not in QuickBooks": Karbon contacts no customer is linked to, by Contact Type, with Push
// selected and Push all of a type — the back catalogue without a CSV round trip. Pushing runs the
// matching rules mirrored (exact → link, none → create the customer, else Resolve Duplicates).
import { useMemo, useState } from 'react';
import type { NotInQuickBooksRow, PushRequest, RunReport } from '../../lib/sync/engine';
import { ConfirmButton } from '../ConfirmButton';
import { ErrorLine } from '../ErrorLine';
import { formatNumber } from '../format';
import { HeldButton } from '../HeldButton';
import { RelativeTime } from '../RelativeTime';
import { countsWords } from '../run-words';

const SHOWN = 500;
const ALL = '';

export function NotInQuickBooksSection(p: {
  rows: NotInQuickBooksRow[] | null;
  loading: boolean;
  error: string | null;
  firstSyncDone: boolean;
  onLoad: () => void;
  onPush: (request: PushRequest) => Promise<RunReport | undefined>;
}) {
  const [type, setType] = useState(ALL);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [pushing, setPushing] = useState(false);
  const [result, setResult] = useState<RunReport | null>(null);
  const types = useMemo(
    () => [...new Set((p.rows ?? []).map((r) => r.contactType).filter(Boolean))].sort(),
    [p.rows],
  );
  const rows = useMemo(
    () => (p.rows ?? []).filter((r) => type === ALL || r.contactType === type),
    [p.rows, type],
  );
  const choosable = rows.filter((r) => !r.waiting);

  const push = async (request: PushRequest) => {
    setPushing(true);
    setResult(null);
    try {
      const report = await p.onPush(request);
      if (report) {
        setResult(report);
        setSelected(new Set());
        p.onLoad();
      }
    } finally {
      setPushing(false);
    }
  };
  const toggle = (key: string, on: boolean) =>
    setSelected((s) => {
      const n = new Set(s);
      if (on) n.add(key);
      else n.delete(key);
      return n;
    });

  if (!p.firstSyncDone) {
    return (
      <p className="muted">
        Pushing Karbon contacts to QuickBooks opens after the first completed sync: the first sync never adds
        Karbon contacts to QuickBooks.
      </p>
    );
  }
  return (
    <div className="stack">
      <p className="muted">
        Karbon contacts that no QuickBooks customer is linked to. Pushing one links it to an exact match,
        creates the customer when nothing matches, or puts it in Resolve Duplicates.
      </p>
      <div className="row wrap">
        <HeldButton onClick={p.onLoad} held={p.loading}>
          {p.loading ? 'Reading Karbon…' : p.rows ? 'Read Karbon again' : 'Read Karbon’s list'}
        </HeldButton>
        {p.rows && (
          <>
            <label htmlFor="push-type">Contact Type</label>
            <select id="push-type" value={type} onChange={(e) => setType(e.target.value)}>
              <option value={ALL}>All types ({formatNumber(p.rows.length)})</option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {t} ({formatNumber(p.rows?.filter((r) => r.contactType === t).length ?? 0)})
                </option>
              ))}
            </select>
            <HeldButton
              className="primary"
              held={pushing || selected.size === 0}
              onClick={() => void push({ karbonKeys: [...selected] })}
            >
              Push selected ({formatNumber(selected.size)})
            </HeldButton>
            {type !== ALL && (
              <ConfirmButton
                label={`Push all ${type} (${formatNumber(choosable.length)})`}
                confirmLabel="Push them"
                question={`Push every unlinked Karbon contact of type “${type}” to QuickBooks (${formatNumber(choosable.length)})?`}
                disabled={pushing || choosable.length === 0}
                onConfirm={() => void push({ types: [type] })}
              />
            )}
          </>
        )}
      </div>
      <ErrorLine text={p.error} />
      <p role="status" className="muted">
        {pushing ? 'Pushing to QuickBooks…' : result ? `Pushed: ${countsWords(result.counts)}.` : ''}
      </p>
      {result && result.errors.length > 0 && (
        <ul className="error-text">
          {result.errors.map((e) => (
            <li key={`${e.sourceId}:${e.message}`}>{e.message}</li>
          ))}
        </ul>
      )}
      {p.rows && rows.length === 0 && (
        <p className="muted">Every Karbon contact{type ? ` of type ${type}` : ''} is linked.</p>
      )}
      {rows.length > 0 && (
        <table aria-label="Not in QuickBooks">
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col">Karbon name</th>
              <th scope="col">Email</th>
              <th scope="col">Contact Type</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, SHOWN).map((r) => (
              <tr key={r.key}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${r.name}`}
                    checked={selected.has(r.key)}
                    disabled={r.waiting}
                    onChange={(e) => toggle(r.key, e.target.checked)}
                  />
                </td>
                <td>
                  {r.name}
                  {r.waiting && <div className="small muted">Waiting in Resolve Duplicates</div>}
                </td>
                <td>{r.email || '—'}</td>
                <td>{r.contactType || '—'}</td>
                <td className="small">{r.lastModified ? <RelativeTime iso={r.lastModified} /> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows.length > SHOWN && (
        <p className="muted">
          Showing the first {formatNumber(SHOWN)} of {formatNumber(rows.length)}: choose a Contact Type to
          narrow the list.
        </p>
      )}
    </div>
  );
}

// One item of Resolve Duplicates: the record waiting on the left, its candidates on the right,
// each field marked equal / different / missing (a mark and a word, never colour alone), the
// reasons and the score, and the three decisions.
import type { CandidateRow, ReviewReason } from '../../lib/db/rows';
import type { Decision, DuplicateItem } from '../../lib/sync/engine';
import { COMPARISON_WORDS, compareEmails, compareValues, type FieldComparison } from './compare';
import { ClashDecision, type ReviewItem, UndoDecision } from './SpecialDecisions';

const WHY: Record<ReviewReason, string> = {
  partial: 'Matches by name or by email, not both',
  'several-exact': 'Several records match by name and email',
  'exact-already-linked': 'The exact match is already linked to another record',
  'exact-unlinked-by-person': 'A person removed this match before',
  'likely-duplicate': 'No exact match, but a close one',
  'shared-candidate': 'Several customers match the same record',
  'external-key-conflict': 'Karbon’s own QuickBooks link points elsewhere',
  'exact-inactive': 'Its only exact match in QuickBooks is an inactive customer',
  'name-clash': 'QuickBooks already has this name',
  'undo-edited-since': 'Edited again after the run: not restored',
  'name-incomplete': 'Karbon needs a first and a last name: add them in QuickBooks',
};

function reasonsWords(c: CandidateRow): string {
  const parts: string[] = [];
  if (c.reasons.includes('name')) parts.push('same name');
  if (c.reasons.includes('email')) parts.push('same email');
  for (const a of c.agreeing) if (!parts.includes(`same ${a}`)) parts.push(`same ${a}`);
  if (c.externalKey) parts.push('linked by Karbon’s QuickBooks integration');
  return parts.join(', ') || 'similar';
}

function Mark({ result }: { result: FieldComparison }) {
  const w = COMPARISON_WORDS[result];
  return (
    <span className={`cmp-${result}`} style={{ padding: '0 6px', borderRadius: 4, whiteSpace: 'nowrap' }}>
      <span aria-hidden="true">{w.mark}</span> {w.words}
    </span>
  );
}

export function sideName(origin: DuplicateItem['origin']): { source: string; target: string } {
  return origin === 'quickbooks'
    ? { source: 'QuickBooks', target: 'Karbon' }
    : { source: 'Karbon', target: 'QuickBooks' };
}

export function DuplicateCard(p: { item: ReviewItem; pending: boolean; onDecide: (d: Decision) => void }) {
  const { item } = p;
  const sides = sideName(item.origin);
  const candidates = [...item.candidates].sort((a, b) => (b.score ?? -1) - (a.score ?? -1));
  const headingId = `dup-${item.id}`;
  const special = item.clash ? (
    <ClashDecision item={item} clash={item.clash} pending={p.pending} onDecide={p.onDecide} />
  ) : item.undo ? (
    <UndoDecision item={item} undo={item.undo} pending={p.pending} onDecide={p.onDecide} />
  ) : null;
  if (special) {
    return (
      <article className="card stack" aria-labelledby={headingId} data-testid="duplicate-card">
        <div className="row spread wrap">
          <h2 id={headingId} style={{ margin: 0 }}>
            {item.name || '(no name)'}
          </h2>
          <span className="muted small">{WHY[item.why] ?? item.why}</span>
        </div>
        {special}
      </article>
    );
  }
  const createLabel = item.origin === 'karbon' ? 'Create new customer' : 'Create new contact';
  return (
    <article className="card stack" aria-labelledby={headingId} data-testid="duplicate-card">
      <div className="row spread wrap">
        <h2 id={headingId} style={{ margin: 0 }}>
          {item.name || '(no name)'}
        </h2>
        <span className="muted small">{WHY[item.why] ?? item.why}</span>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(180px, 1fr) minmax(0, 2fr)', gap: 12 }}>
        <div className="stack" style={{ gap: 4 }}>
          <h3 className="muted">In {sides.source}</h3>
          <p>
            <strong>{item.name || '(no name)'}</strong>
          </p>
          <p className="small">{item.email || <span className="muted">no email</span>}</p>
          <p className="muted small">{item.sourceKind === 'organization' ? 'Organization' : 'Person'}</p>
        </div>
        <div className="stack">
          <h3 className="muted">Candidates in {sides.target}</h3>
          {candidates.length === 0 && <p className="muted">No candidate.</p>}
          {candidates.map((c) => (
            <div key={c.id} className="card stack" style={{ padding: 8, gap: 4 }} data-testid="candidate">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">{sides.target}</th>
                    <th scope="col">Compared</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">Name</th>
                    <td>{c.name || '—'}</td>
                    <td>
                      <Mark result={compareValues(item.name, c.name)} />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">Email</th>
                    <td>{c.email || '—'}</td>
                    <td>
                      <Mark result={compareEmails(item.email, c.email)} />
                    </td>
                  </tr>
                </tbody>
              </table>
              <p className="small">
                {c.score !== null && (
                  <strong className="num" data-testid="score">
                    Score {Math.round(c.score)} ·{' '}
                  </strong>
                )}
                <span>{reasonsWords(c)}</span>
                {c.linkedTo && <span className="muted"> · already linked to {c.linkedTo}</span>}
                {c.unlinkedByPerson && <span className="muted"> · a person removed this match before</span>}
                <span className="muted">
                  {' '}
                  · {sides.target} {c.kind === 'customer' ? 'customer' : c.kind} {c.id}
                </span>
              </p>
              <div>
                <button
                  type="button"
                  onClick={() => p.onDecide({ action: 'link', candidateId: c.id })}
                  disabled={p.pending}
                  aria-label={`Link ${item.name} to ${c.name}`}
                >
                  Link
                </button>
              </div>
            </div>
          ))}
        </div>
      </div>
      <div className="row wrap">
        <button
          type="button"
          onClick={() => p.onDecide({ action: 'create' })}
          disabled={p.pending}
          aria-label={`${createLabel} for ${item.name}`}
        >
          {createLabel}
        </button>
        <button
          type="button"
          onClick={() => p.onDecide({ action: 'skip' })}
          disabled={p.pending}
          aria-label={`Skip ${item.name}`}
        >
          Skip
        </button>
        {p.pending && (
          <span className="muted" role="status">
            Working…
          </span>
        )}
      </div>
    </article>
  );
}

// One item of Resolve Duplicates: the record waiting on the left, its candidates on the right,
// each field marked equal / different / missing (a mark and a word, never colour alone), the
// reasons and the score, and the three decisions.

import type { Ref } from 'react';
import type { CandidateRow, ReviewReason } from '../../lib/db/rows';
import type { ItemRecords } from '../../lib/messaging/types';
import type { Decision, DuplicateItem } from '../../lib/sync/engine';
import { CompareTable } from './CompareTable';
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
  'value-refused': 'The other side does not accept one of its values: correct it where it was typed',
};

export function reasonsWords(c: CandidateRow): string {
  const parts: string[] = [];
  if (c.reasons.includes('name')) parts.push('same name');
  if (c.reasons.includes('email')) parts.push('same email');
  for (const a of c.agreeing) if (!parts.includes(`same ${a}`)) parts.push(`same ${a}`);
  if (c.externalKey) parts.push('linked by Karbon’s QuickBooks integration');
  return parts.join(', ') || 'similar';
}

export function sideName(origin: DuplicateItem['origin']): { source: string; target: string } {
  return origin === 'quickbooks'
    ? { source: 'QuickBooks', target: 'Karbon' }
    : { source: 'Karbon', target: 'QuickBooks' };
}

export interface RecordsState {
  records: ItemRecords | null;
  loading: boolean;
  error: string | null;
  retry: () => void;
}

// Each card's heading takes focus by script (tabIndex -1): where the keyboard lands when the card
// before it is decided and leaves the list.
/** The card's name (focused when a decision hands the place to it) and why it waits. */
function CardHeading({ item, headingId }: { item: DuplicateItem; headingId: string }) {
  return (
    <div className="row spread wrap">
      <h2 id={headingId} style={{ margin: 0 }} tabIndex={-1}>
        {item.name || '(no name)'}
      </h2>
      <span className="muted small">{WHY[item.why] ?? item.why}</span>
    </div>
  );
}

export function DuplicateCard(p: {
  item: ReviewItem;
  pending: boolean;
  onDecide: (d: Decision) => void;
  /** The records read in full (absent: the card compares the item's name and email only). */
  records?: RecordsState;
  cardRef?: Ref<HTMLElement>;
}) {
  const { item } = p;
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
        <CardHeading item={item} headingId={headingId} />
        {special}
      </article>
    );
  }
  const createLabel = item.origin === 'karbon' ? 'Create new customer' : 'Create new contact';
  // Karbon refuses a person without a first and a last name, and either side a value it does not
  // accept: creating is no choice, the fix is where the record was typed.
  const incomplete = item.why === 'name-incomplete';
  const refused = item.why === 'value-refused' ? (item.refused?.sentence ?? WHY['value-refused']) : null;
  const canCreate = !incomplete && refused === null;
  const skipped = item.status === 'skipped';
  return (
    <article className="card stack" aria-labelledby={headingId} data-testid="duplicate-card" ref={p.cardRef}>
      <CardHeading item={item} headingId={headingId} />
      {skipped && <p className="muted">Skipped: stays unsynced until it changes, or decide now.</p>}
      {incomplete && (
        <p>
          “{item.name}” has only one name in QuickBooks, and Karbon needs a first and a last name for a
          person: add them in QuickBooks (or a company name, if it is a business), then Sync Now. Skip it to
          leave it unsynced.
        </p>
      )}
      {refused && <p>{refused} Then Sync Now, or Skip it to leave it unsynced.</p>}
      {!incomplete && (
        <CompareTable
          item={item}
          candidates={candidates}
          records={p.records?.records ?? null}
          why={reasonsWords}
          pending={p.pending}
          onLink={(candidateId) => p.onDecide({ action: 'link', candidateId })}
        />
      )}
      {p.records?.loading && (
        <p className="muted small" role="status">
          Reading both records to compare every field…
        </p>
      )}
      {p.records?.error && (
        <p className="small">
          <span className="error-text">
            Could not read the records to compare every field: {p.records.error}
          </span>{' '}
          <button type="button" className="link small" onClick={p.records.retry}>
            Try again
          </button>
        </p>
      )}
      <div className="row wrap">
        {canCreate && (
          <button
            type="button"
            onClick={() => p.onDecide({ action: 'create' })}
            disabled={p.pending}
            aria-label={`${createLabel} for ${item.name}`}
          >
            {createLabel}
          </button>
        )}
        {!skipped && (
          <button
            type="button"
            onClick={() => p.onDecide({ action: 'skip' })}
            disabled={p.pending}
            aria-label={`Skip ${item.name}`}
          >
            Skip
          </button>
        )}
        {p.pending && (
          <span className="muted" role="status">
            Working…
          </span>
        )}
      </div>
    </article>
  );
}

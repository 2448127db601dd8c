// Items that are not "which record is this?": a QuickBooks name already held by someone else
// (accept a free name), and a field an undo left alone because it was edited again (restore it or
// keep the edit).
import { useState } from 'react';
import type { DuplicateClash, DuplicateUndo } from '../../lib/db/rows';
import type { Decision, DuplicateItem } from '../../lib/sync/engine';

/** An item of Resolve Duplicates (the engine's item carries its clash, undo and refusal details). */
export type ReviewItem = DuplicateItem;

const ENTITY = { Customer: 'customer', Vendor: 'vendor', Employee: 'employee' } as const;
const SIDE = { quickbooks: 'QuickBooks', karbon: 'Karbon' } as const;

export function ClashDecision(p: {
  item: ReviewItem;
  clash: DuplicateClash;
  pending: boolean;
  onDecide: (d: Decision) => void;
}) {
  const [name, setName] = useState(p.clash.suggestion);
  const id = `clash-${p.item.id}`;
  const action = p.clash.purpose === 'create' ? 'create' : 'rename';
  return (
    <div className="stack">
      <p>
        QuickBooks already has “{p.clash.displayName}”:{' '}
        {p.clash.holders.map((h) => `${ENTITY[h.entity]} “${h.displayName}”`).join(', ')}. QuickBooks names
        must be unique across customers, vendors and employees.
      </p>
      <div className="field">
        <label htmlFor={id}>
          {action === 'create' ? 'Create the customer as' : 'Rename the customer to'}
        </label>
        <input id={id} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={p.pending || !name.trim()}
          onClick={() => p.onDecide({ action, displayName: name.trim() })}
        >
          {action === 'create' ? `Create as “${name.trim()}”` : `Rename to “${name.trim()}”`}
        </button>
        {action === 'create' &&
          p.clash.holders
            .filter((h) => h.entity === 'Customer')
            .map((h) => (
              <button
                key={h.id}
                type="button"
                disabled={p.pending}
                onClick={() => p.onDecide({ action: 'link', candidateId: h.id })}
              >
                Link to customer “{h.displayName}”
              </button>
            ))}
        <button
          type="button"
          disabled={p.pending}
          onClick={() => p.onDecide({ action: 'skip' })}
          aria-label={`Skip ${p.item.name}`}
        >
          Skip
        </button>
      </div>
    </div>
  );
}

export function UndoDecision(p: {
  item: ReviewItem;
  undo: DuplicateUndo;
  pending: boolean;
  onDecide: (d: Decision) => void;
}) {
  return (
    <div className="stack">
      <p>
        {p.undo.field} in {SIDE[p.undo.side]}: the undone run wrote “{p.undo.wrote || '—'}”, and it now holds
        “{p.undo.current || '—'}” (edited since). The value before the run was “{p.undo.restore || '—'}”.
      </p>
      <div className="row wrap">
        <button
          type="button"
          className="primary"
          disabled={p.pending}
          onClick={() => p.onDecide({ action: 'restore' })}
        >
          Restore “{p.undo.restore || '—'}”
        </button>
        <button type="button" disabled={p.pending} onClick={() => p.onDecide({ action: 'skip' })}>
          Keep “{p.undo.current || '—'}”
        </button>
      </div>
    </div>
  );
}

// The frame both connection cards share (QuickBooks, Karbon): a focusable region named by its
// heading, the state line with its dot, a form whose submit connects, Disconnect once there is
// something to disconnect, and the error line.
import type { ReactNode, RefObject } from 'react';
import { ErrorLine } from '../ErrorLine';
import { HeldButton } from '../HeldButton';

export function ServiceCard(p: {
  headingId: string;
  title: string;
  /** Where a link lands (scrolled to and focused). */
  cardRef: RefObject<HTMLElement | null>;
  stateTestId: string;
  dot: 'ok' | 'warn' | 'off';
  /** The state line's words. */
  state: ReactNode;
  /** Below the state line, outside the form. */
  note?: ReactNode;
  /** The form's fields. */
  children: ReactNode;
  onSubmit: () => void;
  submitLabel: string;
  submitHeld: boolean;
  /** Absent while not connected. */
  disconnect: { label: string; pending: boolean; onClick: () => void } | null;
  error: string | null;
}) {
  return (
    <section className="card stack" aria-labelledby={p.headingId} ref={p.cardRef} tabIndex={-1}>
      <h2 id={p.headingId}>{p.title}</h2>
      <p className="row" data-testid={p.stateTestId}>
        <span className={`dot ${p.dot}`} aria-hidden="true" />
        {p.state}
      </p>
      {p.note}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          p.onSubmit();
        }}
      >
        {p.children}
        <div className="row wrap">
          <HeldButton type="submit" className="primary" held={p.submitHeld}>
            {p.submitLabel}
          </HeldButton>
          {p.disconnect && (
            <button
              type="button"
              className="danger"
              onClick={p.disconnect.onClick}
              disabled={p.disconnect.pending}
            >
              {p.disconnect.label}
            </button>
          )}
        </div>
      </form>
      <ErrorLine text={p.error} />
    </section>
  );
}

/** A labelled input of a connection form (`secret`: a password field). */
export function Field(p: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  secret?: boolean;
  placeholder?: string;
  spellCheck?: boolean;
  hint?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        type={p.secret ? 'password' : undefined}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        placeholder={p.placeholder}
        autoComplete="off"
        spellCheck={p.spellCheck}
      />
      {p.hint && <span className="hint">{p.hint}</span>}
    </div>
  );
}

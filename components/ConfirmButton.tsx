import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A button whose action needs a second, explicit yes: the first press shows what will change and
 * a Confirm / Cancel pair in place (no modal, keyboard focus moves to Confirm).
 */
export function ConfirmButton(p: {
  label: string;
  /** A fuller name for screen readers, when the label alone is ambiguous in a list. */
  ariaLabel?: string;
  confirmLabel: string;
  question: ReactNode;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className={p.danger ? 'danger' : ''}
        disabled={p.disabled}
        aria-label={p.ariaLabel}
        onClick={() => setAsking(true)}
      >
        {p.label}
      </button>
    );
  }
  return (
    <fieldset className="row wrap card" style={{ padding: 8, margin: 0, display: 'inline-flex' }}>
      <legend className="sr-only">{p.label}</legend>
      <span>{p.question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={p.danger ? 'danger' : 'primary'}
        onClick={() => {
          setAsking(false);
          p.onConfirm();
        }}
      >
        {p.confirmLabel}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * A button whose action needs a second, explicit yes: the first press shows what will change and
 * a Confirm / Cancel pair in place (no modal, keyboard focus moves to Confirm). Cancel or Escape
 * closes it, and focus goes back to the button that asked — as it does after Confirm, when that
 * button is still there.
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
  const [returning, setReturning] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    if (!returning) return;
    setReturning(false);
    askRef.current?.focus();
  }, [returning]);
  const close = () => {
    setAsking(false);
    setReturning(true);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close();
  };
  if (!asking) {
    return (
      <button
        ref={askRef}
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
    <fieldset className="row wrap card confirm" onKeyDown={onKeyDown}>
      <legend className="sr-only">{p.label}</legend>
      <span>{p.question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={p.danger ? 'danger' : 'primary'}
        onClick={() => {
          close();
          p.onConfirm();
        }}
      >
        {p.confirmLabel}
      </button>
      <button type="button" onClick={close}>
        Cancel
      </button>
    </fieldset>
  );
}

import type { Attention, OptionsPlace } from '../lib/messaging/types';

/** The yellow/red strip: one sentence, one action. The icon and the word say the level, not only the colour. */
export function AttentionStrip({
  attention,
  onAction,
}: {
  attention: Attention;
  onAction: (place: OptionsPlace) => void;
}) {
  return (
    <div className={`strip ${attention.level}`} role={attention.level === 'error' ? 'alert' : 'status'}>
      <span className="strip-mark" aria-hidden="true">
        {attention.level === 'error' ? '!' : 'i'}
      </span>
      <span className="strip-text">
        <span className="sr-only">{attention.level === 'error' ? 'Error: ' : 'Warning: '}</span>
        {attention.message}
      </span>
      {attention.action && (
        <button type="button" onClick={() => attention.action && onAction(attention.action.section)}>
          {attention.action.label}
        </button>
      )}
    </div>
  );
}

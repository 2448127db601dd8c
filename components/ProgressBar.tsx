import type { RunPhase } from '../lib/db/rows';
import { progressWords } from './run-words';

/** Determinate while the total is known; the words always say what is happening. */
export function ProgressBar({ phase, done, total }: { phase: RunPhase; done: number; total: number }) {
  const words = progressWords({ phase, done, total });
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div
        className={total > 0 ? 'progress' : 'progress indeterminate'}
        role="progressbar"
        aria-label="Sync progress"
        aria-valuemin={0}
        aria-valuemax={total > 0 ? total : 100}
        // A phase without a total ("Matching") claims no amount: an indeterminate bar, with words.
        aria-valuenow={total > 0 ? done : undefined}
        aria-valuetext={words}
      >
        <div style={total > 0 ? { width: `${pct}%` } : undefined} />
      </div>
      <p className="small num" aria-live="polite" data-testid="progress-words">
        {words}
      </p>
    </div>
  );
}

// Runs in words: the phase of a run in progress and the one-line result of the last run.
import type { RunPhase } from '../lib/db/rows';
import type { RunReport } from '../lib/sync/engine';
import { phaseLabel } from '../lib/sync/queries';
import { formatNumber } from './format';

export function phaseWords(phase: RunPhase): string {
  return phaseLabel(phase) ?? 'Working';
}

/** "Reading QuickBooks customers 2,000/2,000", or the phase alone while the total is unknown. */
export function progressWords(p: { phase: RunPhase; done: number; total: number }): string {
  const words = phaseWords(p.phase);
  return p.total > 0 ? `${words} ${formatNumber(p.done)}/${formatNumber(p.total)}` : words;
}

/** "3 linked · 1 created · 2 to review" (only the non-zero parts; "nothing to change" when none). */
export function countsWords(c: RunReport['counts']): string {
  const created = c.createdInKarbon + c.createdInQuickBooks;
  const updated = c.updatedInKarbon + c.updatedInQuickBooks;
  const parts = [
    c.linked ? `${formatNumber(c.linked)} linked` : '',
    created ? `${formatNumber(created)} created` : '',
    updated ? `${formatNumber(updated)} updated` : '',
    c.conflicts ? `${formatNumber(c.conflicts)} conflict${c.conflicts === 1 ? '' : 's'}` : '',
    c.duplicates ? `${formatNumber(c.duplicates)} to review` : '',
    c.errors ? `${formatNumber(c.errors)} error${c.errors === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'nothing to change';
}

export const TRIGGER_WORDS: Record<string, string> = {
  manual: 'Sync Now',
  schedule: 'Schedule',
  decision: 'Decision',
  cli: 'Command line',
  undo: 'Undo',
  push: 'Push to QuickBooks',
};

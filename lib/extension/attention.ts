// What needs the person, in one sentence and one action: shared by the popup's strip, the
// options page and the toolbar badge, so they never disagree.
import type { Attention, KarbonStatus, QuickBooksStatus } from '../messaging/types';

export interface LastRunLike {
  status: 'running' | 'completed' | 'failed';
  endedAt: string | null;
  errors: Array<{ message: string; code: string; service: 'quickbooks' | 'karbon' | null }>;
}

/** A run that failed only because a connection was refused, and that connection was made again since. */
function curedSince(
  run: LastRunLike,
  connectedAt: { quickbooks: string | null; karbon: string | null },
): boolean {
  if (run.errors.length === 0 || !run.endedAt) return false;
  const ended = run.endedAt;
  return run.errors.every((e) => {
    if (e.code !== 'AuthError' || !e.service) return false;
    const at = connectedAt[e.service];
    return at !== null && at > ended;
  });
}

const DAY = 86_400_000;

const SERVICE = { quickbooks: 'QuickBooks', karbon: 'Karbon' } as const;
const clock = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });

/**
 * A failed run in one sentence. A passing trouble (throttling, a service not answering) names the
 * service and when the schedule tries again; anything else is the engine's own sentence, which
 * already says what to do.
 */
function failureWords(run: LastRunLike, nextRunAt: number | null): string {
  const first = run.errors[0];
  if (!first) return 'the run stopped before the end';
  const passing =
    first.service && first.code === 'RateLimitedError'
      ? `${SERVICE[first.service]} is rate limiting`
      : first.service && first.code === 'ServiceUnavailableError'
        ? `${SERVICE[first.service]} could not be reached`
        : null;
  if (!passing) return first.message;
  return nextRunAt !== null
    ? `${passing}; will retry at ${clock.format(nextRunAt)}`
    : `${passing}; press Sync Now to try again`;
}
/** Intuit refresh tokens live about 100 days; warn a week ahead so syncs never start failing. */
export const EXPIRY_WARNING_DAYS = 7;

export function attentionFor(
  quickBooks: Pick<QuickBooksStatus, 'state' | 'authorizationExpiresAt' | 'connectedAt'>,
  karbon: Pick<KarbonStatus, 'state' | 'connectedAt'>,
  lastRun: LastRunLike | null,
  now: number,
  /** When the schedule runs next (the sync alarm), or null when the schedule is off. */
  nextRunAt: number | null = null,
): Attention | null {
  const reconnect = { label: 'Reconnect', section: 'connections/quickbooks' as const };
  if (quickBooks.state === 'needs-reconnect') {
    return { level: 'error', message: 'QuickBooks authorization expired', action: reconnect };
  }
  if (karbon.state === 'rejected') {
    return {
      level: 'error',
      message: 'Karbon rejected the API key',
      action: { label: 'Update key', section: 'connections/karbon' },
    };
  }
  if (
    lastRun?.status === 'failed' &&
    !curedSince(lastRun, { quickbooks: quickBooks.connectedAt, karbon: karbon.connectedAt })
  ) {
    return {
      level: 'warning',
      message: `Last run failed: ${failureWords(lastRun, nextRunAt)}`,
      action: { label: 'Open History', section: 'history' },
    };
  }
  if (quickBooks.state === 'connected' && quickBooks.authorizationExpiresAt) {
    const left = new Date(quickBooks.authorizationExpiresAt).getTime() - now;
    if (left < EXPIRY_WARNING_DAYS * DAY) {
      const days = Math.max(0, Math.ceil(left / DAY));
      return {
        level: 'warning',
        message:
          days === 0
            ? 'QuickBooks authorization expires today'
            : `QuickBooks authorization expires in ${days} day${days === 1 ? '' : 's'}`,
        action: reconnect,
      };
    }
  }
  return null;
}

export interface BadgeLook {
  text: string;
  color: string;
  title: string;
}

const TEAL = '#0f766e';
const AMBER = '#b45309';
const RED = '#b91c1c';

/** Number of duplicates waiting; a "!" (never colour alone) and a warning colour when something needs the person. */
export function badgeFor(waiting: number, attention: Attention | null, appName: string): BadgeLook {
  const count = waiting > 0 ? (waiting > 999 ? '999+' : String(waiting)) : '';
  if (attention) {
    return {
      text: waiting > 0 && waiting <= 99 ? `${count}!` : '!',
      color: attention.level === 'error' ? RED : AMBER,
      title: `${appName}: ${attention.message}${attention.action ? ` — ${attention.action.label}` : ''}`,
    };
  }
  return {
    text: count,
    color: TEAL,
    title: waiting > 0 ? `${appName}: ${waiting} duplicate${waiting === 1 ? '' : 's'} waiting` : appName,
  };
}

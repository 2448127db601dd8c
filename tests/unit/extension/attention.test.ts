import { describe, expect, it } from 'vitest';
import { RateLimitedError, ServiceUnavailableError } from '@/lib/errors';
import { attentionFor, badgeFor } from '@/lib/extension/attention';
import { describeError } from '@/lib/sync/describe-error';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const ok = {
  state: 'connected' as const,
  authorizationExpiresAt: '2027-03-01T00:00:00Z',
  connectedAt: '2026-11-01T00:00:00Z',
};
const kOk = { state: 'connected' as const, connectedAt: '2026-11-01T00:00:00Z' };
/** A run that failed as the engine records it: the sentence from describeError, the class name. */
function failedWith(error: Error & { service: 'quickbooks' | 'karbon' }) {
  return {
    status: 'failed' as const,
    endedAt: '2026-11-25T11:50:00Z',
    errors: [{ message: describeError(error), code: error.constructor.name, service: error.service }],
  };
}
const failed = failedWith(new RateLimitedError('karbon', 30_000, 'Too many requests'));
/** 10:45 on the machine's clock, as the alarm's scheduledTime would be. */
const AT_10_45 = new Date(2026, 10, 25, 10, 45).getTime();

describe('attentionFor', () => {
  it('all fine → nothing', () => {
    expect(attentionFor(ok, kOk, null, NOW)).toBeNull();
  });
  it('QuickBooks needs reconnecting → red, Reconnect, before anything else', () => {
    expect(
      attentionFor(
        { ...ok, state: 'needs-reconnect' },
        { state: 'rejected', connectedAt: null },
        failed,
        NOW,
      ),
    ).toEqual({
      level: 'error',
      message: 'QuickBooks authorization expired',
      action: { label: 'Reconnect', section: 'connections/quickbooks' },
    });
  });
  it('Karbon key rejected → red, Update key', () => {
    expect(attentionFor(ok, { state: 'rejected', connectedAt: null }, null, NOW)?.action).toEqual({
      label: 'Update key',
      section: 'connections/karbon',
    });
  });
  it('last run failed on rate limiting → yellow, which service, when the schedule tries again; opens History', () => {
    expect(attentionFor(ok, kOk, failed, NOW, AT_10_45)).toEqual({
      level: 'warning',
      message: 'Last run failed: Karbon is rate limiting; will retry at 10:45 AM',
      action: { label: 'Open History', section: 'history' },
    });
  });
  it('a service that could not be reached reads the same way; without a schedule it says to Sync Now', () => {
    const down = failedWith(new ServiceUnavailableError('quickbooks', 'connection refused'));
    expect(attentionFor(ok, kOk, down, NOW, AT_10_45)?.message).toBe(
      'Last run failed: QuickBooks could not be reached; will retry at 10:45 AM',
    );
    expect(attentionFor(ok, kOk, failed, NOW, null)?.message).toBe(
      'Last run failed: Karbon is rate limiting; press Sync Now to try again',
    );
  });
  it('any other failure → its own sentence, which says what to do', () => {
    const other = {
      ...failed,
      errors: [
        {
          message: 'A Contact Type Karbon lacks: choose another in Settings.',
          code: 'SettingsProblem',
          service: null,
        },
      ],
    };
    expect(attentionFor(ok, kOk, other, NOW, AT_10_45)?.message).toBe(
      'Last run failed: A Contact Type Karbon lacks: choose another in Settings.',
    );
  });
  it('a run that failed on a refused authorization no longer warns once that side is reconnected', () => {
    const refused = {
      status: 'failed' as const,
      endedAt: '2026-11-25T11:00:00Z',
      errors: [
        { message: 'QuickBooks authorization expired', code: 'AuthError', service: 'quickbooks' as const },
      ],
    };
    expect(attentionFor({ ...ok, connectedAt: '2026-11-25T10:00:00Z' }, kOk, refused, NOW)?.message).toMatch(
      /Last run failed/,
    );
    expect(attentionFor({ ...ok, connectedAt: '2026-11-25T11:30:00Z' }, kOk, refused, NOW)).toBeNull();
  });
  it('authorization ending within a week → yellow, in days', () => {
    const soon = { ...ok, authorizationExpiresAt: '2026-11-28T11:00:00Z' };
    expect(attentionFor(soon, kOk, null, NOW)?.message).toBe('QuickBooks authorization expires in 3 days');
  });
});

describe('badgeFor', () => {
  it('nothing waiting, nothing wrong → empty badge', () => {
    expect(badgeFor(0, null, 'Sync').text).toBe('');
  });
  it('duplicates waiting → their number in teal', () => {
    expect(badgeFor(12, null, 'Sync')).toEqual({
      text: '12',
      color: '#0f766e',
      title: 'Sync: 12 duplicates waiting',
    });
  });
  it('attention → "!" next to the number, warning colour, the sentence as the title', () => {
    const a = {
      level: 'error' as const,
      message: 'QuickBooks authorization expired',
      action: { label: 'Reconnect', section: 'connections' as const },
    };
    expect(badgeFor(3, a, 'Sync')).toEqual({
      text: '3!',
      color: '#b91c1c',
      title: 'Sync: QuickBooks authorization expired — Reconnect',
    });
    expect(badgeFor(0, a, 'Sync').text).toBe('!');
  });
});

// Every alarm the extension sets, in one registry, reconciled at each start-up and after each
// settings change: creation is idempotent (an alarm already right is left alone, so its next
// firing time survives a worker restart), and a stale one is replaced or cleared.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { IS_SANDBOX_BUILD } from './environments';

export const SYNC_ALARM = 'sync';

/**
 * Sandbox builds only: a schedule in seconds that overrides the minutes from settings, so the
 * end-to-end suite can see an alarm-triggered run (unpacked extensions allow 1 s alarms; packed
 * MV3 ones are floored at 30 s). Production builds ignore it.
 */
export const testScheduleSecondsItem = storage.defineItem<number | null>('local:testScheduleSeconds', {
  fallback: null,
});

export interface AlarmSpec {
  name: string;
  /** Period in minutes, or null for no alarm. */
  periodInMinutes: number | null;
}

/** The registry: what alarms should exist for these settings. */
export function desiredAlarms(
  scheduleMinutes: number | null,
  testSeconds: number | null,
  sandboxBuild = IS_SANDBOX_BUILD,
): AlarmSpec[] {
  const period = sandboxBuild && testSeconds ? testSeconds / 60 : scheduleMinutes;
  return [{ name: SYNC_ALARM, periodInMinutes: period && period > 0 ? period : null }];
}

export async function reconcileAlarms(specs: AlarmSpec[]): Promise<void> {
  for (const spec of specs) {
    const existing = await browser.alarms.get(spec.name);
    if (spec.periodInMinutes === null) {
      if (existing) await browser.alarms.clear(spec.name);
      continue;
    }
    if (existing && existing.periodInMinutes === spec.periodInMinutes) continue;
    await browser.alarms.create(spec.name, {
      periodInMinutes: spec.periodInMinutes,
      delayInMinutes: spec.periodInMinutes,
    });
  }
}

/** When the scheduled sync fires next (the alarm's time), or null when the schedule is off. */
export async function nextSyncAt(): Promise<number | null> {
  const alarm = await browser.alarms.get(SYNC_ALARM);
  return alarm?.scheduledTime ?? null;
}

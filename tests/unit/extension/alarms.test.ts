import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { desiredAlarms, reconcileAlarms, SYNC_ALARM } from '@/lib/extension/alarms';

beforeEach(() => fakeBrowser.reset());

describe('alarm registry', () => {
  it('settings every 15 minutes → one sync alarm of 15 minutes', async () => {
    await reconcileAlarms(desiredAlarms(15, null, false));
    expect(await fakeBrowser.alarms.getAll()).toMatchObject([{ name: SYNC_ALARM, periodInMinutes: 15 }]);
  });

  it('reconciling again with the same settings keeps the alarm (its next firing time survives a restart)', async () => {
    await reconcileAlarms(desiredAlarms(15, null, false));
    const first = await fakeBrowser.alarms.get(SYNC_ALARM);
    await new Promise((r) => setTimeout(r, 5));
    await reconcileAlarms(desiredAlarms(15, null, false));
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.scheduledTime).toBe(first?.scheduledTime);
  });

  it('a changed interval replaces the alarm; schedule off clears it', async () => {
    await reconcileAlarms(desiredAlarms(15, null, false));
    await reconcileAlarms(desiredAlarms(60, null, false));
    expect((await fakeBrowser.alarms.get(SYNC_ALARM))?.periodInMinutes).toBe(60);
    await reconcileAlarms(desiredAlarms(null, null, false));
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });

  it('the test schedule in seconds applies to sandbox builds only', () => {
    expect(desiredAlarms(15, 2, true)).toEqual([{ name: SYNC_ALARM, periodInMinutes: 2 / 60 }]);
    expect(desiredAlarms(15, 2, false)).toEqual([{ name: SYNC_ALARM, periodInMinutes: 15 }]);
  });
});

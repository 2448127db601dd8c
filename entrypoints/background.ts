// Composition root: listeners registered synchronously at top level (a restarted worker must
// find them before its first event), each concern handed to lib/extension.
import { browser } from 'wxt/browser';
import { SYNC_ALARM, testScheduleSecondsItem } from '../lib/extension/alarms';
import { registerHandlers } from '../lib/extension/handlers';
import { createHost } from '../lib/extension/host';
import { NotReadyError } from '../lib/extension/runner';
import { sentenceOf } from '../lib/extension/user-error';

export default defineBackground(() => {
  // Something nothing caught is a bug: say so where chrome://extensions (and the tests) see it.
  // Chromium records an uncaught rejection in a worker as an exception only, not on its console.
  self.addEventListener('unhandledrejection', (e) =>
    console.error(`[sync] unexpected: ${sentenceOf(e.reason)}`),
  );
  self.addEventListener('error', (e) =>
    console.error(`[sync] unexpected: ${sentenceOf(e.error ?? e.message)}`),
  );

  const host = createHost();
  registerHandlers(host.handlers);

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    // A schedule firing while not connected does nothing; Sync Now says what is missing.
    host.runner.run('schedule').catch((e: unknown) => {
      if (!(e instanceof NotReadyError)) console.warn(`[sync] scheduled run: ${sentenceOf(e)}`);
    });
  });

  // Connections changed (here or in another page): the badge follows.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'local') void host.refreshBadge().catch(() => undefined);
  });
  testScheduleSecondsItem.watch(() => void host.reconcileSchedule().catch(() => undefined));

  host.start().catch((e: unknown) => console.warn(`[sync] start-up: ${sentenceOf(e)}`));
});

// The popup with its data: connections from the background, the run and counts watched live in
// the database (a closed and reopened popup shows the same run).
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { attentionFor } from '../../lib/extension/attention';
import { sendMessage } from '../../lib/messaging/protocol';
import { readStatus } from '../../lib/sync/queries';
import { pageDb } from '../db';
import { errorSentence, openOptions, useConnections, useNextSync } from '../hooks';
import { type PopupEngineView, PopupView } from './PopupView';

export function PopupApp() {
  const { status: connections, error } = useConnections();
  const status = useLiveQuery(() => readStatus(pageDb), [], null);
  const nextSync = useNextSync(status?.lastRun?.id);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<string | null>(null);
  const engine: PopupEngineView | null = status
    ? {
        running: status.running,
        lastRun: status.lastRun,
        waiting: status.waiting,
        linked: status.totals.linked,
        firstSyncCompletedAt: status.firstSyncCompletedAt,
      }
    : null;
  const attention =
    connections && status
      ? attentionFor(connections.quickBooks, connections.karbon, status.lastRun, Date.now(), nextSync)
      : null;

  const onSyncNow = async () => {
    setSyncing(true);
    setSyncError(null);
    try {
      await sendMessage('startRun');
    } catch (e) {
      setSyncError(errorSentence(e));
    } finally {
      setSyncing(false);
    }
  };

  return (
    <PopupView
      connections={connections}
      engine={engine}
      attention={attention}
      syncing={syncing}
      syncError={syncError ?? error}
      onSyncNow={() => void onSyncNow()}
      onOpen={(section) => {
        openOptions(section);
        // As the toolbar popup it closes behind the new tab; opened as a page (tests), it stays.
        if (browser.extension.getViews({ type: 'popup' }).includes(window)) window.close();
      }}
    />
  );
}

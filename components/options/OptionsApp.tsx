// The options page with its data: each section reads the database live (useLiveQuery) and sends
// its actions to the background.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings } from '../../lib/db/settings';
import { attentionFor } from '../../lib/extension/attention';
import { sendMessage } from '../../lib/messaging/protocol';
import type { ConnectionsStatus } from '../../lib/messaging/types';
import type { NotInQuickBooksRow, PreviewReport, PushRequest, UndoReport } from '../../lib/sync/engine';
import { readDuplicates, readHistory, readLinks, readRunChanges, readStatus } from '../../lib/sync/queries';
import { AttentionStrip } from '../AttentionStrip';
import { pageDb } from '../db';
import { errorSentence, useAction, useConnections, useNextSync } from '../hooks';
import { ProgressBar } from '../ProgressBar';
import { countsWords, TRIGGER_WORDS } from '../run-words';
import { BackupSection } from './BackupSection';
import { ClientListSection } from './ClientListSection';
import { type ConnectionsApi, ConnectionsSection } from './ConnectionsSection';
import type { HistoryChange } from './change-words';
import { HistorySection } from './HistorySection';
import { NotInQuickBooksSection } from './NotInQuickBooksSection';
import { OptionsLayout, usePlace } from './OptionsLayout';
import { PreviewSection } from './PreviewSection';
import { ResolveSection } from './ResolveSection';
import { SettingsSection } from './SettingsSection';

const connectionsApi: ConnectionsApi = {
  setEnvironment: (environment, sandboxUrl) => sendMessage('setEnvironment', { environment, sandboxUrl }),
  saveIntuitApp: (clientId, clientSecret) => sendMessage('saveIntuitApp', { clientId, clientSecret }),
  connectQuickBooks: () => sendMessage('connectQuickBooks'),
  disconnectQuickBooks: () => sendMessage('disconnectQuickBooks'),
  saveKarbonKeys: (bearerToken, accessKey) => sendMessage('saveKarbonKeys', { bearerToken, accessKey }),
  disconnectKarbon: () => sendMessage('disconnectKarbon'),
  useSandboxCredentials: () => sendMessage('useSandboxCredentials'),
};

/** A run's changes, each field update named by its pair as the Client List knows it. */
async function loadChanges(runId: string): Promise<HistoryChange[]> {
  const changes = await readRunChanges(pageDb, runId);
  const ids = [...new Set(changes.flatMap((c) => (c.quickBooksId ? [c.quickBooksId] : [])))];
  const links = new Map(
    (await pageDb.links.bulkGet(ids)).flatMap((l) =>
      l ? [[l.quickBooksId, { quickBooks: l.quickBooksName, karbon: l.karbonName }] as const] : [],
    ),
  );
  return changes.map((c) => {
    const names = c.quickBooksId ? links.get(c.quickBooksId) : undefined;
    return names ? { ...c, names } : c;
  });
}
const loadRecords = (itemId: string) => sendMessage('itemRecords', { itemId });

/** A section waiting for its data: what it is waiting for, in words (never a blank or a bare spinner). */
function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

function SettingsContainer({ connections }: { connections: ConnectionsStatus }) {
  const [data, setData] = useState<{ settings: Settings; contactTypes: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    sendMessage('getSettings').then(setData, (e: unknown) => setError(errorSentence(e)));
  }, []);
  // Karbon's contact types change when Karbon is (re)connected.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the Karbon connection changes
  useEffect(load, [load, connections.karbon.connectedAt]);
  if (error) return <p className="error-text">{error}</p>;
  if (!data) return <Loading what="the settings" />;
  return (
    <SettingsSection
      settings={data.settings}
      contactTypes={data.contactTypes}
      onSave={async (patch) => {
        const settings = await sendMessage('updateSettings', patch);
        setData((d) => (d ? { ...d, settings } : d));
        return settings;
      }}
    />
  );
}

function PreviewContainer({ firstSyncDone }: { firstSyncDone: boolean }) {
  const [report, setReport] = useState<{ report: PreviewReport; at: string } | null>(null);
  const preview = useAction(async () =>
    setReport({ report: await sendMessage('preview'), at: new Date().toISOString() }),
  );
  const sync = useAction(() => sendMessage('startRun'));
  // Opened before the first sync (the popup's "Preview first sync"): compute it at once.
  const asked = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the section opens
  useEffect(() => {
    if (!firstSyncDone && !asked.current) {
      asked.current = true;
      void preview.run();
    }
  }, []);
  return (
    <PreviewSection
      report={report?.report ?? null}
      computedAt={report?.at ?? null}
      pending={preview.pending}
      error={preview.error ?? sync.error}
      firstSyncDone={firstSyncDone}
      onCompute={() => void preview.run()}
      onSyncNow={() => void sync.run()}
      syncing={sync.pending}
    />
  );
}

function ResolveContainer({ lastRunAt }: { lastRunAt: string | null }) {
  const lists = useLiveQuery(async () => {
    const [open, skipped] = await Promise.all([
      readDuplicates(pageDb),
      readDuplicates(pageDb, { status: 'skipped' }),
    ]);
    return { open, skipped };
  }, []);
  const items = lists?.open;
  const [error, setError] = useState<string | null>(null);
  if (!items) return <Loading what="the items waiting for a decision" />;
  return (
    <ResolveSection
      items={items}
      lastRunAt={lastRunAt}
      error={error}
      loadRecords={loadRecords}
      skipped={lists?.skipped}
      onDecide={async (itemId, decision) => {
        setError(null);
        try {
          await sendMessage('resolve', { itemId, decision });
        } catch (e) {
          setError(errorSentence(e));
        }
      }}
      onBulk={async (decisions) => {
        setError(null);
        try {
          const report = await sendMessage('resolveMany', { decisions });
          if (report.errors.length > 0) {
            setError(
              `${report.errors.length} of ${decisions.length} could not be done: ${report.errors[0]?.message ?? ''}`,
            );
          }
        } catch (e) {
          setError(errorSentence(e));
        }
      }}
    />
  );
}

function LinkedList() {
  const rows = useLiveQuery(() => readLinks(pageDb), []);
  const [error, setError] = useState<string | null>(null);
  if (!rows) return <Loading what="the client list" />;
  return (
    <ClientListSection
      rows={rows}
      error={error}
      onRemoveMatch={async (quickBooksId) => {
        setError(null);
        try {
          await sendMessage('unlink', { quickBooksId });
        } catch (e) {
          setError(errorSentence(e));
        }
      }}
    />
  );
}

function NotInQuickBooks({ firstSyncDone }: { firstSyncDone: boolean }) {
  const [rows, setRows] = useState<NotInQuickBooksRow[] | null>(null);
  const load = useAction(async () => setRows(await sendMessage('notInQuickBooks', {})));
  const push = useAction((request: PushRequest) => sendMessage('push', request));
  return (
    <NotInQuickBooksSection
      rows={rows}
      loading={load.pending}
      error={load.error ?? push.error}
      firstSyncDone={firstSyncDone}
      onLoad={() => void load.run()}
      onPush={push.run}
    />
  );
}

function ClientsContainer({ linked, firstSyncDone }: { linked: number; firstSyncDone: boolean }) {
  const [tab, setTab] = useState<'linked' | 'not-in-quickbooks'>('linked');
  const tabs = [
    { id: 'linked' as const, label: `Linked (${linked.toLocaleString('en-US')})` },
    { id: 'not-in-quickbooks' as const, label: 'Not in QuickBooks' },
  ];
  return (
    <div className="stack">
      <div role="tablist" aria-label="Client List" className="row">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={tab === t.id ? 'primary' : ''}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'linked' ? <LinkedList /> : <NotInQuickBooks firstSyncDone={firstSyncDone} />}
      </div>
    </div>
  );
}

function undoWords(report: UndoReport): string {
  const parts = [`Undone: ${countsWords(report.counts)}.`];
  // A change the undo could not revert (a pair linked elsewhere since) says why, one sentence each.
  if (report.errors.length > 0) parts.push(`Not undone: ${report.errors.map((e) => e.message).join(' ')}`);
  if (report.removeInKarbon.length > 0) {
    parts.push(
      `Karbon has no delete through its API: remove these records in Karbon by hand — ${report.removeInKarbon.map((r) => r.name).join(', ')}.`,
    );
  }
  return parts.join(' ');
}

function HistoryContainer() {
  const runs = useLiveQuery(() => readHistory(pageDb, { limit: 200 }), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The run's button went with the undo: the keyboard lands on what it did instead of the page top.
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);
  if (!runs) return <Loading what="the history" />;
  return (
    <div className="stack">
      {notice && (
        <p role="status" className="card" ref={noticeRef} tabIndex={-1}>
          {notice}
        </p>
      )}
      <HistorySection
        runs={runs}
        loadChanges={loadChanges}
        error={error}
        onUndo={async (runId) => {
          setError(null);
          setNotice(null);
          try {
            setNotice(undoWords(await sendMessage('undo', { runId })));
          } catch (e) {
            setError(errorSentence(e));
          }
        }}
        onRestore={async (changeId) => {
          setError(null);
          setNotice(null);
          try {
            const report = await sendMessage('restoreValue', { changeId });
            setNotice(
              report.errors.length > 0
                ? `Not restored: ${report.errors.map((e) => e.message).join(' ')}`
                : `Restored: ${countsWords(report.counts)}.`,
            );
          } catch (e) {
            setError(errorSentence(e));
          }
        }}
      />
    </div>
  );
}

export function OptionsApp() {
  const { section, card, visit, goTo } = usePlace();
  const { status: connections, error } = useConnections();
  const status = useLiveQuery(() => readStatus(pageDb), []);
  const nextSync = useNextSync(status?.lastRun?.id);
  const attention =
    connections && status
      ? attentionFor(connections.quickBooks, connections.karbon, status.lastRun, Date.now(), nextSync)
      : null;
  const running = status?.running ?? null;
  const banner = attention ? (
    <div className="stack" style={{ marginBottom: 16 }}>
      <AttentionStrip attention={attention} onAction={goTo} />
    </div>
  ) : null;

  let body: React.ReactNode = <Loading what="the connections" />;
  if (error) body = <p className="error-text">{error}</p>;
  else if (connections && status) {
    switch (section) {
      case 'connections':
        body = (
          <ConnectionsSection
            status={connections}
            api={connectionsApi}
            landOn={card ? { card, visit } : null}
          />
        );
        break;
      case 'settings':
        body = <SettingsContainer connections={connections} />;
        break;
      case 'preview':
        body = <PreviewContainer firstSyncDone={status.firstSyncCompletedAt !== null} />;
        break;
      case 'resolve':
        body = <ResolveContainer lastRunAt={status.lastRun?.endedAt ?? null} />;
        break;
      case 'clients':
        body = (
          <ClientsContainer
            linked={status.totals.linked}
            firstSyncDone={status.firstSyncCompletedAt !== null}
          />
        );
        break;
      case 'history':
        body = <HistoryContainer />;
        break;
      case 'backup':
        body = (
          <BackupSection
            onExport={() => sendMessage('exportState')}
            onImport={(backup) => sendMessage('importState', { backup })}
          />
        );
        break;
    }
  }
  return (
    <OptionsLayout
      section={section}
      counts={{ resolve: status?.waiting, clients: status?.totals.linked }}
      banner={banner}
      arrival={card ? 0 : visit}
      running={
        running && (
          <>
            <p className="small" style={{ fontWeight: 600 }}>
              {TRIGGER_WORDS[running.trigger] ?? 'Sync'} running
            </p>
            <ProgressBar phase={running.phase} done={running.done} total={running.total} />
          </>
        )
      }
    >
      {body}
    </OptionsLayout>
  );
}

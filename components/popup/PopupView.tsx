// The toolbar popup (about 360 px): every state of shared/spec/ui.md "Popup", from props only,
// so each state is rendered and tested without a browser.

import type { Attention, ConnectionsStatus, OptionsPlace } from '../../lib/messaging/types';
import type { RunSummary } from '../../lib/sync/engine';
import { AttentionStrip } from '../AttentionStrip';
import { ErrorLine } from '../ErrorLine';
import { formatNumber } from '../format';
import { HeldButton } from '../HeldButton';
import { ProgressBar } from '../ProgressBar';
import { RelativeTime } from '../RelativeTime';
import { countsWords } from '../run-words';

export interface PopupEngineView {
  running: RunSummary | null;
  lastRun: RunSummary | null;
  waiting: number;
  linked: number;
  firstSyncCompletedAt: string | null;
}

export interface PopupViewProps {
  connections: ConnectionsStatus | null;
  engine: PopupEngineView | null;
  attention: Attention | null;
  syncing: boolean;
  syncError: string | null;
  onSyncNow: () => void;
  onOpen: (place: OptionsPlace) => void;
}

function ConnectedSides({ connections }: { connections: ConnectionsStatus }) {
  const { quickBooks, karbon } = connections;
  return (
    <ul className="stack" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Connections">
      <li className="row">
        <span className={`dot ${quickBooks.state === 'connected' ? 'ok' : 'warn'}`} aria-hidden="true" />
        <span>
          <strong>{quickBooks.companyName || 'QuickBooks Online'}</strong>
          <span className="muted small">
            {' '}
            · QuickBooks {quickBooks.state === 'connected' ? 'connected' : 'needs reconnecting'}
          </span>
        </span>
      </li>
      <li className="row">
        <span className={`dot ${karbon.state === 'connected' ? 'ok' : 'warn'}`} aria-hidden="true" />
        <span>
          <strong>{karbon.tenantName || 'Karbon'}</strong>
          <span className="muted small">
            {' '}
            · Karbon {karbon.state === 'connected' ? 'connected' : 'key rejected'}
          </span>
        </span>
      </li>
    </ul>
  );
}

function NotConnected({
  connections,
  onOpen,
}: {
  connections: ConnectionsStatus;
  onOpen: PopupViewProps['onOpen'];
}) {
  const rows = [
    {
      name: 'QuickBooks Online',
      card: 'connections/quickbooks' as const,
      connected: connections.quickBooks.state !== 'not-connected',
      detail: connections.quickBooks.companyName,
    },
    {
      name: 'Karbon',
      card: 'connections/karbon' as const,
      connected: connections.karbon.state !== 'not-connected',
      detail: connections.karbon.tenantName,
    },
  ];
  return (
    <div className="stack">
      <p>Connect both sides to start keeping your clients in sync.</p>
      {rows.map((r) => (
        <div key={r.name} className="row spread card">
          <span className="row">
            <span className={`dot ${r.connected ? 'ok' : 'off'}`} aria-hidden="true" />
            <span>
              {r.name}
              {r.connected && (
                <span className="muted small"> — connected{r.detail ? ` to ${r.detail}` : ''}</span>
              )}
            </span>
          </span>
          {!r.connected && (
            <button
              type="button"
              className="primary"
              onClick={() => onOpen(r.card)}
              aria-label={`Connect ${r.name}`}
            >
              Connect
            </button>
          )}
        </div>
      ))}
    </div>
  );
}

function LastRunLine({ lastRun }: { lastRun: RunSummary }) {
  const at = lastRun.endedAt ?? lastRun.startedAt;
  if (lastRun.status === 'failed') {
    return (
      <p data-testid="last-run">
        Last run failed <RelativeTime iso={at} /> · {countsWords(lastRun.counts)}
      </p>
    );
  }
  return (
    <p data-testid="last-run">
      Synced <RelativeTime iso={at} /> · {countsWords(lastRun.counts)}
    </p>
  );
}

export function PopupView(props: PopupViewProps) {
  const { connections, engine, attention, syncing, onOpen } = props;
  const running = engine?.running ?? null;
  const busy = syncing || running !== null;
  const bothConnected =
    connections !== null &&
    connections.quickBooks.state !== 'not-connected' &&
    connections.karbon.state !== 'not-connected';
  const neverSynced = engine !== null && engine.lastRun === null && engine.firstSyncCompletedAt === null;

  return (
    <main className="stack" style={{ width: 360, padding: 12 }}>
      <h1>QuickBooks ⇄ Karbon</h1>
      {attention && <AttentionStrip attention={attention} onAction={onOpen} />}
      {connections === null || engine === null ? (
        <p className="muted">Loading the connection status…</p>
      ) : !bothConnected ? (
        <NotConnected connections={connections} onOpen={onOpen} />
      ) : (
        <>
          <ConnectedSides connections={connections} />
          {/* One slot, as high as its tallest state, so a run starting or ending moves nothing below. */}
          <div className="run-slot">
            {running ? (
              <ProgressBar phase={running.phase} done={running.done} total={running.total} />
            ) : engine.lastRun ? (
              <LastRunLine lastRun={engine.lastRun} />
            ) : (
              <p className="muted">
                Not synced yet. Preview shows what the first sync will do, without changing anything.
              </p>
            )}
          </div>
          <div className="row wrap">
            {neverSynced && !busy && (
              <button type="button" className="primary" onClick={() => onOpen('preview')}>
                Preview first sync
              </button>
            )}
            <HeldButton
              className={neverSynced && !busy ? '' : 'primary'}
              onClick={props.onSyncNow}
              held={busy}
            >
              {busy ? 'Syncing…' : 'Sync Now'}
            </HeldButton>
          </div>
          <ErrorLine text={props.syncError} />
          {!neverSynced && (
            <nav aria-label="Open" className="stack" style={{ gap: 2 }}>
              <button type="button" className="link" onClick={() => onOpen('resolve')}>
                Resolve Duplicates ({formatNumber(engine.waiting)})
              </button>
              <button type="button" className="link" onClick={() => onOpen('clients')}>
                View Client List ({formatNumber(engine.linked)})
              </button>
              <button type="button" className="link" onClick={() => onOpen('history')}>
                History
              </button>
            </nav>
          )}
        </>
      )}
      {/* Shown with the rest, not under the loading line: it would jump down when the data arrive. */}
      {connections !== null && engine !== null && (
        <div className="row">
          <button type="button" className="link small" onClick={() => onOpen('settings')}>
            Contact Sync Settings
          </button>
        </div>
      )}
    </main>
  );
}

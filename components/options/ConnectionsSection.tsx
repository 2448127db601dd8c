// Connections: where to connect, QuickBooks (the firm's Intuit app + the OAuth window) and Karbon
// (bearer token + access key, checked before saving). Secrets are write-only here: the page never
// receives them back, only whether they are set.
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { ENVIRONMENT_LABELS, type Environment } from '../../lib/extension/environments';
import type { ConnectionsStatus } from '../../lib/messaging/types';
import { ErrorLine } from '../ErrorLine';
import { formatAbsolute, formatNumber, formatRelative } from '../format';
import { useAction } from '../hooks';
import type { ConnectionsCard } from './OptionsLayout';
import { Field, ServiceCard } from './ServiceCard';

export interface ConnectionsApi {
  setEnvironment(environment: Environment, sandboxUrl: string): Promise<unknown>;
  saveIntuitApp(clientId: string, clientSecret: string): Promise<unknown>;
  connectQuickBooks(): Promise<unknown>;
  disconnectQuickBooks(): Promise<unknown>;
  saveKarbonKeys(bearerToken: string, accessKey: string): Promise<unknown>;
  disconnectKarbon(): Promise<unknown>;
  useSandboxCredentials(): Promise<unknown>;
}

function EnvironmentForm({ status, api }: { status: ConnectionsStatus; api: ConnectionsApi }) {
  const [environment, setEnvironment] = useState<Environment>(status.app.environment);
  const [sandboxUrl, setSandboxUrl] = useState(status.app.sandboxUrl);
  useEffect(() => {
    setEnvironment(status.app.environment);
    setSandboxUrl(status.app.sandboxUrl);
  }, [status.app.environment, status.app.sandboxUrl]);
  const save = useAction(api.setEnvironment);
  const demo = useAction(api.useSandboxCredentials);
  const changed = environment !== status.app.environment || sandboxUrl !== status.app.sandboxUrl;
  const connected = status.quickBooks.state !== 'not-connected' || status.karbon.state !== 'not-connected';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(environment, sandboxUrl);
  };
  return (
    <form onSubmit={onSubmit} className="card stack" aria-labelledby="env-heading">
      <h2 id="env-heading">Where to connect</h2>
      <div className="field">
        <label htmlFor="environment">Environment</label>
        <select
          id="environment"
          value={environment}
          onChange={(e) => setEnvironment(e.target.value as Environment)}
          disabled={connected}
        >
          {status.app.environments.map((env) => (
            <option key={env} value={env}>
              {ENVIRONMENT_LABELS[env]}
            </option>
          ))}
        </select>
        {connected && <span className="hint">Disconnect both sides to change the environment.</span>}
      </div>
      {environment === 'local' && (
        <div className="field">
          <label htmlFor="sandbox-url">Sandbox address</label>
          <input
            id="sandbox-url"
            value={sandboxUrl}
            onChange={(e) => setSandboxUrl(e.target.value)}
            disabled={connected}
            inputMode="url"
            spellCheck={false}
          />
          <span className="hint">The address `npm start` prints, for example http://127.0.0.1:8787.</span>
        </div>
      )}
      <div className="row wrap">
        <button type="submit" disabled={!changed || save.pending || connected}>
          {save.pending ? 'Saving…' : 'Save environment'}
        </button>
        {status.app.environment === 'local' && (
          <button type="button" onClick={() => void demo.run()} disabled={demo.pending}>
            {demo.pending ? 'Filling in…' : 'Use the sandbox’s demo credentials'}
          </button>
        )}
      </div>
      <ErrorLine text={save.error ?? demo.error} />
    </form>
  );
}

interface CardProps {
  status: ConnectionsStatus;
  api: ConnectionsApi;
  cardRef: RefObject<HTMLElement | null>;
}

function QuickBooksCard({ status, api, cardRef }: CardProps) {
  const qb = status.quickBooks;
  const [clientId, setClientId] = useState(status.app.clientId);
  const [clientSecret, setClientSecret] = useState('');
  useEffect(() => setClientId(status.app.clientId), [status.app.clientId]);
  const connect = useAction(async () => {
    if (clientId !== status.app.clientId || clientSecret) await api.saveIntuitApp(clientId, clientSecret);
    setClientSecret('');
    return api.connectQuickBooks();
  });
  const disconnect = useAction(api.disconnectQuickBooks);
  const expires = qb.authorizationExpiresAt;
  return (
    <ServiceCard
      headingId="qb-heading"
      title="QuickBooks Online"
      cardRef={cardRef}
      stateTestId="quickbooks-state"
      dot={qb.state === 'connected' ? 'ok' : qb.state === 'needs-reconnect' ? 'warn' : 'off'}
      state={
        <>
          {qb.state === 'connected' && (
            <span>
              Connected to <strong>{qb.companyName || `company ${qb.realmId}`}</strong>
              {qb.companyName && <span className="muted"> (company {qb.realmId})</span>}
            </span>
          )}
          {qb.state === 'needs-reconnect' && (
            <span>
              <strong>Needs reconnecting:</strong> QuickBooks no longer accepts the authorization for{' '}
              {qb.companyName || 'this company'}.
            </span>
          )}
          {qb.state === 'not-connected' && <span>Not connected</span>}
        </>
      }
      note={
        qb.state === 'connected' &&
        expires && (
          <p className="muted small">
            Authorization valid until <time dateTime={expires}>{formatAbsolute(expires)}</time> (
            {formatRelative(expires)}); each sync extends it.
          </p>
        )
      }
      onSubmit={() => void connect.run()}
      submitLabel={
        connect.pending
          ? 'Waiting for Intuit…'
          : qb.state === 'not-connected'
            ? 'Connect QuickBooks'
            : 'Reconnect QuickBooks'
      }
      submitHeld={connect.pending || !clientId || (!clientSecret && !status.app.hasClientSecret)}
      disconnect={
        qb.state === 'not-connected'
          ? null
          : {
              label: 'Disconnect QuickBooks',
              pending: disconnect.pending,
              onClick: () => void disconnect.run(),
            }
      }
      error={connect.error ?? disconnect.error}
    >
      <Field
        id="client-id"
        label="Intuit app client ID"
        value={clientId}
        onChange={setClientId}
        spellCheck={false}
      />
      <Field
        id="client-secret"
        label="Intuit app client secret"
        secret
        value={clientSecret}
        onChange={setClientSecret}
        placeholder={status.app.hasClientSecret ? 'Saved — type to replace' : ''}
        hint={
          <>
            From developer.intuit.com → your app → Keys and credentials. Add this redirect URI there:{' '}
            <code data-testid="redirect-uri">{status.app.redirectUri}</code>
          </>
        }
      />
    </ServiceCard>
  );
}

function KarbonCard({ status, api, cardRef }: CardProps) {
  const k = status.karbon;
  const [bearerToken, setBearerToken] = useState('');
  const [accessKey, setAccessKey] = useState('');
  const save = useAction(async () => {
    const r = await api.saveKarbonKeys(bearerToken, accessKey);
    setBearerToken('');
    setAccessKey('');
    return r;
  });
  const disconnect = useAction(api.disconnectKarbon);
  return (
    <ServiceCard
      headingId="karbon-heading"
      title="Karbon"
      cardRef={cardRef}
      stateTestId="karbon-state"
      dot={k.state === 'connected' ? 'ok' : k.state === 'rejected' ? 'warn' : 'off'}
      state={
        <>
          {k.state === 'connected' && (
            <span>
              Connected to <strong>{k.tenantName}</strong>{' '}
              <span className="muted">
                ({formatNumber(k.contactTypes.length)} contact types: {k.contactTypes.join(', ')})
              </span>
            </span>
          )}
          {k.state === 'rejected' && (
            <span>
              <strong>Key rejected:</strong> Karbon refused the saved keys for {k.tenantName || 'this tenant'}
              . Enter new ones.
            </span>
          )}
          {k.state === 'not-connected' && <span>Not connected</span>}
        </>
      }
      onSubmit={() => void save.run()}
      submitLabel={
        save.pending
          ? 'Checking with Karbon…'
          : k.state === 'not-connected'
            ? 'Check and connect Karbon'
            : 'Check and update keys'
      }
      submitHeld={save.pending || !bearerToken.trim() || !accessKey.trim()}
      disconnect={
        k.state === 'not-connected'
          ? null
          : { label: 'Disconnect Karbon', pending: disconnect.pending, onClick: () => void disconnect.run() }
      }
      error={save.error ?? disconnect.error}
    >
      <Field
        id="karbon-bearer"
        label="API bearer token"
        secret
        value={bearerToken}
        onChange={setBearerToken}
      />
      <Field
        id="karbon-access-key"
        label="Access key"
        secret
        value={accessKey}
        onChange={setAccessKey}
        hint="Karbon → Settings → Connected Apps → API Applications. Both are checked with Karbon before they are saved."
      />
    </ServiceCard>
  );
}

export function ConnectionsSection({
  status,
  api,
  landOn = null,
}: {
  status: ConnectionsStatus;
  api: ConnectionsApi;
  /** The card a link asked for (the popup's "Karbon — Connect"): scrolled to and focused. */
  landOn?: { card: ConnectionsCard; visit: number } | null;
}) {
  const cards = { quickbooks: useRef<HTMLElement>(null), karbon: useRef<HTMLElement>(null) };
  const card = landOn?.card ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: land again on every arrival, not on every render
  useEffect(() => {
    const el = card ? cards[card].current : null;
    if (!el) return;
    // Focus first (the next Tab is the card's first field), then put the card's top in view.
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'start' });
  }, [card, landOn?.visit]);
  return (
    <div className="stack" style={{ gap: 16 }}>
      <EnvironmentForm status={status} api={api} />
      <QuickBooksCard status={status} api={api} cardRef={cards.quickbooks} />
      <KarbonCard status={status} api={api} cardRef={cards.karbon} />
    </div>
  );
}

// Connections: where to connect, QuickBooks (the firm's Intuit app + the OAuth window) and Karbon
// (bearer token + access key, checked before saving). Secrets are write-only here: the page never
// receives them back, only whether they are set.
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { ENVIRONMENT_LABELS, type Environment } from '../../lib/extension/environments';
import type { ConnectionsStatus } from '../../lib/messaging/types';
import { ErrorLine } from '../ErrorLine';
import { formatAbsolute, formatNumber, formatRelative } from '../format';
import { HeldButton } from '../HeldButton';
import { useAction } from '../hooks';
import type { ConnectionsCard } from './OptionsLayout';

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
    <section className="card stack" aria-labelledby="qb-heading" ref={cardRef} tabIndex={-1}>
      <h2 id="qb-heading">QuickBooks Online</h2>
      <p className="row" data-testid="quickbooks-state">
        <span
          className={`dot ${qb.state === 'connected' ? 'ok' : qb.state === 'needs-reconnect' ? 'warn' : 'off'}`}
          aria-hidden="true"
        />
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
      </p>
      {qb.state === 'connected' && expires && (
        <p className="muted small">
          Authorization valid until <time dateTime={expires}>{formatAbsolute(expires)}</time> (
          {formatRelative(expires)}); each sync extends it.
        </p>
      )}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void connect.run();
        }}
      >
        <div className="field">
          <label htmlFor="client-id">Intuit app client ID</label>
          <input
            id="client-id"
            value={clientId}
            onChange={(e) => setClientId(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="field">
          <label htmlFor="client-secret">Intuit app client secret</label>
          <input
            id="client-secret"
            type="password"
            value={clientSecret}
            onChange={(e) => setClientSecret(e.target.value)}
            placeholder={status.app.hasClientSecret ? 'Saved — type to replace' : ''}
            autoComplete="off"
          />
          <span className="hint">
            From developer.intuit.com → your app → Keys and credentials. Add this redirect URI there:{' '}
            <code data-testid="redirect-uri">{status.app.redirectUri}</code>
          </span>
        </div>
        <div className="row wrap">
          <HeldButton
            type="submit"
            className="primary"
            held={connect.pending || !clientId || (!clientSecret && !status.app.hasClientSecret)}
          >
            {connect.pending
              ? 'Waiting for Intuit…'
              : qb.state === 'not-connected'
                ? 'Connect QuickBooks'
                : 'Reconnect QuickBooks'}
          </HeldButton>
          {qb.state !== 'not-connected' && (
            <button
              type="button"
              className="danger"
              onClick={() => void disconnect.run()}
              disabled={disconnect.pending}
            >
              Disconnect QuickBooks
            </button>
          )}
        </div>
      </form>
      <ErrorLine text={connect.error ?? disconnect.error} />
    </section>
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
    <section className="card stack" aria-labelledby="karbon-heading" ref={cardRef} tabIndex={-1}>
      <h2 id="karbon-heading">Karbon</h2>
      <p className="row" data-testid="karbon-state">
        <span
          className={`dot ${k.state === 'connected' ? 'ok' : k.state === 'rejected' ? 'warn' : 'off'}`}
          aria-hidden="true"
        />
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
            <strong>Key rejected:</strong> Karbon refused the saved keys for {k.tenantName || 'this tenant'}.
            Enter new ones.
          </span>
        )}
        {k.state === 'not-connected' && <span>Not connected</span>}
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div className="field">
          <label htmlFor="karbon-bearer">API bearer token</label>
          <input
            id="karbon-bearer"
            type="password"
            value={bearerToken}
            onChange={(e) => setBearerToken(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor="karbon-access-key">Access key</label>
          <input
            id="karbon-access-key"
            type="password"
            value={accessKey}
            onChange={(e) => setAccessKey(e.target.value)}
            autoComplete="off"
          />
          <span className="hint">
            Karbon → Settings → Connected Apps → API Applications. Both are checked with Karbon before they
            are saved.
          </span>
        </div>
        <div className="row wrap">
          <HeldButton
            type="submit"
            className="primary"
            held={save.pending || !bearerToken.trim() || !accessKey.trim()}
          >
            {save.pending
              ? 'Checking with Karbon…'
              : k.state === 'not-connected'
                ? 'Check and connect Karbon'
                : 'Check and update keys'}
          </HeldButton>
          {k.state !== 'not-connected' && (
            <button
              type="button"
              className="danger"
              onClick={() => void disconnect.run()}
              disabled={disconnect.pending}
            >
              Disconnect Karbon
            </button>
          )}
        </div>
      </form>
      <ErrorLine text={save.error ?? disconnect.error} />
    </section>
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

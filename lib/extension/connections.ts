// Connect and disconnect both sides, and what the pages may know about them (never a secret).
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { createIntuitTokenSource, exchangeCode, revokeToken } from '../auth/intuit';
import { memoryTokenStore } from '../auth/token-store';
import { authorizeQuickBooks } from '../auth/web-auth-flow';
import { AuthError, type Service } from '../errors';
import type { ConnectionsStatus, KarbonStatus, QuickBooksStatus } from '../messaging/types';
import {
  availableEnvironments,
  type Environment,
  IS_SANDBOX_BUILD,
  normaliseSandboxUrl,
} from './environments';
import type { Services } from './services';
import { environmentItem, intuitAppItem, karbonItem, quickBooksItem, syncedRealmItem } from './store';
import { UserFacingError } from './user-error';

export interface ConnectionDeps {
  services: Services;
  now: () => Date;
  /** Whether the sync database holds links (a different company must not inherit them). */
  hasLinks: () => Promise<boolean>;
  /** Opens Intuit's page and returns the redirect URL (chrome.identity by default). */
  launch?: (url: string) => Promise<string | undefined>;
}

export async function getConnections(services: Services): Promise<ConnectionsStatus> {
  const [env, app, qb, k, tokens] = await Promise.all([
    environmentItem.getValue(),
    intuitAppItem.getValue(),
    quickBooksItem.getValue(),
    karbonItem.getValue(),
    services.tokens.get(),
  ]);
  const quickBooks: QuickBooksStatus = qb
    ? {
        state: qb.needsReconnect || !tokens ? 'needs-reconnect' : 'connected',
        companyName: qb.companyName,
        realmId: qb.realmId,
        environment: qb.environment,
        connectedAt: qb.connectedAt,
        authorizationExpiresAt: tokens?.refreshExpiresAt
          ? new Date(tokens.refreshExpiresAt).toISOString()
          : null,
      }
    : {
        state: 'not-connected',
        companyName: '',
        realmId: '',
        environment: env.environment,
        connectedAt: null,
        authorizationExpiresAt: null,
      };
  const karbon: KarbonStatus = k
    ? {
        state: k.rejected ? 'rejected' : 'connected',
        tenantName: k.tenantName,
        contactTypes: k.contactTypes,
        connectedAt: k.connectedAt,
      }
    : { state: 'not-connected', tenantName: '', contactTypes: [], connectedAt: null };
  return {
    quickBooks,
    karbon,
    app: {
      sandboxBuild: IS_SANDBOX_BUILD,
      environment: env.environment,
      environments: availableEnvironments(),
      sandboxUrl: env.sandboxUrl,
      clientId: app.clientId,
      hasClientSecret: app.clientSecret.length > 0,
      redirectUri: browser.identity.getRedirectURL(),
    },
  };
}

export async function setEnvironment(environment: Environment, sandboxUrl: string): Promise<void> {
  if (!availableEnvironments().includes(environment))
    throw new UserFacingError('This build cannot connect to that environment.');
  const [qb, k] = await Promise.all([quickBooksItem.getValue(), karbonItem.getValue()]);
  if (qb || k) throw new UserFacingError('Disconnect QuickBooks and Karbon before changing the environment.');
  let url = sandboxUrl;
  if (environment === 'local') {
    try {
      url = normaliseSandboxUrl(sandboxUrl);
    } catch (e) {
      throw new UserFacingError(e instanceof Error ? e.message : 'Enter the sandbox address.');
    }
  }
  await environmentItem.setValue({ environment, sandboxUrl: url });
}

export async function saveIntuitApp(clientId: string, clientSecret: string): Promise<void> {
  const current = await intuitAppItem.getValue();
  const id = clientId.trim();
  if (!id) throw new UserFacingError('Enter the client ID of your Intuit app.');
  // An empty secret field means "keep the saved one" (the page never sees it).
  await intuitAppItem.setValue({ clientId: id, clientSecret: clientSecret.trim() || current.clientSecret });
}

export async function connectQuickBooks(deps: ConnectionDeps): Promise<QuickBooksStatus> {
  const { services } = deps;
  const [app, env, endpoints, syncedRealm] = await Promise.all([
    services.intuitApp(),
    environmentItem.getValue(),
    services.endpoints(),
    syncedRealmItem.getValue(),
  ]);
  if (!app.clientId || !app.clientSecret)
    throw new UserFacingError('Enter your Intuit app’s client ID and secret, then Connect.');
  try {
    const grant = await authorizeQuickBooks({
      authorizeEndpoint: endpoints.authorize,
      clientId: app.clientId,
      launch: deps.launch,
    });
    if (syncedRealm && syncedRealm !== grant.realmId && (await deps.hasLinks())) {
      throw new UserFacingError(
        `You chose another QuickBooks company than the one this extension keeps in sync (company ${syncedRealm}). Connect that company, or restore a backup made for the new one.`,
      );
    }
    const tokens = await exchangeCode({
      ...app,
      code: grant.code,
      codeVerifier: grant.codeVerifier,
      redirectUri: grant.redirectUri,
      realmId: grant.realmId,
    });
    // Ask the company's name with the new tokens before storing anything: a connection that
    // cannot read its company is not one.
    const probe = createIntuitTokenSource({ store: memoryTokenStore(tokens), refresh: async () => tokens });
    const companyName = await (await services.quickBooksFor(grant.realmId, probe))
      .companyName()
      .catch(() => '');
    await services.tokens.set(tokens);
    await quickBooksItem.setValue({
      realmId: grant.realmId,
      companyName,
      environment: env.environment,
      connectedAt: deps.now().toISOString(),
      needsReconnect: false,
    });
    await syncedRealmItem.setValue(grant.realmId);
  } catch (e) {
    if (e instanceof UserFacingError) throw e;
    if (e instanceof AuthError) throw new UserFacingError(e.message, { cause: e });
    throw e;
  }
  return (await getConnections(services)).quickBooks;
}

/** Revokes at Intuit (so the grant is really gone), then forgets the tokens here whatever Intuit said. */
export async function disconnectQuickBooks(services: Services): Promise<{ revoked: boolean }> {
  const tokens = await services.tokens.get();
  let revoked = true;
  if (tokens) {
    try {
      await revokeToken({ ...(await services.intuitApp()), token: tokens.refreshToken });
    } catch {
      // Already expired or revoked, or Intuit unreachable: the local disconnect still happens.
      revoked = false;
    }
  }
  await services.tokens.clear();
  await quickBooksItem.removeValue();
  return { revoked };
}

export async function saveKarbonKeys(
  deps: ConnectionDeps,
  bearerToken: string,
  accessKey: string,
): Promise<KarbonStatus> {
  const keys = { bearerToken: bearerToken.trim(), accessKey: accessKey.trim() };
  if (!keys.bearerToken || !keys.accessKey)
    throw new UserFacingError('Enter both the API bearer token and the access key.');
  let info: { tenantName: string; contactTypes: string[] };
  try {
    info = await deps.services.checkKarbon(keys);
  } catch (e) {
    if (e instanceof AuthError) {
      throw new UserFacingError(
        'Karbon rejected the bearer token or the access key. Copy both again from Karbon → Settings → Connected Apps.',
        { cause: e },
      );
    }
    throw e;
  }
  const env = await environmentItem.getValue();
  await karbonItem.setValue({
    ...keys,
    tenantName: info.tenantName || 'Karbon',
    contactTypes: info.contactTypes,
    environment: env.environment,
    connectedAt: deps.now().toISOString(),
    rejected: false,
  });
  return (await getConnections(deps.services)).karbon;
}

export async function disconnectKarbon(): Promise<void> {
  await karbonItem.removeValue();
}

/** A connection refused by its service during a run: shown as "Reconnect" / "Update key". */
export async function markRejected(service: Service): Promise<void> {
  if (service === 'quickbooks') {
    const qb = await quickBooksItem.getValue();
    if (qb && !qb.needsReconnect) await quickBooksItem.setValue({ ...qb, needsReconnect: true });
  } else {
    const k = await karbonItem.getValue();
    if (k && !k.rejected) await karbonItem.setValue({ ...k, rejected: true });
  }
}

const credentialsSchema = z.object({
  intuit: z.object({ clientId: z.string(), clientSecret: z.string() }),
  karbon: z.object({ bearerToken: z.string(), accessKey: z.string() }),
});

/** Sandbox builds: the local sandbox's demo Intuit app and Karbon keys, so a demo needs no typing. */
export async function useSandboxCredentials(deps: ConnectionDeps): Promise<void> {
  const env = await environmentItem.getValue();
  if (!IS_SANDBOX_BUILD || env.environment !== 'local')
    throw new UserFacingError('Demo credentials exist only for the local sandbox.');
  let body: unknown;
  try {
    const res = await fetch(`${normaliseSandboxUrl(env.sandboxUrl)}/__sandbox/credentials`);
    body = await res.json();
  } catch {
    throw new UserFacingError(
      `No sandbox answers at ${env.sandboxUrl}. Start it with \`npm start\` or correct the address.`,
    );
  }
  const parsed = credentialsSchema.safeParse(body);
  if (!parsed.success)
    throw new UserFacingError(
      `The server at ${env.sandboxUrl} is not the sandbox (its credentials are not in the expected shape).`,
    );
  await saveIntuitApp(parsed.data.intuit.clientId, parsed.data.intuit.clientSecret);
  if (!(await karbonItem.getValue()))
    await saveKarbonKeys(deps, parsed.data.karbon.bearerToken, parsed.data.karbon.accessKey);
}

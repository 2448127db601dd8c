// The two services as the background reaches them now: ports built from the stored connections,
// rebuilt when the environment or the QuickBooks company changes, Karbon keys and QuickBooks
// tokens read on every request. One request counter for the engine's run reports.
import { extensionTokenStore } from '../auth/extension-token-store';
import { type IntuitApp, type IntuitTokenSource, intuitTokenSource } from '../auth/intuit';
import type { TokenStore } from '../auth/token-store';
import { AuthError } from '../errors';
import { RequestCounter } from '../http/counter';
import { createKarbonPort } from '../karbon/port';
import { createQuickBooksPort } from '../quickbooks/port';
import type { KarbonPort, QuickBooksPort } from '../sync/ports';
import { type Endpoints, endpointsFor } from './environments';
import { environmentItem, intuitAppItem, karbonItem, quickBooksItem } from './store';

export interface Services {
  counter: RequestCounter;
  tokens: TokenStore;
  endpoints(): Promise<Endpoints>;
  intuitApp(): Promise<IntuitApp>;
  quickBooks(): Promise<QuickBooksPort>;
  karbon(): Promise<KarbonPort>;
  /** One TenantSettings request with these keys, before they are saved. */
  checkKarbon(keys: {
    bearerToken: string;
    accessKey: string;
  }): Promise<{ tenantName: string; contactTypes: string[] }>;
  /** A port for a company being connected, before its connection is stored. */
  quickBooksFor(realmId: string, source: IntuitTokenSource): Promise<QuickBooksPort>;
}

export function createServices(fetchFn: typeof fetch = (...a) => globalThis.fetch(...a)): Services {
  const counter = new RequestCounter();
  const tokens = extensionTokenStore();
  let cachedQuickBooks: { key: string; port: QuickBooksPort } | null = null;
  let cachedKarbon: { key: string; port: KarbonPort } | null = null;

  async function endpoints(): Promise<Endpoints> {
    const env = await environmentItem.getValue();
    return endpointsFor(env.environment, env.sandboxUrl);
  }

  async function intuitApp(): Promise<IntuitApp> {
    const [e, app] = await Promise.all([endpoints(), intuitAppItem.getValue()]);
    return {
      endpoints: { token: e.token, revoke: e.revoke },
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      fetch: fetchFn,
      counter,
    };
  }

  async function quickBooksFor(realmId: string, source: IntuitTokenSource): Promise<QuickBooksPort> {
    const e = await endpoints();
    return createQuickBooksPort({ baseUrl: e.quickBooks, realmId, tokens: source, fetch: fetchFn, counter });
  }

  return {
    counter,
    tokens,
    endpoints,
    intuitApp,
    quickBooksFor,
    async quickBooks() {
      const [conn, e, app] = await Promise.all([
        quickBooksItem.getValue(),
        endpoints(),
        intuitAppItem.getValue(),
      ]);
      if (!conn) throw new AuthError('quickbooks', 'QuickBooks is not connected');
      const key = JSON.stringify([e.quickBooks, e.token, conn.realmId, app.clientId, app.clientSecret]);
      if (cachedQuickBooks?.key !== key) {
        const source = intuitTokenSource(tokens, await intuitApp());
        cachedQuickBooks = { key, port: await quickBooksFor(conn.realmId, source) };
      }
      return cachedQuickBooks.port;
    },
    async karbon() {
      const e = await endpoints();
      if (cachedKarbon?.key !== e.karbon) {
        const port = createKarbonPort({
          baseUrl: e.karbon,
          fetch: fetchFn,
          counter,
          // Read per request: new keys saved in Connections apply to the next request.
          credentials: async () => {
            const k = await karbonItem.getValue();
            if (!k) throw new AuthError('karbon', 'Karbon is not connected');
            return { bearerToken: k.bearerToken, accessKey: k.accessKey };
          },
        });
        cachedKarbon = { key: e.karbon, port };
      }
      return cachedKarbon.port;
    },
    async checkKarbon(keys) {
      const e = await endpoints();
      const port = createKarbonPort({
        baseUrl: e.karbon,
        fetch: fetchFn,
        counter,
        bearerToken: keys.bearerToken,
        accessKey: keys.accessKey,
      });
      return port.connection();
    },
  };
}

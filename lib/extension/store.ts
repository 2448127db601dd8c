// The extension's own storage items (chrome.storage.local), declared once and versioned.
// Secrets (client secret, tokens, Karbon keys) live only here: never in Dexie, exports or logs.
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SANDBOX_URL, defaultEnvironment, type Environment } from './environments';

export interface EnvironmentSetting {
  environment: Environment;
  /** Used when environment is 'local'. */
  sandboxUrl: string;
}

/** The firm's own Intuit app credentials (https://developer.intuit.com → Keys). */
export interface IntuitAppCredentials {
  clientId: string;
  clientSecret: string;
}

export interface QuickBooksConnection {
  realmId: string;
  companyName: string;
  environment: Environment;
  connectedAt: string;
  /** Set when QuickBooks refused the authorization: a person must reconnect. */
  needsReconnect: boolean;
}

export interface KarbonConnection {
  bearerToken: string;
  accessKey: string;
  tenantName: string;
  contactTypes: string[];
  environment: Environment;
  connectedAt: string;
  /** Set when Karbon rejected the keys after they were saved. */
  rejected: boolean;
}

export const environmentItem = storage.defineItem<EnvironmentSetting>('local:environment', {
  fallback: { environment: defaultEnvironment(), sandboxUrl: DEFAULT_SANDBOX_URL },
  version: 1,
});

export const intuitAppItem = storage.defineItem<IntuitAppCredentials>('local:intuitApp', {
  fallback: { clientId: '', clientSecret: '' },
  version: 1,
});

export const quickBooksItem = storage.defineItem<QuickBooksConnection | null>('local:quickBooks', {
  fallback: null,
  version: 1,
});

export const karbonItem = storage.defineItem<KarbonConnection | null>('local:karbon', {
  fallback: null,
  version: 1,
});

/**
 * The QuickBooks company this browser's sync state belongs to. Kept across Disconnect, so a
 * reconnect to another company cannot mix its customers with the links of the first.
 */
export const syncedRealmItem = storage.defineItem<string | null>('local:syncedRealm', {
  fallback: null,
  version: 1,
});

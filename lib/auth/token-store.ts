// Where the QuickBooks tokens live. The extension keeps them in chrome.storage
// (lib/auth/extension-token-store.ts), the CLI in its state file, tests in memory. `set` replaces
// the whole record at once: a rotated refresh token is never stored apart from its access token.

export interface IntuitTokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  /** When the refresh token expires, if Intuit said (ms since the epoch). */
  refreshExpiresAt: number | null;
  /** The QuickBooks company these tokens open. */
  realmId: string;
}

export interface TokenStore {
  get(): Promise<IntuitTokens | null>;
  set(tokens: IntuitTokens): Promise<void>;
  clear(): Promise<void>;
}

export function memoryTokenStore(initial: IntuitTokens | null = null): TokenStore {
  let tokens = initial ? { ...initial } : null;
  return {
    async get() {
      return tokens ? { ...tokens } : null;
    },
    async set(next) {
      tokens = { ...next };
    },
    async clear() {
      tokens = null;
    },
  };
}

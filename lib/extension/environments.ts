// Where each environment's services live. The local sandbox exists only in sandbox builds
// (`wxt build --mode sandbox`), whose host permissions include 127.0.0.1.

export type Environment = 'production' | 'intuit-sandbox' | 'local';

export interface Endpoints {
  authorize: string;
  token: string;
  revoke: string;
  /** QuickBooks host; the client appends /v3/company/{realmId}/... */
  quickBooks: string;
  /** Karbon base, ending in /v3. */
  karbon: string;
}

export const IS_SANDBOX_BUILD = import.meta.env.MODE === 'sandbox';
export const DEFAULT_SANDBOX_URL = 'http://127.0.0.1:8787';

const INTUIT_OAUTH = {
  authorize: 'https://appcenter.intuit.com/connect/oauth2',
  token: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
  revoke: 'https://developer.api.intuit.com/v2/oauth2/tokens/revoke',
};
const KARBON = 'https://api.karbonhq.com/v3';

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  production: 'QuickBooks Online (production)',
  'intuit-sandbox': 'Intuit developer sandbox company',
  local: 'Local sandbox',
};

export function availableEnvironments(sandboxBuild = IS_SANDBOX_BUILD): Environment[] {
  return sandboxBuild ? ['local', 'production', 'intuit-sandbox'] : ['production', 'intuit-sandbox'];
}

export function defaultEnvironment(sandboxBuild = IS_SANDBOX_BUILD): Environment {
  return sandboxBuild ? 'local' : 'production';
}

/**
 * The sandbox URL must be a plain 127.0.0.1 origin: it is the only local host the sandbox
 * build may reach (`localhost` is a different host for host_permissions).
 */
export function normaliseSandboxUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error('Enter the sandbox address, for example http://127.0.0.1:8787');
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
    throw new Error(
      'The sandbox address must start with http://127.0.0.1: (the only local host this build may reach)',
    );
  }
  return url.origin;
}

export function endpointsFor(environment: Environment, sandboxUrl: string): Endpoints {
  switch (environment) {
    case 'production':
      return { ...INTUIT_OAUTH, quickBooks: 'https://quickbooks.api.intuit.com', karbon: KARBON };
    case 'intuit-sandbox':
      return { ...INTUIT_OAUTH, quickBooks: 'https://sandbox-quickbooks.api.intuit.com', karbon: KARBON };
    case 'local': {
      const base = normaliseSandboxUrl(sandboxUrl);
      return {
        authorize: `${base}/intuit/connect/oauth2`,
        token: `${base}/intuit/oauth2/v1/tokens/bearer`,
        revoke: `${base}/intuit/v2/oauth2/tokens/revoke`,
        quickBooks: `${base}/qbo`,
        karbon: `${base}/karbon/v3`,
      };
    }
  }
}

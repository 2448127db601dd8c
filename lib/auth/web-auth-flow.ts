// The first half of "Connect QuickBooks": Intuit's authorize page in a browser window
// (chrome.identity.launchWebAuthFlow), authorization code + PKCE + state, realmId read from the
// redirect. The code exchange is the second half (lib/auth/intuit.ts, in the background only:
// Intuit's token endpoint sends no CORS headers — shared/spec/qbo-api.md "OAuth 2.0").
import * as oauth from 'oauth4webapi';
import { browser } from 'wxt/browser';
import { AuthError } from '../errors';

export const QUICKBOOKS_SCOPE = 'com.intuit.quickbooks.accounting';

export interface AuthorizationGrant {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  /** The QuickBooks company the person picked on Intuit's page. */
  realmId: string;
}

export interface AuthorizeOptions {
  authorizeEndpoint: string;
  clientId: string;
  /** Opens the window and resolves with the final redirect URL (injected in unit tests). */
  launch?: (url: string) => Promise<string | undefined>;
  redirectUri?: string;
}

function launchInBrowser(url: string): Promise<string | undefined> {
  return browser.identity.launchWebAuthFlow({ url, interactive: true });
}

/** Chromium's words when the person closes the window: "The user did not approve access." */
function describeLaunchFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/did not approve|closed/i.test(text)) return 'The Intuit window was closed before access was approved.';
  if (/one web auth flow/i.test(text)) return 'An Intuit window is already open: finish or close it first.';
  if (/could not be loaded/i.test(text))
    return 'The Intuit sign-in page could not be loaded. Check the address and your connection.';
  return 'The Intuit sign-in window failed. Try Connect again.';
}

export function buildAuthorizeUrl(p: {
  authorizeEndpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
}): string {
  const url = new URL(p.authorizeEndpoint);
  url.searchParams.set('client_id', p.clientId);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', QUICKBOOKS_SCOPE);
  url.searchParams.set('redirect_uri', p.redirectUri);
  url.searchParams.set('state', p.state);
  url.searchParams.set('code_challenge', p.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
}

export async function authorizeQuickBooks(opts: AuthorizeOptions): Promise<AuthorizationGrant> {
  if (!opts.clientId)
    throw new AuthError('quickbooks', 'Enter your Intuit app’s client ID and secret first.');
  const redirectUri = opts.redirectUri ?? browser.identity.getRedirectURL();
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = buildAuthorizeUrl({
    authorizeEndpoint: opts.authorizeEndpoint,
    clientId: opts.clientId,
    redirectUri,
    state,
    codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
  });

  let redirected: string | undefined;
  try {
    redirected = await (opts.launch ?? launchInBrowser)(url);
  } catch (error) {
    throw new AuthError('quickbooks', describeLaunchFailure(error), { cause: error });
  }
  if (!redirected)
    throw new AuthError('quickbooks', 'The Intuit window returned nothing. Try Connect again.');

  const as: oauth.AuthorizationServer = { issuer: new URL(opts.authorizeEndpoint).origin };
  const client: oauth.Client = { client_id: opts.clientId };
  const returned = new URL(redirected);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, returned, state);
  } catch (error) {
    const denied = returned.searchParams.get('error') === 'access_denied';
    throw new AuthError(
      'quickbooks',
      denied
        ? 'Access was denied on the Intuit page. Connect again and choose Approve.'
        : 'Intuit’s answer did not match this request (state check failed). Try Connect again.',
      { cause: error },
    );
  }
  const code = params.get('code');
  const realmId = returned.searchParams.get('realmId');
  if (!code || !realmId) {
    throw new AuthError('quickbooks', 'Intuit did not say which company was chosen. Try Connect again.');
  }
  return { code, codeVerifier, redirectUri, realmId };
}

import * as oauth from 'oauth4webapi';
import { describe, expect, it } from 'vitest';
import { authorizeQuickBooks } from '@/lib/auth/web-auth-flow';
import { AuthError } from '@/lib/errors';

const AUTHORIZE = 'http://127.0.0.1:9/intuit/connect/oauth2';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

/** Plays Intuit's authorize page: answers on the redirect URI with what `answer` adds. */
function intuit(answer: (req: URL, redirect: URL) => void) {
  const seen: URL[] = [];
  const launch = async (url: string) => {
    const req = new URL(url);
    seen.push(req);
    const redirect = new URL(req.searchParams.get('redirect_uri') ?? '');
    answer(req, redirect);
    return redirect.href;
  };
  return { launch, seen };
}

const approve = (req: URL, redirect: URL) => {
  redirect.searchParams.set('code', 'the-code');
  redirect.searchParams.set('state', req.searchParams.get('state') ?? '');
  redirect.searchParams.set('realmId', '9130350');
};

/** Connect QuickBooks with the app `clientId`, through `launch` (the browser's auth window). */
function authorize(launch: (url: string) => Promise<string>, clientId = 'app') {
  return authorizeQuickBooks({ authorizeEndpoint: AUTHORIZE, clientId, redirectUri: REDIRECT, launch });
}

describe('authorizeQuickBooks', () => {
  it('approved → code, realmId and the PKCE verifier that matches the challenge sent', async () => {
    const page = intuit(approve);
    const grant = await authorize(page.launch);
    expect(grant).toMatchObject({ code: 'the-code', realmId: '9130350', redirectUri: REDIRECT });
    const req = page.seen[0];
    expect(req?.searchParams.get('response_type')).toBe('code');
    expect(req?.searchParams.get('scope')).toBe('com.intuit.quickbooks.accounting');
    expect(req?.searchParams.get('client_id')).toBe('app');
    expect(req?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(req?.searchParams.get('code_challenge')).toBe(
      await oauth.calculatePKCECodeChallenge(grant.codeVerifier),
    );
    expect(req?.searchParams.get('state')?.length).toBeGreaterThan(20);
  });

  it('a redirect carrying another state is refused', async () => {
    const page = intuit((req, redirect) => {
      approve(req, redirect);
      redirect.searchParams.set('state', 'forged');
    });
    await expect(authorize(page.launch)).rejects.toThrow(/state check failed/);
  });

  it('Deny on Intuit’s page → an AuthError that says to choose Approve', async () => {
    const page = intuit((req, redirect) => {
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('state', req.searchParams.get('state') ?? '');
    });
    const failure = authorize(page.launch);
    await expect(failure).rejects.toBeInstanceOf(AuthError);
    await expect(failure).rejects.toThrow(/choose Approve/);
  });

  it('the window closed by the person → says so', async () => {
    const launch = () => Promise.reject(new Error('The user did not approve access.'));
    await expect(authorize(launch)).rejects.toThrow(/closed before access was approved/);
  });

  it('no realmId in the redirect → refused', async () => {
    const page = intuit((req, redirect) => {
      approve(req, redirect);
      redirect.searchParams.delete('realmId');
    });
    await expect(authorize(page.launch)).rejects.toThrow(/which company/);
  });

  it('no client id → asks for the Intuit app credentials before opening a window', async () => {
    const page = intuit(approve);
    await expect(authorize(page.launch, '')).rejects.toThrow(/client ID/);
    expect(page.seen).toHaveLength(0);
  });
});

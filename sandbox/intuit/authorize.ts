import type { SandboxContext, SandboxRequest, SandboxResponse } from '../core/types';
import { type AuthorizationRequest, type CodeStore, PKCE_TEXT } from './codes';
import { consentPage } from './consent-page';
import { escapeHtml, htmlPage, oauthHeaders } from './errors';
import { isRegisteredRedirect, redirectWith } from './redirects';

const ACCOUNTING = 'com.intuit.quickbooks.accounting';
/** Scopes Intuit knows (qbo-notes §1.2). Only accounting is emulated; the others are accepted. */
const KNOWN_SCOPES = new Set([
  ACCOUNTING,
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
  'intuit_name',
]);

/**
 * GET /connect/oauth2 (qbo-notes §1.3). A bad client_id or redirect_uri gets an error page (a
 * redirect would send the user to an unverified place); every other problem redirects back
 * with error=..., as RFC 6749 §4.1.2.1 says.
 */
export function authorize(
  req: SandboxRequest,
  ctx: SandboxContext,
  codes: CodeStore,
  realmId: () => string,
): SandboxResponse {
  const q = req.url.searchParams;
  const clientId = q.get('client_id');
  const redirectUri = q.get('redirect_uri');
  if (!clientId || clientId !== ctx.credentials.intuit.clientId) {
    return htmlPage(400, 'Error', '<h1>invalid_client</h1><p>The client_id is not a registered app.</p>');
  }
  if (!redirectUri || !isRegisteredRedirect(redirectUri)) {
    return htmlPage(
      400,
      'Error',
      `<h1>invalid_request</h1><p>The redirect_uri ${escapeHtml(redirectUri ?? '(missing)')} is not registered for this app.</p>`,
    );
  }
  const state = q.get('state');
  const back = (params: Record<string, string>) =>
    redirect(redirectWith(redirectUri, state ? { ...params, state } : params));
  if (q.get('response_type') !== 'code') {
    return back({ error: 'unsupported_response_type', error_description: 'response_type must be code' });
  }
  const scopes = (q.get('scope') ?? '').split(' ').filter((s) => s !== '');
  if (!scopes.includes(ACCOUNTING) || scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    return back({ error: 'invalid_scope', error_description: `scope must include ${ACCOUNTING}` });
  }
  if (!state) return back({ error: 'invalid_request', error_description: 'state is required' });
  const challenge = q.get('code_challenge');
  const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : null);
  if (method !== null && method !== 'S256' && method !== 'plain') {
    return back({
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256 or plain',
    });
  }
  if (method !== null && (!challenge || !PKCE_TEXT.test(challenge))) {
    return back({ error: 'invalid_request', error_description: 'code_challenge must be 43-128 characters' });
  }
  const request: AuthorizationRequest = { clientId, redirectUri, realmId: realmId(), state };
  if (challenge && (method === 'S256' || method === 'plain')) {
    request.codeChallenge = challenge;
    request.codeChallengeMethod = method;
  }
  if (ctx.config().consent === 'page') {
    return consentPage(codes.hold(request, ctx.clock.now()), ctx.credentials.qbo.companyName, scopes);
  }
  return approve(request, codes, ctx.clock.now());
}

/** POST /connect/oauth2/decision: the consent page's Approve or Deny. */
export function decide(req: SandboxRequest, ctx: SandboxContext, codes: CodeStore): SandboxResponse {
  const form = new URLSearchParams(req.body);
  const request = codes.release(form.get('request') ?? '', ctx.clock.now());
  if (!request)
    return htmlPage(400, 'Error', '<h1>This sign-in request has expired.</h1><p>Start again.</p>');
  if (form.get('decision') !== 'approve') {
    return redirect(
      redirectWith(request.redirectUri, {
        error: 'access_denied',
        error_description: 'The user denied access',
        state: request.state,
      }),
    );
  }
  return approve(request, codes, ctx.clock.now());
}

function approve(request: AuthorizationRequest, codes: CodeStore, nowMs: number): SandboxResponse {
  const code = codes.issue(request, nowMs);
  return redirect(
    redirectWith(request.redirectUri, { code, state: request.state, realmId: request.realmId }),
  );
}

function redirect(location: string): SandboxResponse {
  return { status: 302, headers: oauthHeaders({ location }) };
}

import type { IssuedTokens, TokenRegistry } from '../core/tokens';
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../core/types';
import { authenticateClient } from './client-auth';
import { type CodeStore, PKCE_TEXT, verifierMatches } from './codes';
import { oauthError, oauthJson } from './errors';

/**
 * POST /oauth2/v1/tokens/bearer (qbo-notes §1.4): form-encoded, client secret required,
 * authorization_code (redirect_uri must match, PKCE checked when a challenge was sent, codes
 * single-use) and refresh_token (a new refresh token every time; the old one then fails).
 */
export function token(
  req: SandboxRequest,
  ctx: SandboxContext,
  codes: CodeStore,
  tokens: TokenRegistry,
): SandboxResponse {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(req.body);
  const client = authenticateClient(req, form, ctx.credentials.intuit, true);
  if ('status' in client) return client;
  const grantType = form.get('grant_type');
  const now = ctx.clock.now();
  const hard = req.headers['x-include-refresh-token-hard-expires-in'] === 'true';

  if (grantType === 'authorization_code') {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    if (!code) return oauthError(400, 'invalid_request', 'code is required');
    if (!redirectUri) return oauthError(400, 'invalid_request', 'redirect_uri is required');
    const redeemed = codes.redeem(code, client.clientId, now);
    if (!redeemed.ok) {
      if (redeemed.replayedToken) tokens.revoke(redeemed.replayedToken, client.clientId);
      return oauthError(400, 'invalid_grant', redeemed.reason);
    }
    const { request, record } = redeemed;
    if (redirectUri !== request.redirectUri) {
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
    }
    const verifier = form.get('code_verifier');
    if (request.codeChallenge && request.codeChallengeMethod) {
      if (!verifier || !PKCE_TEXT.test(verifier))
        return oauthError(400, 'invalid_grant', 'code_verifier is required');
      if (!verifierMatches(verifier, request.codeChallenge, request.codeChallengeMethod)) {
        return oauthError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
      }
    } else if (verifier !== null) {
      return oauthError(
        400,
        'invalid_grant',
        'code_verifier sent but the authorization request had no code_challenge',
      );
    }
    const issued = tokens.issue(client.clientId, request.realmId);
    record.issuedAccessToken = issued.accessToken;
    return success(issued, hard);
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token');
    if (!refreshToken) return oauthError(400, 'invalid_request', 'refresh_token is required');
    const result = tokens.refreshWith(refreshToken, client.clientId);
    if ('error' in result) return oauthError(400, result.error, result.description);
    return success(result, hard);
  }
  if (!grantType) return oauthError(400, 'invalid_request', 'grant_type is required');
  return oauthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
}

function success(t: IssuedTokens, includeHard: boolean): SandboxResponse {
  const body: Record<string, unknown> = {
    token_type: 'bearer',
    access_token: t.accessToken,
    refresh_token: t.refreshToken,
    expires_in: t.expiresIn,
    x_refresh_token_expires_in: t.refreshExpiresIn,
  };
  if (includeHard) body.x_refresh_token_hard_expires_in = t.refreshHardExpiresIn;
  return oauthJson(200, body);
}

import type { TokenRegistry } from '../core/tokens';
import type { SandboxContext, SandboxRequest, SandboxResponse } from '../core/types';
import { authenticateClient } from './client-auth';
import { oauthError, oauthHeaders } from './errors';

/**
 * POST /v2/oauth2/tokens/revoke (qbo-notes §1.6): HTTP Basic, JSON body {"token"}. Revoking
 * either token ends the connection. An unknown token still answers 200 (RFC 7009 §2.2).
 */
export function revoke(req: SandboxRequest, ctx: SandboxContext, tokens: TokenRegistry): SandboxResponse {
  const client = authenticateClient(req, null, ctx.credentials.intuit, false);
  if ('status' in client) return client;
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/json');
  }
  let token: unknown;
  try {
    const body: unknown = JSON.parse(req.body);
    token = typeof body === 'object' && body !== null && 'token' in body ? body.token : undefined;
  } catch {
    return oauthError(400, 'invalid_request', 'The body must be JSON {"token": "..."}');
  }
  if (typeof token !== 'string' || token === '')
    return oauthError(400, 'invalid_request', 'token is required');
  tokens.revoke(token, client.clientId);
  return { status: 200, headers: oauthHeaders() };
}

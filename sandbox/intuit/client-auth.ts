import { timingSafeEqual } from 'node:crypto';
import type { SandboxCredentials, SandboxRequest, SandboxResponse } from '../core/types';
import { oauthError } from './errors';

/**
 * Client authentication at the token endpoint. Intuit's discovery document advertises
 * client_secret_basic and client_secret_post (qbo-notes §1.7), so both work; using both at once,
 * or neither, is refused. The client secret is always required (no public clients).
 */
export function authenticateClient(
  req: SandboxRequest,
  form: URLSearchParams | null,
  creds: SandboxCredentials['intuit'],
  allowPost: boolean,
): { clientId: string } | SandboxResponse {
  const header = req.headers.authorization;
  const postId = form?.get('client_id') ?? null;
  const postSecret = form?.get('client_secret') ?? null;
  let id: string;
  let secret: string;
  if (header !== undefined) {
    if (allowPost && postSecret !== null) {
      return oauthError(400, 'invalid_request', 'Use one client authentication method, not two');
    }
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = m?.[1] ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return oauthError(401, 'invalid_client', 'Client authentication failed');
    id = safeDecode(decoded.slice(0, colon));
    secret = safeDecode(decoded.slice(colon + 1));
  } else if (allowPost && postId !== null && postSecret !== null) {
    id = postId;
    secret = postSecret;
  } else {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  if (id !== creds.clientId || !sameText(secret, creds.clientSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed');
  }
  return { clientId: id };
}

/** RFC 6749 §2.3.1 form-encodes the id and secret before Basic encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function sameText(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

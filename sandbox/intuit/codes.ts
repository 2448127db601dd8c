import { createHash } from 'node:crypto';
import { randomLowerAlnum, randomText } from '../core/random';

/** Authorization codes live 5 minutes (a third-party account; qbo-notes §1.3 UNCONFIRMED). */
const CODE_TTL_MS = 5 * 60 * 1000;

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  realmId: string;
  state: string;
  codeChallenge?: string;
  codeChallengeMethod?: 'S256' | 'plain';
}

interface CodeRecord extends AuthorizationRequest {
  expiresAt: number;
  used: boolean;
  /** The access token the code bought, revoked if the code is replayed (RFC 6749 §4.1.2). */
  issuedAccessToken?: string;
}

export type Redemption =
  | { ok: true; request: AuthorizationRequest; record: CodeRecord }
  | { ok: false; reason: string; replayedToken?: string };

export class CodeStore {
  private codes = new Map<string, CodeRecord>();
  private pending = new Map<string, { request: AuthorizationRequest; expiresAt: number }>();

  issue(request: AuthorizationRequest, nowMs: number): string {
    // Shaped like Intuit's "AB11…" codes, well under the documented 512 characters.
    const code = `AB11${Math.floor(nowMs / 1000)}${randomText(38)}`;
    this.codes.set(code, { ...request, expiresAt: nowMs + CODE_TTL_MS, used: false });
    return code;
  }

  redeem(code: string, clientId: string, nowMs: number): Redemption {
    const rec = this.codes.get(code);
    if (!rec || rec.clientId !== clientId) return { ok: false, reason: 'Invalid authorization code' };
    if (rec.used)
      return {
        ok: false,
        reason: 'Authorization code has already been used',
        replayedToken: rec.issuedAccessToken,
      };
    if (nowMs >= rec.expiresAt) return { ok: false, reason: 'Authorization code has expired' };
    rec.used = true;
    return { ok: true, request: rec, record: rec };
  }

  /** A consent page waiting for Approve or Deny. */
  hold(request: AuthorizationRequest, nowMs: number): string {
    const id = randomLowerAlnum(24);
    this.pending.set(id, { request, expiresAt: nowMs + 30 * 60 * 1000 });
    return id;
  }

  release(id: string, nowMs: number): AuthorizationRequest | undefined {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    return entry && nowMs < entry.expiresAt ? entry.request : undefined;
  }
}

/** RFC 7636 §4.6. */
export function verifierMatches(verifier: string, challenge: string, method: 'S256' | 'plain'): boolean {
  if (method === 'plain') return verifier === challenge;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

/** RFC 7636 §4.1: 43–128 unreserved characters (also the shape of an S256 challenge). */
export const PKCE_TEXT = /^[A-Za-z0-9._~-]{43,128}$/;

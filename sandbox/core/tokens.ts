import { randomLowerAlnum, randomText } from './random';
import type { SandboxClock } from './types';

/** Lifetimes Intuit states (qbo-api.md "OAuth 2.0"), in seconds. */
const ACCESS_TOKEN_TTL_S = 3600;
const REFRESH_TOKEN_TTL_S = 8_726_400;
/** Intuit's 5-year cap on a connection (RefreshTokenHardExpirationService.java: 157,680,000 s). */
const REFRESH_HARD_TTL_S = 157_680_000;

/** One connection: a client authorised for one company. Revoking any of its tokens ends it. */
interface Grant {
  clientId: string;
  realmId: string;
  hardExpiresAt: number;
  revoked: boolean;
}

interface AccessRecord {
  grant: Grant;
  expiresAt: number;
}

interface RefreshRecord {
  grant: Grant;
  expiresAt: number;
  rotated: boolean;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds, measured on the sandbox clock. */
  expiresIn: number;
  refreshExpiresIn: number;
  refreshHardExpiresIn: number;
}

export type AccessCheck =
  | { ok: true; realmId: string; clientId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export type RefreshResult = IssuedTokens | { error: 'invalid_grant'; description: string };

/**
 * Every access and refresh token the Intuit emulator issued, shared with the QuickBooks
 * emulator, which checks bearer tokens here. All times are sandbox-clock times.
 */
export class TokenRegistry {
  private access = new Map<string, AccessRecord>();
  private refresh = new Map<string, RefreshRecord>();

  constructor(private readonly clock: SandboxClock) {}

  /** A new connection (authorization-code exchange). */
  issue(clientId: string, realmId: string): IssuedTokens {
    const grant: Grant = {
      clientId,
      realmId,
      hardExpiresAt: this.clock.now() + REFRESH_HARD_TTL_S * 1000,
      revoked: false,
    };
    return this.issuePair(grant, newAccessToken(), newRefreshToken(this.clock.now()));
  }

  /**
   * Registers the fixed demo tokens as a fresh connection (start-up and PUT /__sandbox/state).
   * Tokens a client already rotated away from them keep working: a new state is not a logout.
   */
  installFixed(clientId: string, realmId: string, accessToken: string, refreshToken: string): void {
    const grant: Grant = {
      clientId,
      realmId,
      hardExpiresAt: this.clock.now() + REFRESH_HARD_TTL_S * 1000,
      revoked: false,
    };
    this.issuePair(grant, accessToken, refreshToken);
  }

  checkAccess(token: string): AccessCheck {
    const rec = this.access.get(token);
    if (!rec) return { ok: false, reason: 'unknown' };
    if (rec.grant.revoked) return { ok: false, reason: 'revoked' };
    if (this.clock.now() >= rec.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, realmId: rec.grant.realmId, clientId: rec.grant.clientId };
  }

  /** The refresh grant: always a new refresh token; the one presented stops working. */
  refreshWith(token: string, clientId: string): RefreshResult {
    const rec = this.refresh.get(token);
    const now = this.clock.now();
    if (!rec || rec.grant.clientId !== clientId) return invalidGrant('Token invalid');
    if (rec.grant.revoked || rec.rotated || now >= rec.expiresAt || now >= rec.grant.hardExpiresAt) {
      return invalidGrant('Token has been expired or revoked.');
    }
    rec.rotated = true;
    return this.issuePair(rec.grant, newAccessToken(), newRefreshToken(now));
  }

  /** Revokes the connection the token belongs to. False when the token is unknown to this client. */
  revoke(token: string, clientId: string): boolean {
    const rec = this.refresh.get(token) ?? this.access.get(token);
    if (!rec || rec.grant.clientId !== clientId) return false;
    rec.grant.revoked = true;
    return true;
  }

  expireAllAccess(): void {
    const now = this.clock.now();
    for (const rec of this.access.values()) rec.expiresAt = Math.min(rec.expiresAt, now);
  }

  revokeAll(): void {
    for (const rec of this.access.values()) rec.grant.revoked = true;
    for (const rec of this.refresh.values()) rec.grant.revoked = true;
  }

  private issuePair(grant: Grant, accessToken: string, refreshToken: string): IssuedTokens {
    const now = this.clock.now();
    const accessExpires = now + ACCESS_TOKEN_TTL_S * 1000;
    const refreshExpires = Math.min(now + REFRESH_TOKEN_TTL_S * 1000, grant.hardExpiresAt);
    this.access.set(accessToken, { grant, expiresAt: accessExpires });
    this.refresh.set(refreshToken, { grant, expiresAt: refreshExpires, rotated: false });
    return {
      accessToken,
      refreshToken,
      expiresIn: ACCESS_TOKEN_TTL_S,
      refreshExpiresIn: Math.floor((refreshExpires - now) / 1000),
      refreshHardExpiresIn: Math.floor((grant.hardExpiresAt - now) / 1000),
    };
  }
}

function invalidGrant(description: string): RefreshResult {
  return { error: 'invalid_grant', description };
}

/** Shaped like Intuit's (a compact JWE: header..iv.ciphertext.tag); opaque to clients. */
function newAccessToken(): string {
  return `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${randomText(22)}.${randomText(320)}.${randomText(22)}`;
}

function newRefreshToken(nowMs: number): string {
  return `RT1-${10 + Math.floor(Math.random() * 90)}-H0-${Math.floor(nowMs / 1000)}${randomLowerAlnum(20)}`;
}

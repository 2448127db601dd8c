import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
import { TokenRegistry } from './tokens';

function setup() {
  let real = 1_700_000_000_000;
  const clock = createClock(() => real);
  return { tokens: new TokenRegistry(clock), clock, tick: (ms: number) => (real += ms) };
}

describe('TokenRegistry', () => {
  it('access tokens expire after 3600 s of sandbox time', () => {
    const { tokens, clock } = setup();
    const t = tokens.issue('client', '123');
    clock.advance(3_599_999);
    expect(tokens.checkAccess(t.accessToken)).toEqual({ ok: true, realmId: '123', clientId: 'client' });
    clock.advance(1);
    expect(tokens.checkAccess(t.accessToken)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refresh rotates; the presented token then fails; another client cannot use it', () => {
    const { tokens } = setup();
    const t = tokens.issue('client', '123');
    expect(tokens.refreshWith(t.refreshToken, 'other')).toHaveProperty('error', 'invalid_grant');
    const next = tokens.refreshWith(t.refreshToken, 'client');
    expect(next).toHaveProperty('refreshToken');
    expect(tokens.refreshWith(t.refreshToken, 'client')).toHaveProperty('error', 'invalid_grant');
  });

  it('refresh tokens expire after 8 726 400 s unused; revoking one token ends the connection', () => {
    const { tokens, clock } = setup();
    const old = tokens.issue('client', '1');
    clock.advance(8_726_400_000);
    expect(tokens.refreshWith(old.refreshToken, 'client')).toHaveProperty('error', 'invalid_grant');
    const t = tokens.issue('client', '1');
    expect(tokens.revoke(t.accessToken, 'client')).toBe(true);
    expect(tokens.checkAccess(t.accessToken)).toEqual({ ok: false, reason: 'revoked' });
    expect(tokens.refreshWith(t.refreshToken, 'client')).toHaveProperty('error', 'invalid_grant');
  });

  it('reports the remaining lifetimes, the hard cap counting from the first authorization', () => {
    const { tokens, clock } = setup();
    const t = tokens.issue('client', '1');
    expect(t).toMatchObject({
      expiresIn: 3600,
      refreshExpiresIn: 8_726_400,
      refreshHardExpiresIn: 157_680_000,
    });
    clock.advance(1000 * 1000);
    const next = tokens.refreshWith(t.refreshToken, 'client');
    expect(next).toMatchObject({ refreshExpiresIn: 8_726_400, refreshHardExpiresIn: 157_679_000 });
  });
});

describe('the fixed demo tokens', () => {
  it('re-installing them re-arms them without logging out tokens rotated from them', () => {
    const { tokens } = setup();
    tokens.installFixed('client', '1', 'demo-access', 'demo-refresh');
    const rotated = tokens.refreshWith('demo-refresh', 'client');
    if ('error' in rotated) throw new Error('refresh failed');
    expect(tokens.refreshWith('demo-refresh', 'client')).toHaveProperty('error', 'invalid_grant');
    tokens.installFixed('client', '1', 'demo-access', 'demo-refresh');
    expect(tokens.refreshWith('demo-refresh', 'client')).toHaveProperty('refreshToken');
    expect(tokens.checkAccess(rotated.accessToken)).toMatchObject({ ok: true });
  });
});

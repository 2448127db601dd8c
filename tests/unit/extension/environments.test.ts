// Where each environment's services live: production and Intuit's sandbox company in every
// build, the local sandbox only in sandbox builds and only on 127.0.0.1.
import { describe, expect, it } from 'vitest';
import {
  availableEnvironments,
  defaultEnvironment,
  endpointsFor,
  normaliseSandboxUrl,
} from '@/lib/extension/environments';

describe('environments', () => {
  it('production and the Intuit sandbox company share Intuit’s OAuth and Karbon; only the QuickBooks host differs', () => {
    const prod = endpointsFor('production', '');
    const dev = endpointsFor('intuit-sandbox', '');
    expect(prod.quickBooks).toBe('https://quickbooks.api.intuit.com');
    expect(dev.quickBooks).toBe('https://sandbox-quickbooks.api.intuit.com');
    expect(prod.authorize).toBe('https://appcenter.intuit.com/connect/oauth2');
    expect({ ...prod, quickBooks: '' }).toEqual({ ...dev, quickBooks: '' });
    expect(prod.karbon).toBe('https://api.karbonhq.com/v3');
  });

  it('the local sandbox: every endpoint under the address given', () => {
    const local = endpointsFor('local', 'http://127.0.0.1:9000/');
    expect(Object.values(local).every((u) => u.startsWith('http://127.0.0.1:9000/'))).toBe(true);
    expect(local.karbon).toBe('http://127.0.0.1:9000/karbon/v3');
  });

  it('production builds offer no local sandbox; sandbox builds start on it', () => {
    expect(availableEnvironments(false)).toEqual(['production', 'intuit-sandbox']);
    expect(availableEnvironments(true)).toContain('local');
    expect(defaultEnvironment(false)).toBe('production');
    expect(defaultEnvironment(true)).toBe('local');
  });

  it.each(['http://localhost:8787', 'https://127.0.0.1:8787', 'ftp://127.0.0.1', 'not a url'])(
    'a sandbox address %s is refused (only http://127.0.0.1 is in the build’s permissions)',
    (url) => {
      expect(() => normaliseSandboxUrl(url)).toThrow(/127\.0\.0\.1/);
    },
  );
});

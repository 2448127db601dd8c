// The two builds' permissions (issue 5 "Builds"): production reaches Intuit's and Karbon's hosts
// only; the sandbox build adds the local sandbox on 127.0.0.1. Nothing else may reach the worker.
import { describe, expect, it } from 'vitest';
import config from '../../../wxt.config';

type Manifest = Record<string, unknown> & { host_permissions?: string[]; permissions?: string[] };

async function manifestFor(mode: 'production' | 'sandbox'): Promise<Manifest> {
  const m = config.manifest;
  if (typeof m !== 'function')
    throw new Error('wxt.config.ts: manifest is expected as a function of the mode');
  return (await m({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' })) as Manifest;
}

const INTUIT_AND_KARBON = /^https:\/\/([a-z-]+\.)*(intuit\.com|karbonhq\.com)\/\*$/;

describe('manifest', () => {
  it('production: host permissions for Intuit’s and Karbon’s hosts only', async () => {
    const hosts = (await manifestFor('production')).host_permissions ?? [];
    expect(hosts.length).toBeGreaterThan(0);
    for (const h of hosts) expect(h).toMatch(INTUIT_AND_KARBON);
    expect(hosts).toContain('https://api.karbonhq.com/*');
    expect(hosts).toContain('https://oauth.platform.intuit.com/*');
  });

  it('sandbox build: the same hosts plus 127.0.0.1 (any port), and nothing else', async () => {
    const production = (await manifestFor('production')).host_permissions ?? [];
    const sandbox = (await manifestFor('sandbox')).host_permissions ?? [];
    expect(sandbox.filter((h) => !production.includes(h))).toEqual(['http://127.0.0.1/*']);
  });

  it('no way in from outside: no content scripts, no externally connectable pages, no web-accessible files', async () => {
    for (const mode of ['production', 'sandbox'] as const) {
      const m = await manifestFor(mode);
      expect(m.content_scripts).toBeUndefined();
      expect(m.externally_connectable).toBeUndefined();
      expect(m.web_accessible_resources).toBeUndefined();
      expect(m.permissions).toEqual(['alarms', 'storage', 'identity', 'unlimitedStorage']);
    }
  });
});

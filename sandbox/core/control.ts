import { LATEST_SANDBOX_TIME } from './clock';
import { type LiveConfig, mergeConfig } from './config';
import type { FaultInjector } from './faults';
import { json } from './http';
import type { RequestLog } from './request-log';
import type { SandboxState } from './state';
import type { TokenRegistry } from './tokens';
import type { SandboxClock, SandboxCredentials, SandboxResponse } from './types';

export interface ControlDeps {
  baseUrl(): string;
  credentials: SandboxCredentials;
  log: RequestLog;
  /** Called by DELETE /requests: a measurement starts with fresh throttle windows. */
  resetThrottles(): void;
  faults: FaultInjector;
  clock: SandboxClock;
  tokens: TokenRegistry;
  getConfig(): LiveConfig;
  setConfig(config: LiveConfig): void;
  getState(): SandboxState;
  /** Throws an Error whose message says what is wrong with the body. */
  setState(body: unknown): void;
}

type Handler = (body: unknown, deps: ControlDeps) => SandboxResponse;

const ok = (): SandboxResponse => json(200, { ok: true });
const bad = (error: string): SandboxResponse => json(400, { error });

/** The control API (sandbox-common.md "Control API"), keyed by "METHOD /path after /__sandbox". */
const routes: Record<string, Handler> = {
  'GET /state': (_b, d) => json(200, d.getState()),
  'PUT /state': (body, d) => {
    try {
      d.setState(body);
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    return json(200, d.getState());
  },
  'GET /credentials': (_b, d) => {
    const base = d.baseUrl();
    return json(200, {
      ...d.credentials,
      urls: {
        qbo: `${base}/qbo`,
        karbon: `${base}/karbon/v3`,
        authorize: `${base}/intuit/connect/oauth2`,
        token: `${base}/intuit/oauth2/v1/tokens/bearer`,
        revoke: `${base}/intuit/v2/oauth2/tokens/revoke`,
        discovery: `${base}/intuit/.well-known/openid_configuration`,
      },
    });
  },
  'GET /requests': (_b, d) => json(200, d.log.snapshot()),
  'DELETE /requests': (_b, d) => {
    d.log.reset();
    d.resetThrottles();
    return json(200, d.log.snapshot());
  },
  'GET /faults': (_b, d) => json(200, { faults: d.faults.list() }),
  'POST /faults': (body, d) => {
    const added = d.faults.add(body);
    return 'error' in added ? bad(added.error) : json(201, added);
  },
  'DELETE /faults': (_b, d) => {
    d.faults.clear();
    return json(200, { faults: [] });
  },
  'GET /config': (_b, d) => json(200, d.getConfig()),
  'PUT /config': (body, d) => {
    const merged = mergeConfig(d.getConfig(), body);
    if ('error' in merged) return bad(merged.error);
    d.setConfig(merged);
    return json(200, merged);
  },
  'GET /clock': (_b, d) => json(200, { now: new Date(d.clock.now()).toISOString() }),
  'POST /clock': (body, d) => {
    const advance = isRecord(body) ? body.advanceMs : undefined;
    if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0) {
      return bad('advanceMs must be a number ≥ 0 (sandbox time only moves forward)');
    }
    if (d.clock.now() + advance > LATEST_SANDBOX_TIME) {
      return bad('advanceMs would take sandbox time past the year 9000');
    }
    d.clock.advance(advance);
    return json(200, { now: new Date(d.clock.now()).toISOString() });
  },
  'POST /tokens/expire': (_b, d) => {
    d.tokens.expireAllAccess();
    return ok();
  },
  'POST /tokens/revoke': (_b, d) => {
    d.tokens.revokeAll();
    return ok();
  },
};

/** `path` is the part after /__sandbox, e.g. "/faults". */
export function handleControl(
  method: string,
  path: string,
  rawBody: string,
  deps: ControlDeps,
): SandboxResponse {
  const handler = routes[`${method} ${path}`];
  if (!handler) {
    const known = Object.keys(routes).some((k) => k.endsWith(` ${path}`));
    return json(known ? 405 : 404, {
      error: known ? `${method} is not allowed on /__sandbox${path}` : `no control route /__sandbox${path}`,
    });
  }
  let body: unknown;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return bad('the body is not valid JSON');
    }
  } else if (method === 'PUT' || (method === 'POST' && (path === '/faults' || path === '/clock'))) {
    return bad('a JSON body is required');
  }
  return handler(body, deps);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

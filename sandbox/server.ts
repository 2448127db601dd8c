import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from './core/clock';
import { defaultConfig, type LiveConfig, mergeConfig } from './core/config';
import { handleControl, isRecord } from './core/control';
import { DEMO_CREDENTIALS } from './core/credentials';
import { FaultInjector } from './core/faults';
import { BodyTooLargeError, json, lowerCaseHeaders, readBody, sleep, writeResponse } from './core/http';
import { RequestLog } from './core/request-log';
import type { SandboxState } from './core/state';
import { TokenRegistry } from './core/tokens';
import type {
  SandboxConfig,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  SandboxService,
} from './core/types';
import { demoState, generateState } from './demo';
import { createIntuitService } from './intuit';
import { createKarbonService, type KarbonState } from './karbon';
import { createQboService } from './qbo';

export interface StartOptions {
  /** 0 = any free port. */
  port?: number;
  state?: SandboxState;
  demo?: boolean;
  generate?: number;
  config?: Partial<SandboxConfig>;
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 (sandbox-common.md): services, control API, faults, latency. */
export async function startSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  const merged = mergeConfig(defaultConfig(), opts.config ?? {});
  if ('error' in merged) throw new Error(`sandbox config: ${merged.error}`);
  let config = merged;
  const clock = createClock();
  const ctx: SandboxContext = { clock, config: () => config, credentials: DEMO_CREDENTIALS };
  const tokens = new TokenRegistry(clock);
  const qbo = createQboService(ctx, tokens);
  const intuit = createIntuitService(ctx, tokens, () => qbo.realmId());
  const karbon = createKarbonService(ctx);
  const services: SandboxService<unknown>[] = [intuit, qbo, karbon];
  const log = new RequestLog();
  const faults = new FaultInjector();
  let baseUrl = '';

  const getState = (): SandboxState => ({ qbo: qbo.getState(), karbon: karbon.getState() });
  /** Each side present is replaced; a side left out keeps its data. All or nothing. */
  const setState = (body: unknown): void => {
    if (!isRecord(body)) throw new Error('the state must be an object { qbo, karbon }');
    for (const key of Object.keys(body)) {
      if (key !== 'qbo' && key !== 'karbon') throw new Error(`unknown key "${key}" (expected qbo, karbon)`);
    }
    const before = body.qbo !== undefined && body.karbon !== undefined ? qbo.getState() : undefined;
    // Each service validates what it is given, throws with a message and keeps its old data.
    if (body.qbo !== undefined) qbo.setState(unchecked<SandboxState['qbo']>(body.qbo));
    if (body.karbon !== undefined) {
      try {
        karbon.setState(unchecked<KarbonState>(body.karbon));
      } catch (e) {
        if (before && before.realmId !== '') qbo.setState(before);
        throw e;
      }
    }
    // The demo access token is fresh again (3600 s from now), as at start-up.
    const { clientId } = DEMO_CREDENTIALS.intuit;
    const { accessToken, refreshToken } = DEMO_CREDENTIALS.qbo;
    tokens.installFixed(clientId, qbo.realmId(), accessToken, refreshToken);
  };

  setState(initialState(opts));

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLargeError) writeResponse(res, json(413, { error: 'request body too large' }));
      else res.destroy();
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/')) {
      writeResponse(res, handleControl(method, url.pathname.slice('/__sandbox'.length), body, controlDeps));
      return;
    }
    const service = services.find(
      (s) => url.pathname === s.prefix || url.pathname.startsWith(`${s.prefix}/`),
    );
    if (!service) {
      writeResponse(res, json(404, { error: `nothing is served at ${url.pathname}` }));
      return;
    }
    const sreq: SandboxRequest = {
      method,
      url,
      path: url.pathname.slice(service.prefix.length),
      headers: lowerCaseHeaders(req),
      body,
    };
    const route = service.routeOf(sreq);
    log.count(service.prefix.slice(1), route);
    const admission = service.admit?.(sreq);
    if (admission) res.once('close', () => admission.release());
    if (admission?.reject) {
      await sleep(config.latencyMs);
      writeResponse(res, admission.reject);
      return;
    }
    const fault = faults.decide(route, url.pathname);
    await sleep(fault.slowMs);
    if (fault.drop === 'before') {
      req.socket.destroy();
      return;
    }
    await sleep(config.latencyMs);
    if (fault.drop === 'after') {
      // The request runs (a create commits), then the answer is lost: the hardest retry case.
      await service.handle(sreq);
      req.socket.destroy();
      return;
    }
    if (fault.status !== null) writeResponse(res, service.faultResponse(fault.status, sreq));
    else if (fault.malformed === 'shape')
      writeResponse(res, json(200, { sandbox: 'an answer of the wrong shape' }));
    else if (fault.malformed === 'truncated') writeResponse(res, truncated(await service.handle(sreq)));
    else writeResponse(res, await service.handle(sreq));
  }

  const controlDeps = {
    baseUrl: () => baseUrl,
    credentials: DEMO_CREDENTIALS,
    log,
    resetThrottles: () => {
      qbo.resetThrottles();
      karbon.resetThrottles();
    },
    faults,
    clock,
    tokens,
    getConfig: () => config,
    setConfig: (c: LiveConfig) => {
      config = c;
    },
    getState,
    setState,
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      // A bug of ours: say so loudly, answer as the real service's own 500 would look.
      console.error('sandbox: unhandled error', e);
      if (!res.headersSent) writeResponse(res, json(500, { error: 'sandbox internal error' }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** The real answer cut in half, sent as a 200 of the same type (the request did run). */
function truncated(answer: SandboxResponse): SandboxResponse {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
  const type = Object.entries(answer.headers ?? {}).find(([h]) => h.toLowerCase() === 'content-type')?.[1];
  return {
    status: 200,
    headers: { ...answer.headers, 'content-type': type ?? 'application/json;charset=UTF-8' },
    body: text.slice(0, Math.floor(text.length / 2)),
  };
}

/** Hands outside data to a setState that validates it itself; nothing else may use this. */
function unchecked<T>(value: unknown): T {
  return value as T;
}

function initialState(opts: StartOptions): SandboxState {
  if (opts.state) return opts.state;
  if (opts.generate !== undefined) {
    if (!Number.isInteger(opts.generate) || opts.generate < 0)
      throw new Error('generate must be an integer ≥ 0');
    return generateState(opts.generate);
  }
  return demoState();
}

// The Karbon API v3 emulator (shared/spec/karbon-api.md; decisions in docs/sandbox-karbon.md).
// Order per request, as the real gateway then API do: both auth headers, the per-application
// rate limit, the route, then the endpoint's own validation.
import { timingSafeEqual } from 'node:crypto';
import { RateWindow } from '../core/rate-window';
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from '../core/types';
import type { KarbonApi } from './api';
import { getCard, putCard } from './card-routes';
import { appError, conflict, gatewayError, KarbonHttpError, rateLimited } from './errors';
import { createKeyMaker, seededRandom } from './keys';
import { listRecords } from './list';
import { normalizeKarbonState } from './normalize';
import { behaviourReader, type KarbonBehaviour } from './options';
import { createRecord, getByUserDefinedIdentifier, getRecord, patchRecord, updateRecord } from './records';
import { type MatchedRoute, matchRoute } from './router';
import { tenantSettings } from './settings';
import type { KarbonState } from './state';
import { KarbonTenant } from './tenant';

export type { KarbonBehaviour } from './options';
export type { KarbonState } from './state';

const PREFIX = '/karbon';
const KEY_SEED = 0x4b617262;

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function rawPath(req: SandboxRequest): string {
  const p = req.url.pathname;
  return p.startsWith(`${PREFIX}/`) ? p.slice(PREFIX.length) : req.path;
}

/** Both headers of karbon-api.md "Access"; wording of the refusals is a choice (docs). */
function authFailure(req: SandboxRequest, ctx: SandboxContext): SandboxResponse | null {
  const creds = ctx.credentials.karbon;
  const accessKey = req.headers.accesskey;
  if (!accessKey) return gatewayError(401, 'JWT not present.');
  if (!sameSecret(accessKey, creds.accessKey)) return gatewayError(401, 'Invalid JWT.');
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return gatewayError(401, 'Bearer token not present.');
  if (!sameSecret(bearer, creds.bearerToken)) return gatewayError(401, 'Invalid bearer token.');
  return null;
}

async function dispatch(api: KarbonApi, m: MatchedRoute, req: SandboxRequest): Promise<SandboxResponse> {
  const r = m.route;
  const { url, body } = req;
  switch (r.kind) {
    case 'settings':
      return tenantSettings(api, url);
    case 'collection':
      return req.method === 'GET' ? listRecords(api, r.type, url) : createRecord(api, r.type, url, body);
    case 'udi':
      return getByUserDefinedIdentifier(api, r.type, r.udi, url);
    case 'card':
      return req.method === 'GET' ? getCard(api, r.key, url) : putCard(api, r.key, url, body);
    case 'record':
      if (req.method === 'GET') return getRecord(api, r.type, r.key, url);
      if (req.method === 'PUT') return updateRecord(api, r.type, r.key, url, body);
      return patchRecord(api, r.type, r.key, url, body, req.headers.prefer);
  }
}

export interface KarbonService extends SandboxService<KarbonState> {
  /** Fresh rate-limit windows (DELETE /__sandbox/requests starts a measurement). */
  resetThrottles(): void;
}

export function createKarbonService(
  ctx: SandboxContext,
  options: Partial<KarbonBehaviour> = {},
): KarbonService {
  const behaviour = behaviourReader(ctx, options);
  const keys = createKeyMaker(seededRandom(KEY_SEED));
  const tenant = new KarbonTenant(keys);
  const windows = new Map<string, RateWindow>();
  let internalErrors = 0;
  const load = (state: unknown): void =>
    tenant.load(normalizeKarbonState(state, { keys, now: ctx.clock.now(), behaviour: behaviour() }));
  load({});

  return {
    prefix: PREFIX,
    routeOf(req) {
      const m = matchRoute(rawPath(req));
      return `${req.method} ${PREFIX}${m ? m.pattern : '/{unknown}'}`;
    },
    async handle(req) {
      const denied = authFailure(req, ctx);
      if (denied) return denied;
      const { timeScale, limits } = ctx.config();
      const pair = `${req.headers.authorization ?? ''}\n${req.headers.accesskey ?? ''}`;
      const window = windows.get(pair) ?? new RateWindow();
      windows.set(pair, window);
      const waitMs = window.tryHit(Date.now(), limits.karbon.perMinute, 60_000 / timeScale);
      if (waitMs > 0) return rateLimited(Math.max(1, Math.ceil(waitMs / 1000)));

      const m = matchRoute(rawPath(req));
      if (!m) return gatewayError(404, 'Resource not found');
      if (!m.methods.includes(req.method)) {
        return appError(
          404,
          '4002',
          `No HTTP resource was found that matches the request URI '${req.url.href}'.`,
        );
      }
      const api: KarbonApi = {
        tenant,
        behaviour: behaviour(),
        clock: ctx.clock,
        base: `${req.url.origin}${PREFIX}/v3`,
        tenantName: ctx.credentials.karbon.tenantName,
      };
      try {
        return await dispatch(api, m, req);
      } catch (e) {
        if (e instanceof KarbonHttpError) return e.response;
        throw e;
      }
    },
    faultResponse(status) {
      if (status === 429) return rateLimited(Math.max(1, Math.ceil(10 / ctx.config().timeScale)));
      if (status === 409) return conflict();
      if (status === 500) {
        internalErrors++;
        return appError(
          500,
          '5001',
          `Unexpected Internal Error. Please contact Karbon HQ Technical support with API Request Id of ${63792674374107265425n + BigInt(internalErrors)}.`,
        );
      }
      return gatewayError(status, status === 503 ? 'Service Unavailable' : 'Service error');
    },
    getState: () => tenant.snapshot(),
    setState: (state) => load(state),
    resetThrottles: () => windows.clear(),
  };
}

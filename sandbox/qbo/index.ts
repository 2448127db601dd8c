import { DEFAULT_QBO_RULES } from '../core/config';
import type { TokenRegistry } from '../core/tokens';
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from '../core/types';
import {
  authFault,
  faults,
  formatOf,
  newIntuitTid,
  QboFault,
  render,
  renderFault,
  serverFault,
} from './faults';
import { QboLimits } from './limits';
import { loadQboState } from './load';
import { ReplayStore } from './replay';
import { dispatch, routeName, unknownResource } from './routes';
import { NAME_ENTITIES, type QboState } from './state';
import { QboStore } from './store';
import { formatQboTime } from './time';

const COMPANY_PATH = /^\/v3\/company\/([^/]+)(\/.*)?$/;

/** The QuickBooks Online emulator under /qbo (qbo-api.md "API"). */
export function createQboService(
  ctx: SandboxContext,
  tokens: TokenRegistry,
): SandboxService<QboState> & { realmId(): string; resetThrottles(): void } {
  const store = new QboStore(() => ctx.config().qboRules ?? DEFAULT_QBO_RULES);
  const replay = new ReplayStore();
  const limits = new QboLimits();

  function handleCompany(req: SandboxRequest, realmId: string, rest: string): SandboxResponse {
    const now = ctx.clock.now();
    const format = formatOf(req);
    const tid = newIntuitTid();
    const auth = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!auth?.[1])
      return authFault(401, 'Authorization header with a bearer token is required', format, now, tid);
    const check = tokens.checkAccess(auth[1]);
    if (!check.ok) {
      const detail = { unknown: 'Token invalid', expired: 'Token expired', revoked: 'Token revoked' }[
        check.reason
      ];
      return authFault(401, detail, format, now, tid);
    }
    if (check.realmId !== realmId)
      return authFault(403, 'The token is not authorized for this company', format, now, tid);

    const requestId = req.url.searchParams.get('requestid');
    if (requestId !== null) {
      const isBatch = rest.startsWith('/batch');
      const max = isBatch ? 36 : 50;
      if (requestId.length === 0 || requestId.length > max) {
        return renderFault(
          faults.businessValidation(`requestid must be 1 to ${max} characters.`, 'requestid'),
          format,
          now,
          tid,
        );
      }
      const earlier = replay.get(realmId, requestId, now);
      if (earlier) return earlier;
    }
    let response: SandboxResponse;
    try {
      const body = dispatch(store, req, rest, now, requestId !== null, ctx.credentials.qbo.companyName);
      response = render(200, { ...body, time: formatQboTime(now, true) }, format, tid);
    } catch (e) {
      if (!(e instanceof QboFault)) throw e;
      response = renderFault(e, format, now, tid);
    }
    if (requestId !== null) replay.put(realmId, requestId, now, response);
    return response;
  }

  return {
    prefix: '/qbo',
    realmId: () => store.realmId,
    resetThrottles: () => limits.resetWindows(),
    routeOf(req) {
      const m = COMPANY_PATH.exec(req.path);
      return m ? routeName(req.method, m[2] ?? '') : `${req.method} /qbo${req.path}`;
    },
    async handle(req) {
      const m = COMPANY_PATH.exec(req.path);
      if (!m?.[1]) {
        return {
          ...renderFault(unknownResource(req), formatOf(req), ctx.clock.now(), newIntuitTid()),
          status: 404,
        };
      }
      return handleCompany(req, decodeURIComponent(m[1]), m[2] ?? '');
    },
    faultResponse(status, req) {
      return serverFault(status, formatOf(req), ctx.clock.now(), newIntuitTid());
    },
    admit(req) {
      const m = COMPANY_PATH.exec(req.path);
      const realmId = m?.[1];
      if (!realmId) return { release() {} };
      const isBatch = req.method === 'POST' && (m[2] ?? '').startsWith('/batch');
      if (!limits.enter(realmId, isBatch, ctx.config())) {
        return { release() {}, reject: serverFault(429, 'xml', ctx.clock.now(), newIntuitTid()) };
      }
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          limits.leave(realmId);
        },
      };
    },
    getState() {
      const state: QboState = { realmId: store.realmId, Customer: [], Vendor: [], Employee: [] };
      for (const entity of NAME_ENTITIES)
        state[entity] = store.list(entity).map((r) => store.serialize(r, true));
      return state;
    },
    setState(state) {
      const backup = this.getState();
      try {
        loadQboState(store, state, ctx.clock.now());
      } catch (e) {
        if (backup.realmId !== '') loadQboState(store, backup, ctx.clock.now());
        else store.reset('');
        throw e;
      }
      replay.clear();
    },
  };
}

import type { TokenRegistry } from '../core/tokens';
import type { SandboxContext, SandboxRequest, SandboxResponse, SandboxService } from '../core/types';
import { authorize, decide } from './authorize';
import { CodeStore } from './codes';
import { discoveryDocument } from './discovery';
import { htmlPage, oauthError, oauthJson } from './errors';
import { revoke } from './revoke';
import { token } from './token';

type Route = (req: SandboxRequest) => SandboxResponse;

/** The Intuit OAuth 2.0 emulator under /intuit (qbo-api.md "OAuth 2.0"). It keeps no state to export. */
export function createIntuitService(
  ctx: SandboxContext,
  tokens: TokenRegistry,
  realmId: () => string,
): SandboxService<Record<string, never>> {
  const codes = new CodeStore();
  const base = (req: SandboxRequest) => req.url.origin;
  const routes: Record<string, Route> = {
    'GET /connect/oauth2': (req) => authorize(req, ctx, codes, realmId),
    'POST /connect/oauth2/decision': (req) => decide(req, ctx, codes),
    'POST /oauth2/v1/tokens/bearer': (req) => token(req, ctx, codes, tokens),
    'POST /v2/oauth2/tokens/revoke': (req) => revoke(req, ctx, tokens),
    'GET /.well-known/openid_configuration': (req) => oauthJson(200, discoveryDocument(base(req))),
    'GET /.well-known/openid_sandbox_configuration': (req) => oauthJson(200, discoveryDocument(base(req))),
    'GET /op/v1/jwks': () => oauthJson(200, { keys: [] }),
  };
  return {
    prefix: '/intuit',
    routeOf: (req) => `${req.method} /intuit${req.path}`,
    async handle(req) {
      const route = routes[`${req.method} ${req.path}`];
      if (route) return route(req);
      const otherMethod = Object.keys(routes).some((k) => k.endsWith(` ${req.path}`));
      if (otherMethod) return oauthError(405, 'invalid_request', `${req.method} is not allowed here`);
      return htmlPage(404, 'Not Found', '<h1>404 Not Found</h1>');
    },
    faultResponse(status) {
      if (status === 503)
        return htmlPage(503, 'Service Unavailable', '<h1>503 Service Temporarily Unavailable</h1>');
      if (status === 429)
        return oauthError(429, 'too_many_requests', 'Too many requests, please try again later');
      return oauthError(status, 'server_error', 'The server encountered an unexpected condition');
    },
    getState: () => ({}),
    setState() {},
  };
}

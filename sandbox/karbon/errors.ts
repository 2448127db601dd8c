// Karbon's two error shapes (KarbonAPI.json): application errors from the API itself,
// `{"error":{"code","message"}}`, and gateway errors (401, 429, unknown route),
// `{"statusCode","message"}`, which look like Azure API Management replies.
import type { SandboxResponse } from '../core/types';

export const JSON_TYPE = 'application/json; odata.metadata=minimal; odata.streaming=true; charset=utf-8';

export function appError(status: number, code: string, message: string): SandboxResponse {
  return { status, headers: { 'content-type': JSON_TYPE }, body: { error: { code, message } } };
}

export function gatewayError(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: { statusCode: String(status), message },
  };
}

/** A 400 with code 4002, Karbon's "bad request" for queries, properties and values. */
export function badRequest(message: string): SandboxResponse {
  return appError(400, '4002', message);
}

export function payloadMissing(what: string): SandboxResponse {
  return appError(400, '4005', `Required payload data is missing: ${what}`);
}

export function conflict(): SandboxResponse {
  return appError(
    409,
    '4020',
    'The resource was modified by another request. Refetch the latest version and retry.',
  );
}

export function rateLimited(retryAfterSeconds: number): SandboxResponse {
  return gatewayError(429, `Rate limit is exceeded. Try again in ${retryAfterSeconds} seconds.`, {
    'retry-after': String(retryAfterSeconds),
  });
}

/** Thrown inside handlers to answer with a Karbon error; the service turns it into the response. */
export class KarbonHttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`Karbon error ${response.status}`);
  }
}

export function fail(response: SandboxResponse): never {
  throw new KarbonHttpError(response);
}

// The one way both clients talk HTTP: credentials read per attempt, the rate limiter, request
// counting, and the retry policy (docs/clients.md):
//   429            → wait Retry-After (seconds or date) or back off; body format irrelevant
//   5xx / network  → bounded retries with jitter, only when the request is safe to repeat
//   401            → one credential refresh, one retry
//   anything else  → the client's typed error, no retry
import pRetry, { AbortError } from 'p-retry';
import {
  type AuthError,
  RateLimitedError,
  type Service,
  ServiceUnavailableError,
  SyncError,
} from '../errors';
import { type Clock, systemClock } from './clock';
import type { RequestCounter } from './counter';
import type { RateLimiter } from './limiter';
import { backoffMs, parseRetryAfter } from './retry-after';

export interface RetryPolicy {
  /** Further attempts after a 5xx, a timeout or a dropped connection (safe requests only). */
  transientRetries: number;
  /** Further attempts after a 429. */
  rateLimitRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** First wait after a 429 without Retry-After (QuickBooks' XML throttle has none); doubles. */
  rateLimitBaseMs: number;
  /** A longer Retry-After is not waited out: the caller gets RateLimitedError. */
  maxRetryAfterMs: number;
}

const DEFAULT_RETRY_POLICY: RetryPolicy = {
  transientRetries: 4,
  rateLimitRetries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  rateLimitBaseMs: 5_000,
  maxRetryAfterMs: 120_000,
};

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  /**
   * Safe to send again when the first attempt's fate is unknown (timeout, dropped connection,
   * 5xx): reads, full replacements, and POSTs that carry an idempotency key. Default: not POST.
   */
  idempotent?: boolean;
  limitClass?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface AuthHooks {
  /** Headers carrying the credentials; called for every attempt so a new token is picked up. */
  headers(): Promise<Record<string, string>>;
  /** After a 401: replace the credentials that were refused (called at most once per request). */
  refresh?(refused: Record<string, string>): Promise<void>;
}

/** What a service client takes from its caller and hands to its transport as it is. */
export interface ClientTransportOptions {
  fetch: typeof fetch;
  counter?: RequestCounter;
  clock?: Clock;
  random?: () => number;
  /** Share one limiter between clients of the same account; otherwise each client builds its own. */
  limiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
  /** Per attempt; QuickBooks itself gives up after 120 s. */
  timeoutMs?: number;
}

export interface TransportOptions extends ClientTransportOptions {
  service: Service;
  auth: AuthHooks;
  limiter: RateLimiter;
  /** The typed error for an answer that is not a success, 401, 429 or 5xx. */
  toError(res: HttpResponse, req: HttpRequest): Error;
  /** The error for a 401 that a refresh did not cure (or that cannot be refreshed). */
  authFailure(res: HttpResponse): AuthError;
}

export interface Transport {
  send(req: HttpRequest): Promise<HttpResponse>;
}

/** The cause attached to a 5xx ServiceUnavailableError: what the server said. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

export const SERVICE_NAMES: Record<Service, string> = { quickbooks: 'QuickBooks', karbon: 'Karbon' };

export function describeRequest(req: Pick<HttpRequest, 'method' | 'url'>): string {
  return `${req.method} ${req.url.pathname}`;
}

export function createTransport(o: TransportOptions): Transport {
  const clock = o.clock ?? systemClock;
  const random = o.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
  const name = SERVICE_NAMES[o.service];
  const timeoutMs = o.timeoutMs ?? 130_000;

  async function sendOnce(req: HttpRequest, credentials: Record<string, string>): Promise<HttpResponse> {
    return o.limiter.run(
      async () => {
        o.counter?.add(o.service);
        const timeout = AbortSignal.timeout(timeoutMs);
        const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
        try {
          const res = await o.fetch(req.url, {
            method: req.method,
            headers: { ...req.headers, ...credentials },
            body: req.body,
            signal,
          });
          return { status: res.status, headers: res.headers, text: await res.text() };
        } catch (error) {
          if (req.signal?.aborted) throw new AbortError(toError(req.signal.reason));
          const why = timeout.aborted
            ? `no answer within ${Math.round(timeoutMs / 1000)} s`
            : 'connection failed';
          throw new ServiceUnavailableError(
            o.service,
            `${name} could not be reached (${describeRequest(req)}: ${why})`,
            {
              cause: error,
            },
          );
        }
      },
      { limitClass: req.limitClass, signal: req.signal },
    );
  }

  return {
    async send(req) {
      const idempotent = req.idempotent ?? req.method !== 'POST';
      let refreshed = false;
      let rateLimited = 0;
      let transient = 0;

      const attempt = async (): Promise<HttpResponse> => {
        for (;;) {
          const credentials = await abortOnSyncError(() => o.auth.headers());
          const res = await sendOnce(req, credentials);
          if (res.status === 401) {
            if (o.auth.refresh && !refreshed) {
              refreshed = true;
              await abortOnSyncError(() => o.auth.refresh?.(credentials) ?? Promise.resolve());
              continue;
            }
            throw new AbortError(o.authFailure(res));
          }
          if (res.status >= 200 && res.status < 300) return res;
          if (res.status === 429) {
            const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), clock.now());
            throw new RateLimitedError(
              o.service,
              retryAfterMs,
              `${name} is refusing requests for being too many (429, ${describeRequest(req)})`,
            );
          }
          if (res.status >= 500) {
            throw new ServiceUnavailableError(
              o.service,
              `${name} failed (${res.status}, ${describeRequest(req)})`,
              {
                cause: new HttpStatusError(res.status, res.text.slice(0, 2000)),
              },
            );
          }
          throw new AbortError(o.toError(res, req));
        }
      };

      return pRetry(attempt, {
        retries: policy.rateLimitRetries + policy.transientRetries,
        minTimeout: 0, // waits happen in shouldRetry, on the injected clock
        signal: req.signal,
        shouldRetry: async ({ error }) => {
          let wait: number;
          if (error instanceof RateLimitedError) {
            if (rateLimited >= policy.rateLimitRetries) return false;
            if (error.retryAfterMs !== null && error.retryAfterMs > policy.maxRetryAfterMs) return false;
            rateLimited += 1;
            wait =
              error.retryAfterMs !== null
                ? Math.round(error.retryAfterMs * (1 + random() * 0.1))
                : backoffMs(rateLimited, policy.rateLimitBaseMs, Math.max(policy.maxDelayMs, 60_000), random);
          } else if (error instanceof ServiceUnavailableError) {
            if (!idempotent || transient >= policy.transientRetries) return false;
            transient += 1;
            wait = backoffMs(transient, policy.baseDelayMs, policy.maxDelayMs, random);
          } else {
            return false;
          }
          await clock.sleep(wait, req.signal);
          return true;
        },
      });
    },
  };
}

async function abortOnSyncError<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof SyncError) throw new AbortError(error);
    throw error;
  }
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

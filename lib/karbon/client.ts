// HTTP access to one Karbon tenant: both credentials read per request, OData paging by
// `@odata.nextLink` followed verbatim (same origin only: it would carry our keys), validation,
// and Karbon's two error bodies turned into typed errors.
import type { z } from 'zod';
import { AuthError, BadResponseError, ConflictError, NotFoundError, RejectedWriteError } from '../errors';
import {
  type ClientTransportOptions,
  createTransport,
  describeRequest,
  type HttpRequest,
  type HttpResponse,
  type KarbonLimitOptions,
  karbonLimits,
  parseResponse,
  RateLimiter,
  systemClock,
  type Transport,
} from '../http';
import { AppErrorSchema, GatewayErrorSchema, listEnvelopeSchema } from './schema';

export interface KarbonCredentials {
  /** The application's bearer token (a GUID). */
  bearerToken: string;
  /** The tenant's access key (a JWT). */
  accessKey: string;
}

export interface KarbonClientOptions extends ClientTransportOptions {
  /** https://api.karbonhq.com/v3, or the sandbox's http://127.0.0.1:P/karbon/v3. */
  baseUrl: string;
  /** Read before every request, so a key changed in settings takes effect at once. */
  credentials: () => KarbonCredentials | Promise<KarbonCredentials>;
  /** Limits to keep under (default: Karbon's published ones). Ignored when `limiter` is given. */
  limits?: KarbonLimitOptions;
}

/** Karbon's error code and message, kept as the cause of a typed error. */
export class KarbonErrorBody extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'KarbonErrorBody';
  }
}

export function readKarbonError(res: Pick<HttpResponse, 'status' | 'text'>): KarbonErrorBody {
  let json: unknown = null;
  try {
    json = JSON.parse(res.text);
  } catch {
    // not JSON: keep the status only
  }
  const app = AppErrorSchema.safeParse(json);
  if (app.success)
    return new KarbonErrorBody(res.status, app.data.error.code ?? '', app.data.error.message ?? '');
  const gateway = GatewayErrorSchema.safeParse(json);
  if (gateway.success)
    return new KarbonErrorBody(res.status, gateway.data.statusCode, gateway.data.message ?? '');
  return new KarbonErrorBody(res.status, '', `HTTP ${res.status}`);
}

function toError(res: HttpResponse, req: HttpRequest): Error {
  const body = readKarbonError(res);
  const what = `${body.message || `HTTP ${res.status}`}${body.code ? ` (code ${body.code})` : ''}`;
  if (res.status === 404)
    return new NotFoundError('karbon', `Karbon has no such record (${describeRequest(req)})`, {
      cause: body,
    });
  if (res.status === 409) return new ConflictError('karbon', `Karbon: ${what}`, { cause: body });
  if (req.method !== 'GET' && (res.status === 400 || res.status === 403)) {
    return new RejectedWriteError('karbon', body.code, `Karbon rejected the change: ${what}`, undefined, {
      cause: body,
    });
  }
  return new BadResponseError('karbon', `Karbon refused ${describeRequest(req)}: ${what}`, { cause: body });
}

export class KarbonClient {
  private readonly transport: Transport;
  private readonly base: URL;

  constructor(o: KarbonClientOptions) {
    const clock = o.clock ?? systemClock;
    this.base = new URL(`${o.baseUrl.replace(/\/+$/, '')}/`);
    this.transport = createTransport({
      service: 'karbon',
      fetch: o.fetch,
      clock,
      random: o.random,
      counter: o.counter,
      retry: o.retry,
      timeoutMs: o.timeoutMs,
      limiter: o.limiter ?? new RateLimiter(karbonLimits(o.limits), clock),
      auth: {
        headers: async () => {
          const c = await o.credentials();
          return { authorization: `Bearer ${c.bearerToken}`, accesskey: c.accessKey };
        },
      },
      toError,
      authFailure: (res) =>
        new AuthError(
          'karbon',
          'Karbon refused the API credentials — check the bearer token and access key in Settings',
          {
            cause: readKarbonError(res),
          },
        ),
    });
  }

  /** `path` relative to /v3/; OData options written literally (`$top`, not `%24top`). */
  url(path: string, options: Record<string, string> = {}): URL {
    const query = Object.entries(options)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return new URL(`${path}${query ? `?${query}` : ''}`, this.base);
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    return this.transport.send(req);
  }

  async get<S extends z.ZodType>(url: URL, schema: S): Promise<z.infer<S>> {
    const req: HttpRequest = { method: 'GET', url, headers: { accept: 'application/json' } };
    return parseResponse('karbon', await this.transport.send(req), req, schema);
  }

  /** JSON write; `idempotent` only for full replacements (PUT), never for a create. */
  async write(method: 'POST' | 'PUT', url: URL, body: unknown): Promise<HttpResponse> {
    return this.transport.send({
      method,
      url,
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      idempotent: method === 'PUT',
    });
  }

  parse<S extends z.ZodType>(
    res: HttpResponse,
    req: Pick<HttpRequest, 'method' | 'url'>,
    schema: S,
  ): z.infer<S> {
    return parseResponse('karbon', res, req, schema);
  }

  /**
   * Every row of a list, page by page. `keepGoing` sees each page's rows and may stop early
   * (the newest-first high-water mark). Returns the rows and the last `@odata.count`.
   */
  async list<S extends z.ZodType>(
    first: URL,
    row: S,
    keepGoing: (page: z.infer<S>[]) => boolean = () => true,
  ): Promise<{ rows: z.infer<S>[]; count: number | undefined }> {
    const envelope = listEnvelopeSchema(row);
    const rows: z.infer<S>[] = [];
    let url: URL | null = first;
    let count: number | undefined;
    while (url) {
      const page: z.infer<typeof envelope> = await this.get(url, envelope);
      rows.push(...page.value);
      count = page['@odata.count'] ?? count;
      const next = page['@odata.nextLink'];
      if (!next || page.value.length === 0 || !keepGoing(page.value)) break;
      url = new URL(next, url);
      if (url.origin !== this.base.origin) {
        throw new BadResponseError(
          'karbon',
          `Karbon sent a next page on another host (${url.origin}); not followed`,
        );
      }
    }
    return { rows, count };
  }
}

/** An OData string literal: single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

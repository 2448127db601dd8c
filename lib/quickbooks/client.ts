// HTTP access to one QuickBooks company: URLs, headers, validation, and faults turned into
// typed errors. The port (port.ts) speaks in Customers; this file speaks HTTP.
import type { z } from 'zod';
import { AuthError, BadResponseError, NotFoundError, RejectedWriteError } from '../errors';
import {
  type ClientTransportOptions,
  createTransport,
  describeRequest,
  type HttpRequest,
  type HttpResponse,
  parseResponse,
  type QuickBooksLimitOptions,
  quickBooksLimits,
  RateLimiter,
  systemClock,
  type Transport,
} from '../http';
import { describeFault, type Fault, parseFault } from './fault';

const MINOR_VERSION = '75';

/** Where the QuickBooks client gets its access token; read before every request. */
export interface AccessTokenSource {
  accessToken(): Promise<string>;
  /** After a 401: refresh (unless another caller already did) and give the token to retry with. */
  refreshAfterUnauthorized?(rejected: string): Promise<string>;
}

export interface QuickBooksClientOptions extends ClientTransportOptions {
  /** API host: https://quickbooks.api.intuit.com, or the sandbox's http://127.0.0.1:P/qbo. */
  baseUrl: string;
  realmId: string;
  tokens: AccessTokenSource;
  /** Limits to keep under (default: Intuit's published ones). Ignored when `limiter` is given. */
  limits?: QuickBooksLimitOptions;
}

/** A fault body kept as the cause of a typed error, so callers can read its code. */
export class QuickBooksFault extends Error {
  constructor(
    readonly status: number,
    readonly fault: Fault | null,
  ) {
    super(fault ? describeFault(fault) : `HTTP ${status}`);
    this.name = 'QuickBooksFault';
  }

  get code(): string {
    return this.fault?.errors[0]?.code ?? '';
  }

  get element(): string {
    return this.fault?.errors[0]?.element ?? '';
  }
}

export function faultOf(error: unknown): QuickBooksFault | null {
  return error instanceof Error && error.cause instanceof QuickBooksFault ? error.cause : null;
}

function toError(res: HttpResponse, req: HttpRequest): Error {
  const fault = new QuickBooksFault(res.status, parseFault(res.text));
  const what = fault.message;
  if (res.status === 403) {
    return new AuthError('quickbooks', 'QuickBooks refused access to this company — reconnect', {
      cause: fault,
    });
  }
  if (res.status === 404 || fault.code === '610') {
    return new NotFoundError('quickbooks', `QuickBooks has no such record (${describeRequest(req)})`, {
      cause: fault,
    });
  }
  if (res.status === 400 && req.method === 'POST') {
    return new RejectedWriteError(
      'quickbooks',
      fault.code,
      `QuickBooks rejected the change: ${what}`,
      canonicalElement(fault.element),
      {
        cause: fault,
      },
    );
  }
  return new BadResponseError('quickbooks', `QuickBooks refused ${describeRequest(req)}: ${what}`, {
    cause: fault,
  });
}

const ELEMENT_FIELDS: Record<string, string> = {
  DisplayName: 'displayName',
  GivenName: 'firstName',
  MiddleName: 'middleName',
  FamilyName: 'lastName',
  CompanyName: 'organizationName',
  PrimaryEmailAddr: 'email',
  PrimaryPhone: 'phoneWork',
  Mobile: 'phoneMobile',
  AlternatePhone: 'phoneOther',
  Fax: 'phoneFax',
};
const ADDRESS_PARTS: Record<string, string> = {
  Line1: 'Lines',
  Line2: 'Lines',
  Line3: 'Lines',
  Line4: 'Lines',
  Line5: 'Lines',
  City: 'City',
  CountrySubDivisionCode: 'Region',
  PostalCode: 'PostalCode',
  Country: 'Country',
};

/** A fault's element ("PrimaryEmailAddr.Address", "BillAddr.City") as the canonical field, when it is one. */
export function canonicalElement(element: string): string {
  const [head = '', sub = ''] = element.split('.');
  const field = ELEMENT_FIELDS[head];
  if (field) return field;
  const slot = head === 'ShipAddr' ? 'physical' : head === 'BillAddr' ? 'mailing' : null;
  const part = ADDRESS_PARTS[sub];
  return slot && part ? `${slot}${part}` : element;
}

export class QuickBooksClient {
  private readonly transport: Transport;
  private readonly base: string;

  constructor(private readonly o: QuickBooksClientOptions) {
    const clock = o.clock ?? systemClock;
    const tokens = o.tokens;
    this.base = `${o.baseUrl.replace(/\/+$/, '')}/v3/company/${encodeURIComponent(o.realmId)}/`;
    this.transport = createTransport({
      service: 'quickbooks',
      fetch: o.fetch,
      clock,
      random: o.random,
      counter: o.counter,
      retry: o.retry,
      timeoutMs: o.timeoutMs,
      limiter: o.limiter ?? new RateLimiter(quickBooksLimits(o.limits), clock),
      auth: {
        headers: async () => ({ authorization: `Bearer ${await tokens.accessToken()}` }),
        refresh: tokens.refreshAfterUnauthorized
          ? async (refused) => {
              await tokens.refreshAfterUnauthorized?.((refused.authorization ?? '').replace(/^Bearer /, ''));
            }
          : undefined,
      },
      toError,
      authFailure: (res) =>
        new AuthError('quickbooks', 'QuickBooks authorization expired — reconnect', {
          cause: new QuickBooksFault(res.status, parseFault(res.text)),
        }),
    });
  }

  get realmId(): string {
    return this.o.realmId;
  }

  url(path: string, params: Record<string, string> = {}): URL {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('minorversion', MINOR_VERSION);
    return url;
  }

  async get<S extends z.ZodType>(
    path: string,
    params: Record<string, string>,
    schema: S,
  ): Promise<z.infer<S>> {
    const req: HttpRequest = {
      method: 'GET',
      url: this.url(path, params),
      headers: { accept: 'application/json' },
    };
    return parseResponse('quickbooks', await this.transport.send(req), req, schema);
  }

  /** `SELECT ...` through GET /query (`+` and spaces both decode to a space on Intuit's side). */
  query<S extends z.ZodType>(statement: string, schema: S): Promise<z.infer<S>> {
    return this.get('query', { query: statement }, schema);
  }

  /** A POST carrying `requestid`, which QuickBooks replays instead of executing twice: safe to retry. */
  async post<S extends z.ZodType>(
    path: string,
    body: unknown,
    requestId: string,
    schema: S,
  ): Promise<z.infer<S>> {
    const req: HttpRequest = {
      method: 'POST',
      url: this.url(path, { requestid: requestId }),
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(body),
      idempotent: true,
      limitClass: path === 'batch' ? 'batch' : undefined,
    };
    return parseResponse('quickbooks', await this.transport.send(req), req, schema);
  }
}

/** A value inside a query's single quotes: backslash-escaped, as Intuit's query grammar wants. */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

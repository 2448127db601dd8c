import { randomHex } from '../core/random';
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { formatQboTime } from './time';
import { escapeXml, toIntuitXml } from './xml';

/** One entry of Fault.Error (qbo-notes §8.1; `code` is a string). */
export interface QboError {
  Message: string;
  Detail: string;
  code: string;
  element: string;
}

/** A 400-class answer the handlers throw; rendered in the client's format by `renderFault`. */
export class QboFault extends Error {
  constructor(
    readonly errors: QboError[],
    readonly type = 'ValidationFault',
    readonly status = 400,
  ) {
    super(errors[0]?.Message ?? 'QuickBooks fault');
  }
}

const e = (code: string, Message: string, Detail: string, element = ''): QboFault =>
  new QboFault([{ Message, Detail, code, element }]);

/** The faults the emulator raises, worded as Intuit words them (qbo-notes §3.3, §4.1, §5, §8.3). */
export const faults = {
  unsupportedProperty: (detail: string) =>
    e(
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:${detail} specified is unsupported or invalid`,
    ),
  requiredParam: (param: string, element = '') =>
    e(
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${param} is missing in the request`,
      element,
    ),
  stringLength: (field: string, max: number, supplied: number) =>
    e(
      '2050',
      'String length specified does not match the supported length',
      `String length specified does not match the supported length. Min:0 Max:${max.toLocaleString('en-US')} supported. Supplied length:${supplied.toLocaleString('en-US')}`,
      field,
    ),
  invalidEmail: (field: string) =>
    e(
      '2210',
      'Email Address does not conform to the syntax rules of RFC 822',
      `${field} must contain "@" and "."`,
      field,
    ),
  invalidReference: (what: string) => e('2500', 'Invalid Reference Id', `Invalid Reference Id : ${what}`),
  businessValidation: (detail: string, element = '') =>
    e(
      '6000',
      'A business validation error has occurred while processing your request',
      `Business Validation Error: ${detail}`,
      element,
    ),
  duplicateName: () =>
    e(
      '6240',
      'Duplicate Name Exists Error',
      'The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.',
    ),
  stale: () =>
    e(
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and sandbox were working on this at the same time. sandbox finished before you did, so your work was not saved.',
    ),
  notFound: () =>
    e(
      '610',
      'Object Not Found',
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
    ),
  unsupportedOperation: (what: string) =>
    e('500', 'Unsupported Operation', `Operation ${what} is not supported.`),
  queryParse: (detail: string) => e('4000', 'Error parsing query', `QueryParserError: ${detail}`),
  queryValidation: (detail: string) => e('4001', 'Invalid query', `QueryValidationError: ${detail}`),
};

export type Format = 'json' | 'xml';

/** Intuit answers XML unless the client asks for JSON (qbo-notes §2.3; docs/sandbox.md). */
export function formatOf(req: SandboxRequest): Format {
  return /application\/json/i.test(req.headers.accept ?? '') ? 'json' : 'xml';
}

/** Intuit's transaction id, shaped like the real ones ("1-6239ef57-12b393bc6e87cb646d9147e2"). */
export function newIntuitTid(): string {
  return `1-${randomHex(8)}-${randomHex(24)}`;
}

export function render(
  status: number,
  body: Record<string, unknown>,
  format: Format,
  tid: string,
  extraHeaders: Record<string, string> = {},
): SandboxResponse {
  if (format === 'json') {
    return {
      status,
      headers: { 'content-type': 'application/json;charset=UTF-8', intuit_tid: tid, ...extraHeaders },
      body,
    };
  }
  return {
    status,
    headers: { 'content-type': 'application/xml;charset=UTF-8', intuit_tid: tid, ...extraHeaders },
    body: toIntuitXml(body),
  };
}

export function renderFault(fault: QboFault, format: Format, nowMs: number, tid: string): SandboxResponse {
  return render(fault.status, faultBody(fault, nowMs), format, tid);
}

function faultBody(fault: QboFault, nowMs: number): Record<string, unknown> {
  return { Fault: { Error: fault.errors, type: fault.type }, time: formatQboTime(nowMs, true) };
}

/**
 * 401 and 403 come from Intuit's gateway, not the accounting service: lower-case keys and an
 * epoch-millisecond `time` (qbo-notes §8.2).
 */
export function authFault(
  status: 401 | 403,
  detail: string,
  format: Format,
  nowMs: number,
  tid: string,
): SandboxResponse {
  const code = status === 401 ? '3200' : '3100';
  const message =
    status === 401
      ? 'message=AuthenticationFailed; errorCode=003200; statusCode=401'
      : 'message=AuthorizationFailed; errorCode=003100; statusCode=403';
  const type = status === 401 ? 'AUTHENTICATION' : 'SERVICE';
  const headers: Record<string, string> =
    status === 401 ? { 'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"' } : {};
  if (format === 'json') {
    return render(
      status,
      {
        warnings: null,
        intuitObject: null,
        fault: { error: [{ message, detail, code, element: null }], type },
        report: null,
        queryResponse: null,
        batchItemResponse: [],
        attachableResponse: [],
        syncErrorResponse: null,
        requestId: null,
        time: nowMs,
        status: null,
        cdcresponse: [],
      },
      format,
      tid,
      headers,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${formatQboTime(nowMs, true)}"><Fault type="${type}"><Error code="${code}"><Message>${escapeXml(message)}</Message><Detail>${escapeXml(detail)}</Detail></Error></Fault></IntuitResponse>`;
  return {
    status,
    headers: { 'content-type': 'application/xml;charset=UTF-8', intuit_tid: tid, ...headers },
    body: xml,
  };
}

/** Throttling answers in XML whatever the client asked for (qbo-notes §9). */
export function throttled(nowMs: number, tid: string): SandboxResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${formatQboTime(nowMs, true)}"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>`;
  return { status: 429, headers: { 'content-type': 'application/xml', intuit_tid: tid }, body: xml };
}

/** Injected 500 / 503: the application fault and the gateway's HTML page. */
export function serverFault(status: number, format: Format, nowMs: number, tid: string): SandboxResponse {
  if (status === 429) return throttled(nowMs, tid);
  if (status === 503) {
    return {
      status,
      headers: { 'content-type': 'text/html', intuit_tid: tid },
      body: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>',
    };
  }
  const fault = new QboFault(
    [
      {
        Message: 'An application error has occurred while processing your request',
        Detail:
          'System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again. If the problem persists, contact customer support.',
        code: '10000',
        element: '',
      },
    ],
    'SystemFault',
    status,
  );
  return renderFault(fault, format, nowMs, tid);
}

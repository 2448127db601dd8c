import type { SandboxRequest } from '../core/types';
import { runBatch } from './batch';
import { runCdc } from './cdc';
import { writeCustomer } from './customers';
import { faults } from './faults';
import type { JsonObject } from './fields';
import { parseQuery } from './query-parse';
import { planQuery, runQuery } from './query-run';
import type { NameEntity } from './state';
import type { QboStore } from './store';

/** Path segments Intuit serves under /v3/company/{realmId}; URIs are case-sensitive (§2.1). */
const READABLE: Record<string, NameEntity> = { customer: 'Customer', vendor: 'Vendor', employee: 'Employee' };

/** A stable name for counting: "GET /qbo/v3/company/{realmId}/customer/{id}". */
export function routeName(method: string, rest: string): string {
  const parts = rest.split('/').filter((p) => p !== '');
  const shape = parts.map((p, i) => (i > 0 && /^\d+$/.test(p) ? '{id}' : p));
  return `${method} /qbo/v3/company/{realmId}${shape.length > 0 ? `/${shape.join('/')}` : ''}`;
}

/**
 * The accounting API behind the gateway (auth, throttles and requestid are handled before).
 * Returns the JSON body of a 200; throws QboFault for everything else.
 */
export function dispatch(
  store: QboStore,
  req: SandboxRequest,
  rest: string,
  nowMs: number,
  hasRequestId: boolean,
  companyName: string,
): JsonObject {
  const parts = rest.split('/').filter((p) => p !== '');
  const [resource, id, extra] = parts;
  const entity = resource ? READABLE[resource] : undefined;

  if (resource === 'companyinfo' && req.method === 'GET' && extra === undefined && id !== undefined) {
    if (id !== store.realmId) throw faults.notFound();
    return { CompanyInfo: companyInfo(companyName) };
  }

  if (entity && req.method === 'GET' && id !== undefined && extra === undefined) {
    const rec = store.get(entity, id);
    if (!rec) throw faults.notFound();
    return { [entity]: store.serialize(rec) };
  }
  if (entity && req.method === 'POST' && id === undefined) {
    if (entity !== 'Customer')
      throw faults.unsupportedOperation(
        `create/update ${entity} (the sandbox serves vendors and employees read-only)`,
      );
    const operation = req.url.searchParams.get('operation');
    if (operation !== null && operation !== 'update') {
      throw faults.unsupportedOperation(operation === 'delete' ? 'Delete' : operation);
    }
    const rec = writeCustomer(store, parseJson(req), nowMs);
    return { Customer: store.serialize(rec) };
  }
  if (resource === 'query' && id === undefined && (req.method === 'GET' || req.method === 'POST')) {
    // GET carries ?query=; POST sends the statement as the body (Content-Type: application/text).
    const text = req.method === 'GET' ? (req.url.searchParams.get('query') ?? '') : req.body;
    const plan = planQuery(parseQuery(text));
    return { QueryResponse: runQuery(store, plan) };
  }
  if (resource === 'cdc' && id === undefined && req.method === 'GET') return runCdc(store, req.url, nowMs);
  if (resource === 'batch' && id === undefined && req.method === 'POST') {
    return runBatch(store, parseJson(req), nowMs, hasRequestId);
  }
  throw unknownResource(req);
}

/** GET /companyinfo/{realmId}: the company's own record (what a client shows as "connected to"). */
function companyInfo(companyName: string): JsonObject {
  return {
    CompanyName: companyName,
    LegalName: companyName,
    CompanyAddr: {
      Id: '1',
      Line1: '1 Harbour Street',
      City: 'Sydney',
      CountrySubDivisionCode: 'NSW',
      PostalCode: '2000',
      Country: 'AU',
    },
    Country: 'AU',
    SupportedLanguages: 'en',
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
    MetaData: { CreateTime: '2019-07-01T09:00:00-07:00', LastUpdatedTime: '2019-07-01T09:00:00-07:00' },
  };
}

export function unknownResource(req: SandboxRequest) {
  const relative = req.url.pathname.replace(/^\/qbo/, '');
  return faults.unsupportedOperation(
    `Could not find resource for relative : ${relative} of full path: ${req.url.origin}${req.url.pathname}`,
  );
}

/** Bodies must say they are JSON: Intuit also reads XML, so it cannot guess (docs/sandbox.md). */
function parseJson(req: SandboxRequest): unknown {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw faults.unsupportedProperty('Content-Type must be application/json');
  }
  const text = req.body;
  if (text.trim() === '') throw faults.unsupportedProperty('the request has no body');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw faults.unsupportedProperty(e instanceof Error ? e.message : 'the body is not JSON');
  }
}

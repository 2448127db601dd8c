// Which Karbon endpoint a path names (KarbonAPI.json paths), in the OData forms Karbon answers:
// `Contacts/{key}`, `Contacts('{key}')` (the form of the Location header, optionally followed by
// the type segment), and the UserDefinedIdentifier functions, namespace-qualified or not.
import type { EntityType } from './state';

export type KarbonRoute =
  | { kind: 'collection'; type: EntityType }
  | { kind: 'record'; type: EntityType; key: string }
  | { kind: 'udi'; type: EntityType; udi: string | null }
  | { kind: 'card'; key: string }
  | { kind: 'settings' };

export interface MatchedRoute {
  route: KarbonRoute;
  /** Route name for request counting, e.g. "/v3/Contacts/{key}". */
  pattern: string;
  methods: readonly string[];
}

const COLLECTIONS: Record<string, EntityType> = { Contacts: 'Contact', Organizations: 'Organization' };

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** `path` is the raw (still percent-encoded) path after the /karbon prefix. */
export function matchRoute(path: string): MatchedRoute | null {
  if (path === '/v3/TenantSettings')
    return { route: { kind: 'settings' }, pattern: '/v3/TenantSettings', methods: ['GET'] };
  const card = /^\/v3\/BusinessCards\/([^/]+)$/.exec(path);
  if (card) {
    const key = decode(card[1] ?? '');
    return key
      ? { route: { kind: 'card', key }, pattern: '/v3/BusinessCards/{key}', methods: ['GET', 'PUT'] }
      : null;
  }
  const m = /^\/v3\/(Contacts|Organizations)(.*)$/.exec(path);
  const type = COLLECTIONS[m?.[1] ?? ''];
  if (!m || !type) return null;
  const collection = m[1] ?? '';
  const rest = m[2] ?? '';
  if (rest === '')
    return { route: { kind: 'collection', type }, pattern: `/v3/${collection}`, methods: ['GET', 'POST'] };

  const record = (key: string | null): MatchedRoute | null =>
    key
      ? {
          route: { kind: 'record', type, key },
          pattern: `/v3/${collection}/{key}`,
          methods: ['GET', 'PUT', 'PATCH'],
        }
      : null;
  const paren = new RegExp(`^\\('([^'/]+)'\\)(/KarbonService\\.${type}DTO)?$`).exec(rest);
  if (paren) return record(decode(paren[1] ?? ''));
  const segment = decode(rest.slice(1));
  if (!rest.startsWith('/') || segment === null) return null;

  const fn = `Get${type}ByUserDefinedIdentifier`;
  if (segment.startsWith(`${fn}(`) || segment.startsWith(`KarbonService.${fn}(`)) {
    const udi = new RegExp(`^(?:KarbonService\\.)?${fn}\\(UserDefinedIdentifier='((?:[^']|'')*)'\\)$`).exec(
      segment,
    );
    return {
      route: { kind: 'udi', type, udi: udi ? (udi[1] ?? '').replaceAll("''", "'") : null },
      pattern: `/v3/${collection}/${fn}`,
      methods: ['GET'],
    };
  }
  return segment.includes('/') ? null : record(segment);
}

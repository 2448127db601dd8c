// GET /v3/Contacts and /v3/Organizations: summary rows, at most 100 a page, `@odata.count` always,
// `@odata.nextLink` only while rows remain (carrying $filter, $orderby and $top forward, so a
// client follows it verbatim). `$top` is the page size, as Karbon's paging guide uses it.
import type { SandboxResponse } from '../core/types';
import { findVisible, type KarbonApi, ok, visible } from './api';
import { badRequest, fail } from './errors';
import { compileFilter, type FilterSpec } from './filter';
import type { EdmType } from './filter-parse';
import { nonNegativeInteger, type OrderClause, parseOrderBy, readQueryOptions } from './query';
import type { EntityType, KarbonContact } from './state';
import { type Entry, fullNameOf } from './tenant';
import { parseTimestamp } from './time';
import { contactSummary, organizationSummary, summaryValue } from './views';

const MAX_PAGE = 100;
const strings = (names: string[]): Record<string, EdmType> =>
  Object.fromEntries(names.map((n) => [n, 'Edm.String' as EdmType]));

const CONTACT_SUMMARY = [
  'ContactKey',
  'FullName',
  'PreferredName',
  'Salutation',
  'ClientOwner',
  'ClientManager',
  'Address',
  'EmailAddress',
  'PhoneNumber',
  'RoleOrTitle',
  'ContactType',
  'UserDefinedIdentifier',
  'ExternalKey',
];
const ORGANIZATION_SUMMARY = [
  'OrganizationKey',
  'FullName',
  'PhoneNumber',
  'EmailAddress',
  'Website',
  'ContactType',
  'UserDefinedIdentifier',
  'ExternalKey',
];
const nameAndEmail = { contains: true, caseInsensitive: true };

export const FILTER_SPECS: Record<EntityType, FilterSpec> = {
  Contact: {
    typeName: 'KarbonService.ContactSummaryDTO',
    properties: { ...strings(CONTACT_SUMMARY), LastModifiedDateTime: 'Edm.DateTimeOffset' },
    filterable: {
      FullName: nameAndEmail,
      EmailAddress: nameAndEmail,
      PhoneNumber: { contains: true, caseInsensitive: false },
      ContactType: { contains: true, caseInsensitive: false },
      ExternalKey: { contains: false, caseInsensitive: false },
    },
  },
  Organization: {
    typeName: 'KarbonService.OrganizationSummaryDTO',
    properties: { ...strings(ORGANIZATION_SUMMARY), LastModifiedDateTime: 'Edm.DateTimeOffset' },
    filterable: {
      FullName: nameAndEmail,
      EmailAddress: nameAndEmail,
      ContactType: { contains: true, caseInsensitive: false },
      ExternalKey: { contains: false, caseInsensitive: false },
    },
  },
};

/** Case-insensitive, by code unit: deterministic whatever the machine's locale data. */
function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBy(order: readonly OrderClause[]): (a: Entry, b: Entry) => number {
  return (a, b) => {
    for (const o of order) {
      const d =
        o.key === 'FullName'
          ? byText(fullNameOf(a.rec), fullNameOf(b.rec))
          : parseTimestamp(a.rec.LastModifiedDateTime) - parseTimestamp(b.rec.LastModifiedDateTime);
      if (d !== 0) return o.desc ? -d : d;
    }
    return a.seq - b.seq;
  };
}

function nextLink(
  api: KarbonApi,
  collection: string,
  opts: Record<string, string | undefined>,
  skip: number,
): string {
  const parts = ['$filter', '$orderby', '$top']
    .filter((name) => opts[name] !== undefined)
    .map((name) => `${name}=${encodeURIComponent(opts[name] ?? '')}`);
  return `${api.base}/${collection}?${[...parts, `$skip=${skip}`].join('&')}`;
}

export function listRecords(api: KarbonApi, type: EntityType, url: URL): SandboxResponse {
  const spec = FILTER_SPECS[type];
  const opts = readQueryOptions(url, ['$filter', '$orderby', '$top', '$skip', '$count']);
  let top = nonNegativeInteger('$top', opts.$top);
  if (top !== undefined && top > MAX_PAGE) {
    if (api.behaviour.topOverLimit === 'error') {
      fail(
        badRequest(
          `The limit of '${MAX_PAGE}' for Top query has been exceeded. The value from the incoming request is '${top}'.`,
        ),
      );
    }
    top = MAX_PAGE;
  }
  const skip = nonNegativeInteger('$skip', opts.$skip) ?? 0;
  const order = parseOrderBy(opts.$orderby, spec.typeName, Object.keys(spec.properties));
  const filter = opts.$filter?.trim() ? compileFilter(opts.$filter, spec) : undefined;

  const table = api.tenant.table(type);
  const rows = [...table.values()].filter(
    (e) => visible(api, e) && (!filter || filter((p) => summaryValue(e.rec, p))),
  );
  if (order.length > 0) rows.sort(compareBy(order));
  const pageSize = top ?? MAX_PAGE;
  const page = rows.slice(skip, skip + pageSize);
  const collection = type === 'Contact' ? 'Contacts' : 'Organizations';
  const more = page.length > 0 && skip + page.length < rows.length;
  return ok(200, {
    '@odata.context': `${api.base}/$metadata#${collection}/KarbonService.${type}SummaryDTO`,
    '@odata.count': rows.length,
    ...(more ? { '@odata.nextLink': nextLink(api, collection, opts, skip + page.length) } : {}),
    value: page.map((e) => ('ContactKey' in e.rec ? contactSummary(e.rec) : organizationSummary(e.rec))),
  });
}

/** People whose cards link them to this organization, for `$expand=Contacts`. */
export function membersOf(api: KarbonApi, organizationKey: string): KarbonContact[] {
  const out: KarbonContact[] = [];
  for (const e of api.tenant.contacts.values()) {
    if (
      e.rec.BusinessCards.some((c) => c.OrganizationKey === organizationKey) &&
      findVisible(api, 'Contact', e.rec.ContactKey)
    ) {
      out.push(e.rec);
    }
  }
  return out;
}

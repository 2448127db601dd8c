// OData system query options per endpoint, answered like ASP.NET's EnableQuery with an
// AllowedQueryOptions whitelist (karbon-notes §2, §6): a disallowed option gets the stock
// "Query option 'Select' is not allowed" message, a malformed one the ODataLib message.
import { badRequest, fail } from './errors';

/** ASP.NET's AllowedQueryOptions names, used in its messages. */
const OPTION_NAMES: Record<string, string> = {
  $filter: 'Filter',
  $expand: 'Expand',
  $select: 'Select',
  $orderby: 'OrderBy',
  $top: 'Top',
  $skip: 'Skip',
  $count: 'Count',
  $format: 'Format',
  $skiptoken: 'SkipToken',
  $deltatoken: 'DeltaToken',
  $apply: 'Apply',
  $compute: 'Compute',
  $search: 'Search',
};

export type QueryOptions = Partial<Record<keyof typeof OPTION_NAMES, string>>;

/**
 * Reads the system query options, rejecting repeats, unknown `$` options and those this endpoint
 * does not allow. Parameters without `$` are custom options: OData ignores them.
 */
export function readQueryOptions(url: URL, allowed: readonly string[]): QueryOptions {
  const out: QueryOptions = {};
  for (const [name, value] of url.searchParams) {
    if (!name.startsWith('$')) continue;
    const option = OPTION_NAMES[name];
    if (!option) fail(badRequest(`The query parameter '${name}' is not supported.`));
    if (!allowed.includes(name)) {
      fail(
        badRequest(
          `Query option '${option}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.`,
        ),
      );
    }
    if (out[name] !== undefined) {
      fail(
        badRequest(
          `Query option '${name}' was specified more than once, but it must be specified at most once.`,
        ),
      );
    }
    out[name] = value;
  }
  if (out.$count !== undefined && out.$count !== 'true' && out.$count !== 'false') {
    fail(badRequest(`'${out.$count}' is not a valid count option.`));
  }
  return out;
}

export function nonNegativeInteger(option: '$top' | '$skip', raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) {
    fail(
      badRequest(
        `Invalid value '${raw}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`,
      ),
    );
  }
  return Number(raw);
}

export type OrderKey = 'FullName' | 'LastModifiedDateTime';
export interface OrderClause {
  key: OrderKey;
  desc: boolean;
}

/** `$orderby`: FullName or LastModifiedDateTime, each optionally asc/desc (KarbonAPI.json enum). */
export function parseOrderBy(
  raw: string | undefined,
  typeName: string,
  properties: readonly string[],
): OrderClause[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_/.]*)(?:\s+(asc|desc))?\s*$/.exec(part);
    if (!m) fail(badRequest(`Syntax error at position ${raw.indexOf(part) + part.length} in '${raw}'.`));
    const name = m[1] ?? '';
    if (!properties.includes(name)) {
      fail(badRequest(`Could not find a property named '${name}' on type '${typeName}'.`));
    }
    if (name !== 'FullName' && name !== 'LastModifiedDateTime') {
      fail(badRequest(`The property '${name}' cannot be used in the $orderby query option.`));
    }
    return { key: name, desc: m[2] === 'desc' };
  });
}

/** `$expand=A,B`: each must be one of the endpoint's expandable properties. */
export function parseExpand(
  raw: string | undefined,
  typeName: string,
  allowed: readonly string[],
): Set<string> {
  const out = new Set<string>();
  if (raw === undefined) return out;
  for (const part of raw.split(',')) {
    const name = part.trim();
    if (!allowed.includes(name))
      fail(badRequest(`Could not find a property named '${name}' on type '${typeName}'.`));
    out.add(name);
  }
  return out;
}

// $filter as Karbon answers it (karbon-api.md "Paging and queries"; karbon-notes §6): parse and
// bind like ODataLib, reject what ASP.NET's query validator rejects (ne, or, startswith, day(),
// arithmetic) with its stock messages, then apply Karbon's whitelist: a few string properties
// with `eq` or `contains`, joined by `and`.
import { badRequest, fail } from './errors';
import { type EdmType, type FilterNode, parseFilter } from './filter-parse';

export interface FilterableProperty {
  contains: boolean;
  caseInsensitive: boolean;
}

export interface FilterSpec {
  /** The EDM type named in messages, e.g. "KarbonService.ContactSummaryDTO". */
  typeName: string;
  /** Every property the type has (binding succeeds), with its EDM type. */
  properties: Record<string, EdmType>;
  /** The whitelist: properties Karbon lets a $filter use. */
  filterable: Record<string, FilterableProperty>;
}

export type RowGetter = (property: string) => string | null;
export type RowPredicate = (get: RowGetter) => boolean;

const FUNCTION_TYPES: Record<string, EdmType> = {
  contains: 'Edm.Boolean',
  startswith: 'Edm.Boolean',
  endswith: 'Edm.Boolean',
  matchesPattern: 'Edm.Boolean',
  isof: 'Edm.Boolean',
  'geo.intersects': 'Edm.Boolean',
  length: 'Edm.Int32',
  indexof: 'Edm.Int32',
  year: 'Edm.Int32',
  month: 'Edm.Int32',
  day: 'Edm.Int32',
  hour: 'Edm.Int32',
  minute: 'Edm.Int32',
  second: 'Edm.Int32',
  totaloffsetminutes: 'Edm.Int32',
  substring: 'Edm.String',
  tolower: 'Edm.String',
  toupper: 'Edm.String',
  trim: 'Edm.String',
  concat: 'Edm.String',
  fractionalseconds: 'Edm.Decimal',
  totalseconds: 'Edm.Decimal',
  round: 'Edm.Decimal',
  floor: 'Edm.Decimal',
  ceiling: 'Edm.Decimal',
  'geo.distance': 'Edm.Decimal',
  'geo.length': 'Edm.Decimal',
  now: 'Edm.DateTimeOffset',
  maxdatetime: 'Edm.DateTimeOffset',
  mindatetime: 'Edm.DateTimeOffset',
  date: 'Edm.DateTimeOffset',
  cast: 'Edm.String',
};

const OPERATOR_NAMES: Record<string, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  has: 'Has',
  and: 'And',
  or: 'Or',
  not: 'Not',
  add: 'Add',
  sub: 'Subtract',
  mul: 'Multiply',
  div: 'Divide',
  mod: 'Modulo',
};

const ALLOW_HINT = 'property on EnableQueryAttribute or QueryValidationSettings.';
const numeric = (t: EdmType): boolean => t === 'Edm.Int32' || t === 'Edm.Decimal';

function bind(node: FilterNode, spec: FilterSpec): EdmType {
  switch (node.t) {
    case 'lit':
      return node.type;
    case 'prop': {
      const type = spec.properties[node.name];
      if (!type)
        fail(badRequest(`Could not find a property named '${node.name}' on type '${spec.typeName}'.`));
      return type;
    }
    case 'call': {
      const type = FUNCTION_TYPES[node.name];
      if (!type) {
        fail(
          badRequest(
            `An unknown function with name '${node.name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
          ),
        );
      }
      for (const a of node.args) bind(a, spec);
      return type;
    }
    case 'cmp': {
      const l = bind(node.l, spec);
      const r = bind(node.r, spec);
      const compatible = l === 'null' || r === 'null' || l === r || (numeric(l) && numeric(r));
      if (!compatible) {
        fail(
          badRequest(
            `A binary operator with incompatible types was detected. Found operand types '${l}' and '${r}' for operator kind '${OPERATOR_NAMES[node.op]}'.`,
          ),
        );
      }
      return 'Edm.Boolean';
    }
    case 'arith':
      bind(node.l, spec);
      bind(node.r, spec);
      return 'Edm.Decimal';
    case 'logic':
      bind(node.l, spec);
      bind(node.r, spec);
      return 'Edm.Boolean';
    case 'not':
      bind(node.e, spec);
      return 'Edm.Boolean';
  }
}

/** ASP.NET's FilterQueryValidator with only `and`, `eq` and `contains` allowed. */
function validate(node: FilterNode): void {
  switch (node.t) {
    case 'logic':
      if (node.op === 'or') notAllowed("Logical operator 'Or'", 'AllowedLogicalOperators');
      validate(node.l);
      validate(node.r);
      return;
    case 'not':
      notAllowed("Logical operator 'Not'", 'AllowedLogicalOperators');
      return;
    case 'cmp':
      if (node.op !== 'eq')
        notAllowed(`Logical operator '${OPERATOR_NAMES[node.op]}'`, 'AllowedLogicalOperators');
      validate(node.l);
      validate(node.r);
      return;
    case 'arith':
      notAllowed(`Arithmetic operator '${OPERATOR_NAMES[node.op]}'`, 'AllowedArithmeticOperators');
      return;
    case 'call':
      if (node.name !== 'contains') notAllowed(`Function '${node.name}'`, 'AllowedFunctions');
      for (const a of node.args) validate(a);
      return;
    default:
      return;
  }
}

/** The validator's one sentence for every operator or function outside the allowed set. */
function notAllowed(what: string, setting: string): never {
  fail(badRequest(`${what} is not allowed. To allow it, set the '${setting}' ${ALLOW_HINT}`));
}

const SHAPE_MESSAGE =
  "The $filter query option only supports comparing a property with a literal value using 'eq' or 'contains', joined by 'and'.";

function whitelisted(name: string, spec: FilterSpec, fn: 'eq' | 'contains'): FilterableProperty {
  const p = spec.filterable[name];
  if (!p) fail(badRequest(`The property '${name}' cannot be used in the $filter query option.`));
  if (fn === 'contains' && !p.contains) {
    fail(
      badRequest(
        `The property '${name}' cannot be used with the 'contains' function; only the 'eq' operator is supported.`,
      ),
    );
  }
  return p;
}

function compile(node: FilterNode, spec: FilterSpec): RowPredicate {
  if (node.t === 'logic') {
    const l = compile(node.l, spec);
    const r = compile(node.r, spec);
    return (get) => l(get) && r(get);
  }
  if (node.t === 'cmp') {
    const [prop, lit] = node.l.t === 'prop' ? [node.l, node.r] : [node.r, node.l];
    if (prop.t !== 'prop' || lit.t !== 'lit') return fail(badRequest(SHAPE_MESSAGE));
    const p = whitelisted(prop.name, spec, 'eq');
    if (lit.value === null) return (get) => get(prop.name) === null;
    const want = p.caseInsensitive ? String(lit.value).toLowerCase() : String(lit.value);
    return (get) => {
      const v = get(prop.name);
      return v !== null && (p.caseInsensitive ? v.toLowerCase() : v) === want;
    };
  }
  if (node.t === 'call' && node.args.length === 2) {
    const [prop, lit] = node.args;
    if (prop?.t !== 'prop' || lit?.t !== 'lit' || lit.type !== 'Edm.String')
      return fail(badRequest(SHAPE_MESSAGE));
    const p = whitelisted(prop.name, spec, 'contains');
    const want = p.caseInsensitive ? String(lit.value).toLowerCase() : String(lit.value);
    return (get) => {
      const v = get(prop.name);
      return v !== null && (p.caseInsensitive ? v.toLowerCase() : v).includes(want);
    };
  }
  if (node.t === 'call') {
    fail(
      badRequest(
        `No function signature for the function with name '${node.name}' matches the specified arguments.`,
      ),
    );
  }
  return fail(badRequest(SHAPE_MESSAGE));
}

/** Parses, binds, validates and compiles a $filter; throws the 400 Karbon would answer. */
export function compileFilter(src: string, spec: FilterSpec): RowPredicate {
  const tree = parseFilter(src);
  if (bind(tree, spec) !== 'Edm.Boolean')
    fail(badRequest('The $filter expression must evaluate to a single boolean value.'));
  validate(tree);
  return compile(tree, spec);
}

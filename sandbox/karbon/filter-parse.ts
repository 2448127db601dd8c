// An OData v4 $filter parser, enough of ODataLib's grammar to tell a whitelisted expression from
// everything else and to answer the way Karbon's ASP.NET OData stack does (syntax errors with
// positions, unknown properties, incompatible operand types), before the whitelist runs.
import { badRequest, fail } from './errors';

export type EdmType =
  | 'Edm.String'
  | 'Edm.Int32'
  | 'Edm.Decimal'
  | 'Edm.Boolean'
  | 'Edm.DateTimeOffset'
  | 'null';

export type FilterNode =
  | { t: 'logic'; op: 'and' | 'or'; l: FilterNode; r: FilterNode }
  | { t: 'not'; e: FilterNode }
  | { t: 'cmp'; op: CmpOp; l: FilterNode; r: FilterNode }
  | { t: 'arith'; op: ArithOp; l: FilterNode; r: FilterNode }
  | { t: 'call'; name: string; args: FilterNode[] }
  | { t: 'prop'; name: string }
  | { t: 'lit'; type: EdmType; value: string | number | boolean | null };

type CmpOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has';
type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
const CMP_OPS: readonly string[] = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'has'];
const ADD_OPS: readonly string[] = ['add', 'sub'];
const MUL_OPS: readonly string[] = ['mul', 'div', 'mod'];

interface Token {
  kind: 'ident' | 'string' | 'number' | 'datetime' | '(' | ')' | ',' | 'eof';
  text: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      out.push({ kind: c, text: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= src.length)
          fail(badRequest(`There is an unterminated string literal at position ${i} in '${src}'.`));
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j];
        j++;
      }
      out.push({ kind: 'string', text: value, pos: i });
      i = j + 1;
      continue;
    }
    const rest = src.slice(i);
    const dt = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?/.exec(rest);
    if (dt) {
      out.push({ kind: 'datetime', text: dt[0], pos: i });
      i += dt[0].length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/.exec(rest);
    if (num) {
      out.push({ kind: 'number', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_$][A-Za-z0-9_./]*/.exec(rest);
    if (id) {
      out.push({ kind: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    fail(badRequest(`Syntax error: character '${c}' is not valid at position ${i} in '${src}'.`));
  }
  out.push({ kind: 'eof', text: '', pos: src.length });
  return out;
}

export function parseFilter(src: string): FilterNode {
  const tokens = tokenize(src);
  let at = 0;
  const peek = (): Token => tokens[at] ?? { kind: 'eof', text: '', pos: src.length };
  const next = (): Token => {
    const t = peek();
    at++;
    return t;
  };
  const isWord = (words: readonly string[]): boolean =>
    peek().kind === 'ident' && words.includes(peek().text);
  const syntax = (t: Token): never => fail(badRequest(`Syntax error at position ${t.pos} in '${src}'.`));

  const binary = (
    sub: () => FilterNode,
    words: readonly string[],
    make: (op: string, l: FilterNode, r: FilterNode) => FilterNode,
  ): FilterNode => {
    let l = sub();
    while (isWord(words)) {
      const op = next().text;
      l = make(op, l, sub());
    }
    return l;
  };
  const orExpr = (): FilterNode => binary(andExpr, ['or'], (_op, l, r) => ({ t: 'logic', op: 'or', l, r }));
  const andExpr = (): FilterNode =>
    binary(cmpExpr, ['and'], (_op, l, r) => ({ t: 'logic', op: 'and', l, r }));
  const cmpExpr = (): FilterNode =>
    binary(addExpr, CMP_OPS, (op, l, r) => ({ t: 'cmp', op: op as CmpOp, l, r }));
  const addExpr = (): FilterNode =>
    binary(mulExpr, ADD_OPS, (op, l, r) => ({ t: 'arith', op: op as ArithOp, l, r }));
  const mulExpr = (): FilterNode =>
    binary(unary, MUL_OPS, (op, l, r) => ({ t: 'arith', op: op as ArithOp, l, r }));
  const unary = (): FilterNode => {
    if (isWord(['not'])) {
      next();
      return { t: 'not', e: unary() };
    }
    return primary();
  };
  const primary = (): FilterNode => {
    const t = next();
    switch (t.kind) {
      case '(': {
        const e = orExpr();
        if (next().kind !== ')')
          fail(badRequest(`')' or operator expected at position ${peek().pos} in '${src}'.`));
        return e;
      }
      case 'string':
        return { t: 'lit', type: 'Edm.String', value: t.text };
      case 'datetime':
        return { t: 'lit', type: 'Edm.DateTimeOffset', value: t.text };
      case 'number':
        return {
          t: 'lit',
          type: /[.eEmMdDfF]/.test(t.text) ? 'Edm.Decimal' : 'Edm.Int32',
          value: Number(t.text),
        };
      case 'ident':
        return identifier(t);
      case 'eof':
        return fail(badRequest(`Expression expected at position ${t.pos} in '${src}'.`));
      default:
        return syntax(t);
    }
  };
  const identifier = (t: Token): FilterNode => {
    if (t.text === 'true' || t.text === 'false')
      return { t: 'lit', type: 'Edm.Boolean', value: t.text === 'true' };
    if (t.text === 'null') return { t: 'lit', type: 'null', value: null };
    if (peek().kind !== '(') return { t: 'prop', name: t.text };
    next();
    const args: FilterNode[] = [];
    if (peek().kind !== ')') {
      args.push(orExpr());
      while (peek().kind === ',') {
        next();
        args.push(orExpr());
      }
    }
    if (next().kind !== ')') fail(badRequest(`')' or ',' expected at position ${peek().pos} in '${src}'.`));
    return { t: 'call', name: t.text, args };
  };

  const root = orExpr();
  if (peek().kind !== 'eof') syntax(peek());
  return root;
}

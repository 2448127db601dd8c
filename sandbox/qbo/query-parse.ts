import { faults } from './faults';

// The query language of qbo-notes §4.1:
//   SELECT * | COUNT(*) FROM <Entity> [WHERE c [AND c]...] [ORDERBY f [ASC|DESC][, ...]]
//   [STARTPOSITION n] [MAXRESULTS m]
// Keywords and names are case-insensitive; no OR, no projections. Syntax errors read like
// Intuit's JavaCC parser ("QueryParserError: Encountered ... at line 1, column N.").

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean };

export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface Condition {
  property: string;
  op: Operator;
  values: Literal[];
}

export interface ParsedQuery {
  count: boolean;
  entity: string;
  where: Condition[];
  orderBy: { property: string; desc: boolean }[];
  startPosition?: number;
  maxResults?: number;
}

type Token =
  | { type: 'ident'; text: string; col: number }
  | { type: 'string'; text: string; value: string; col: number }
  | { type: 'number'; text: string; col: number }
  | { type: 'symbol'; text: string; col: number }
  | { type: 'eof'; text: ''; col: number };

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'orderby',
  'order',
  'by',
  'asc',
  'desc',
  'startposition',
  'maxresults',
  'in',
  'like',
  'count',
]);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const col = i + 1;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))?.[0] ?? ch;
      tokens.push({ type: 'ident', text: m, col });
      i += m.length;
    } else if (/[0-9-]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i))?.[0];
      if (!m) throw lexical(col, ch);
      tokens.push({ type: 'number', text: m, col });
      i += m.length;
    } else if (ch === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        const c = text[j];
        if (c === undefined) throw lexical(text.length + 1, '<EOF>');
        if (c === '\\' && text[j + 1] === "'") {
          value += "'";
          j += 2;
        } else if (c === "'") {
          break;
        } else {
          value += c;
          j += 1;
        }
      }
      tokens.push({ type: 'string', text: text.slice(i, j + 1), value, col });
      i = j + 1;
    } else if (text.startsWith('<=', i) || text.startsWith('>=', i)) {
      tokens.push({ type: 'symbol', text: text.slice(i, i + 2), col });
      i += 2;
    } else if ('*(),=<>'.includes(ch)) {
      tokens.push({ type: 'symbol', text: ch, col });
      i += 1;
    } else {
      throw lexical(col, ch);
    }
  }
  tokens.push({ type: 'eof', text: '', col: text.length + 1 });
  return tokens;
}

function lexical(col: number, ch: string) {
  return faults.queryParse(`Lexical error at line 1, column ${col}.  Encountered: "${ch}"`);
}

function describe(t: Token): string {
  if (t.type === 'eof') return '"<EOF>"';
  if (t.type === 'ident') {
    const lower = t.text.toLowerCase();
    return KEYWORDS.has(lower) ? `" "${lower}" "${t.text} ""` : `" <IDENTIFIER> "${t.text} ""`;
  }
  if (t.type === 'string') return `" <STRING> "${t.text} ""`;
  if (t.type === 'number') return `" <INTEGER> "${t.text} ""`;
  return `" "${t.text}" "${t.text} ""`;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { type: 'eof', text: '', col: 0 };
  }

  private next(): Token {
    const t = this.peek();
    this.pos += 1;
    return t;
  }

  private fail(expected: string): never {
    const t = this.peek();
    throw faults.queryParse(
      `Encountered ${describe(t)} at line 1, column ${t.col}.\nWas expecting:\n    ${expected} ...`,
    );
  }

  private isKeyword(word: string): boolean {
    const t = this.peek();
    return t.type === 'ident' && t.text.toLowerCase() === word;
  }

  private keyword(word: string): void {
    if (!this.isKeyword(word)) this.fail(`"${word}"`);
    this.pos += 1;
  }

  private symbol(s: string): void {
    const t = this.peek();
    if (t.type !== 'symbol' || t.text !== s) this.fail(`"${s}"`);
    this.pos += 1;
  }

  private identifier(): string {
    const t = this.peek();
    if (t.type !== 'ident' || KEYWORDS.has(t.text.toLowerCase())) this.fail('<IDENTIFIER>');
    this.pos += 1;
    return t.text;
  }

  private integer(): number {
    const t = this.peek();
    if (t.type !== 'number' || !/^\d+$/.test(t.text)) this.fail('<INTEGER>');
    this.pos += 1;
    return Number(t.text);
  }

  private literal(): Literal {
    const t = this.next();
    if (t.type === 'string') return { kind: 'string', value: t.value };
    if (t.type === 'number') return { kind: 'number', value: Number(t.text) };
    if (t.type === 'ident' && /^(true|false)$/i.test(t.text))
      return { kind: 'bool', value: /^true$/i.test(t.text) };
    this.pos -= 1;
    return this.fail('<STRING>');
  }

  parse(): ParsedQuery {
    this.keyword('select');
    let count = false;
    if (this.isKeyword('count')) {
      this.pos += 1;
      this.symbol('(');
      this.symbol('*');
      this.symbol(')');
      count = true;
    } else {
      this.symbol('*');
    }
    this.keyword('from');
    const entity = this.identifier();
    const query: ParsedQuery = { count, entity, where: [], orderBy: [] };
    if (this.isKeyword('where')) {
      this.pos += 1;
      query.where.push(this.condition());
      while (this.isKeyword('and')) {
        this.pos += 1;
        query.where.push(this.condition());
      }
    }
    if (this.isKeyword('orderby') || this.isKeyword('order')) {
      if (this.next().text.toLowerCase() === 'order') this.keyword('by');
      do {
        if (query.orderBy.length > 0) this.symbol(',');
        const property = this.identifier();
        let desc = false;
        if (this.isKeyword('asc') || this.isKeyword('desc')) desc = this.next().text.toLowerCase() === 'desc';
        query.orderBy.push({ property, desc });
      } while (this.peek().type === 'symbol' && this.peek().text === ',');
    }
    for (let i = 0; i < 2; i += 1) {
      if (this.isKeyword('startposition') && query.startPosition === undefined) {
        this.pos += 1;
        query.startPosition = this.integer();
      } else if (this.isKeyword('maxresults') && query.maxResults === undefined) {
        this.pos += 1;
        query.maxResults = this.integer();
      }
    }
    if (this.peek().type !== 'eof') this.fail('<EOF>');
    return query;
  }

  private condition(): Condition {
    const property = this.identifier();
    const t = this.peek();
    if (t.type === 'ident' && t.text.toLowerCase() === 'in') {
      this.pos += 1;
      this.symbol('(');
      const values = [this.literal()];
      while (this.peek().type === 'symbol' && this.peek().text === ',') {
        this.pos += 1;
        values.push(this.literal());
      }
      this.symbol(')');
      return { property, op: 'IN', values };
    }
    if (t.type === 'ident' && t.text.toLowerCase() === 'like') {
      this.pos += 1;
      return { property, op: 'LIKE', values: [this.literal()] };
    }
    if (t.type === 'symbol' && isComparison(t.text)) {
      this.pos += 1;
      return { property, op: t.text, values: [this.literal()] };
    }
    return this.fail('"=" | "<" | ">" | "<=" | ">=" | "in" | "like"');
  }
}

function isComparison(text: string): text is '=' | '<' | '>' | '<=' | '>=' {
  return text === '=' || text === '<' || text === '>' || text === '<=' || text === '>=';
}

export function parseQuery(text: string): ParsedQuery {
  return new Parser(tokenize(text)).parse();
}

import { describe, expect, it } from 'vitest';
import { QboFault } from './faults';
import { parseQuery } from './query-parse';

function detailOf(text: string): string {
  try {
    parseQuery(text);
  } catch (e) {
    if (e instanceof QboFault) return `${e.errors[0]?.code} ${e.errors[0]?.Detail}`;
    throw e;
  }
  return 'parsed';
}

describe('parseQuery', () => {
  it.each([
    ['select * from Customer', { count: false, entity: 'Customer', where: [], orderBy: [] }],
    ['SELECT COUNT(*) FROM vendor', { count: true, entity: 'vendor' }],
    [
      "select * from Customer where Active IN (true, false) and DisplayName LIKE 'A%' orderby Id desc startposition 3 maxresults 10",
      {
        where: [
          {
            property: 'Active',
            op: 'IN',
            values: [
              { kind: 'bool', value: true },
              { kind: 'bool', value: false },
            ],
          },
          { property: 'DisplayName', op: 'LIKE', values: [{ kind: 'string', value: 'A%' }] },
        ],
        orderBy: [{ property: 'Id', desc: true }],
        startPosition: 3,
        maxResults: 10,
      },
    ],
    [
      "select * from Customer where DisplayName = 'O\\'Brien'",
      { where: [{ values: [{ kind: 'string', value: "O'Brien" }] }] },
    ],
    ['select * from Customer maxresults 5 startposition 2', { startPosition: 2, maxResults: 5 }],
    [
      'select * from Customer order by DisplayName asc, Id',
      {
        orderBy: [
          { property: 'DisplayName', desc: false },
          { property: 'Id', desc: false },
        ],
      },
    ],
    [
      "select * from Customer where MetaData.LastUpdatedTime >= '2024-01-01'",
      { where: [{ property: 'MetaData.LastUpdatedTime', op: '>=' }] },
    ],
  ])('%s', (text, expected) => {
    expect(parseQuery(text)).toMatchObject(expected);
  });

  it.each([
    [
      'select * from Customer where Id = 1 or Id = 2',
      /^4000 QueryParserError: Encountered " "or" "or "" at line 1, column 37\./,
    ],
    ['select * from', /^4000 QueryParserError: Encountered "<EOF>" at line 1, column 14\./],
    ['select * from Customer where DisplayName', /^4000 .*Encountered "<EOF>"/],
    ["select * from Customer where DisplayName = 'x", /^4000 QueryParserError: Lexical error/],
    ['select * from Customer;', /^4000 QueryParserError: Lexical error at line 1, column 23/],
    ['select * from Customer maxresults 1 maxresults 2', /^4000 /],
    ['select * from Customer group by Id', /^4000 .*<IDENTIFIER> "group/],
    ['select Id from Customer', /^4000 .*<IDENTIFIER> "Id/],
  ])('refuses %s', (text, detail) => {
    expect(detailOf(text)).toMatch(detail);
  });
});

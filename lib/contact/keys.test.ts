// The comparison keys exactly as product.md "Matching rules" defines them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  emailKeys,
  intersects,
  karbonOrganizationNameKeys,
  karbonPersonNameKeys,
  karbonSummaryPersonNameKeys,
  norm,
  quickBooksNameKeys,
} from './keys';

const qbo = (displayName: string, givenName = '', familyName = '', companyName = '') => ({
  displayName,
  givenName,
  familyName,
  companyName,
});

describe('norm', () => {
  it.each([
    ['  Ada   LOVELACE ', 'ada lovelace'],
    ['Ａｄａ\u3000Lovelace', 'ada lovelace'], // full-width letters and space (NFKC)
    ['Ada\t\nLovelace', 'ada lovelace'],
    ['ﬁne', 'fine'], // ligature (NFKC)
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(norm(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => norm(norm(s)) === norm(s)));
  });
});

describe('name keys', () => {
  it('QuickBooks: DisplayName, Given + Family when either is present, CompanyName; " (deleted)" ignored', () => {
    expect([...quickBooksNameKeys(qbo('Lovelace, Ada', 'Ada', 'Lovelace', 'Engines Ltd'))].sort()).toEqual([
      'ada lovelace',
      'engines ltd',
      'lovelace, ada',
    ]);
    expect([...quickBooksNameKeys(qbo('Ada Lovelace (deleted)'))]).toEqual(['ada lovelace']);
    expect([...quickBooksNameKeys(qbo('Ada L', 'Ada'))].sort()).toEqual(['ada', 'ada l']);
  });

  it('Karbon person: "First Last", "First Middle Last" when a middle name exists, "Last, First"', () => {
    expect([...karbonPersonNameKeys('Ada', '', 'Lovelace')].sort()).toEqual([
      'ada lovelace',
      'lovelace, ada',
    ]);
    expect([...karbonPersonNameKeys('Ada', 'King', 'Lovelace')].sort()).toEqual([
      'ada king lovelace',
      'ada lovelace',
      'lovelace, ada',
    ]);
    expect([...karbonOrganizationNameKeys('  Engines  LTD ')]).toEqual(['engines ltd']);
  });

  it('a Karbon list row: the whole FullName, first and last word when there are more, and "Last, First"', () => {
    expect([...karbonSummaryPersonNameKeys('Ada King Lovelace')].sort()).toEqual([
      'ada king lovelace',
      'ada lovelace',
      'lovelace, ada',
    ]);
    expect([...karbonSummaryPersonNameKeys('Ada Lovelace')].sort()).toEqual([
      'ada lovelace',
      'lovelace, ada',
    ]);
    expect([...karbonSummaryPersonNameKeys('Cher')]).toEqual(['cher']);
  });

  it('a list row of a full record gives every key the full record gives without a middle name', () => {
    const word = fc.stringMatching(/^[A-Za-z]{1,8}$/u);
    fc.assert(
      fc.property(word, word, (first, last) => {
        const full = karbonPersonNameKeys(first, '', last);
        const row = karbonSummaryPersonNameKeys(`${first} ${last}`);
        return [...full].every((k) => row.has(k));
      }),
    );
  });
});

describe('email keys', () => {
  it('every address, trimmed and lower-cased; comma or semicolon separated', () => {
    expect([...emailKeys(' Ada@Example.com, billing@x.io;ADA@example.com ')].sort()).toEqual([
      'ada@example.com',
      'billing@x.io',
    ]);
    expect([...emailKeys(['A@x.io', ' '])]).toEqual(['a@x.io']);
  });

  it('an empty email matches nothing: two records without email never match by email', () => {
    expect(emailKeys('').size).toBe(0);
    expect(emailKeys(' , ; ').size).toBe(0);
    expect(intersects(emailKeys(''), emailKeys(''))).toBe(false);
  });
});

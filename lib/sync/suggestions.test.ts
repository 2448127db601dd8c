import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import type { KarbonSummary, QuickBooksCustomer } from './ports';
import {
  buildSuggestionIndex,
  type MatchRecord,
  matchRecordFromCustomer,
  matchRecordFromKarbonSummary,
  STRONG_FUZZY_CANDIDATE_SCORE,
  scoreCandidates,
  strongFuzzyCandidate,
  suggest,
} from './suggestions';

let n = 0;
function rec(names: string[], more: Partial<Omit<MatchRecord, 'id' | 'names'>> = {}): MatchRecord {
  n++;
  return { id: `r${n}`, names, emails: [], phones: [], postalCodes: [], ...more };
}

type Band = 'strong' | 'shown' | 'weak';
const band = (score: number): Band =>
  score >= STRONG_FUZZY_CANDIDATE_SCORE ? 'strong' : score >= 20 ? 'shown' : 'weak';

const pairs: [string, MatchRecord, MatchRecord, Band, string[]][] = [
  ['"Ltd" / "Limited" and case → strong', rec(['Acme Ltd']), rec(['ACME Limited']), 'strong', ['name']],
  [
    'the same company name with different emails → still strong',
    rec(['Acme Ltd'], { emails: ['a@acme.com'] }),
    rec(['Acme Limited'], { emails: ['b@other.com'] }),
    'strong',
    ['name'],
  ],
  ['honorific and "Last, First" → strong', rec(['Dr. Jane Smith']), rec(['Smith, Jane']), 'strong', ['name']],
  [
    '"&" / "and" and a legal form → strong',
    rec(['Smith & Jones LLP']),
    rec(['Smith and Jones']),
    'strong',
    ['name'],
  ],
  ['diacritics → strong', rec(['José Müller']), rec(['Jose Muller']), 'strong', ['name']],
  ['words run together → strong', rec(['Mary McDonald']), rec(['Mary Mc Donald']), 'strong', ['name']],
  ['a middle name on one side → strong', rec(['Jane Smith']), rec(['Jane A Smith']), 'strong', ['name']],
  ['a typo alone → shown, not strong', rec(['Jon Smith']), rec(['John Smith']), 'shown', ['name']],
  [
    'a typo and the same phone digits → strong',
    rec(['Jon Smith'], { phones: ['555 123 4567'] }),
    rec(['John Smith'], { phones: ['+1 (555) 123-4567'] }),
    'strong',
    ['phone', 'name'],
  ],
  [
    'a typo and the same postal code → strong',
    rec(['Jon Smith'], { postalCodes: ['SW1A 1AA'] }),
    rec(['John Smith'], { postalCodes: ['sw1a1aa'] }),
    'strong',
    ['name', 'postalCode'],
  ],
  [
    'a typo and the same company email domain → strong',
    rec(['Jon Smith'], { emails: ['jon@acme.com'] }),
    rec(['John Smith'], { emails: ['john@acme.com'] }),
    'strong',
    ['name', 'email'],
  ],
  [
    'a typo and the same free-mail domain → not strong',
    rec(['Jon Smith'], { emails: ['jon@gmail.com'] }),
    rec(['John Smith'], { emails: ['john@gmail.com'] }),
    'shown',
    ['name'],
  ],
  ['an initial for the first name → shown', rec(['J Smith']), rec(['John Smith']), 'shown', ['name']],
  [
    'the same email, another name → strong',
    rec(['Smith Family Trust'], { emails: ['jane@x.com'] }),
    rec(['Jane Smith'], { emails: ['JANE@x.com'] }),
    'strong',
    ['email', 'name'],
  ],
  ['another first name, same surname → weak', rec(['John Smith']), rec(['Jane Smith']), 'weak', ['name']],
  [
    'a sister company sharing one word → weak',
    rec(['Acme Ltd']),
    rec(['Acme Holdings Ltd']),
    'weak',
    ['name'],
  ],
  ['different names → weak, nothing agrees', rec(['Acme Ltd']), rec(['Apex Ltd']), 'weak', []],
  [
    'nothing in common → weak',
    rec(['Bob Brown'], { phones: ['555 000 0000'] }),
    rec(['Alice Green'], { phones: ['555 999 9999'] }),
    'weak',
    [],
  ],
];

describe('scoring a candidate', () => {
  it.each(pairs)('%s', (_name, a, b, expected, agreeing) => {
    const [s] = scoreCandidates(a, [b]);
    expect(s && band(s.score)).toBe(expected);
    expect(s?.agreeing).toEqual(agreeing);
    // The same two records score the same either way round.
    expect(scoreCandidates(b, [a])[0]?.score).toBe(s?.score);
  });

  it('explains each agreement and disagreement with its weight', () => {
    const [s] = scoreCandidates(rec(['Jon Smith'], { emails: ['a@x.com'], phones: ['5551234567'] }), [
      rec(['John Smith'], { emails: ['b@y.com'], phones: ['555 123 4567'] }),
    ]);
    expect(s?.agreements.map((e) => [e.field, e.level])).toEqual([
      ['phone', 'exact'],
      ['name', 'close'],
    ]);
    expect(s?.disagreements).toMatchObject([{ field: 'email', level: 'different' }]);
    expect(s?.agreements.every((e) => e.weight > 0 && e.detail.length > 0)).toBe(true);
  });

  it('a rare shared name counts for more than a common one', () => {
    const common = Array.from({ length: 300 }, (_, i) => rec([`Person${i} Smith`]));
    const rareTarget = rec(['Zebulon Quackenbush']);
    const commonTarget = rec(['John Smith']);
    const ranked = scoreCandidates(rec(['Quackenbush']), [...common, rareTarget]);
    const rankedCommon = scoreCandidates(rec(['Smith']), [...common, commonTarget]);
    const rare = ranked.find((s) => s.id === rareTarget.id)?.score ?? 0;
    const plain = rankedCommon.find((s) => s.id === commonTarget.id)?.score ?? 0;
    expect(rare).toBeGreaterThan(plain);
  });

  it('ranks the best candidate first', () => {
    const a = rec(['Acme Ltd'], { emails: ['ops@acme.com'] });
    const ranked = scoreCandidates(a, [
      rec(['Apex Ltd']),
      rec(['Acme Holdings']),
      rec(['ACME Limited'], { emails: ['ops@acme.com'] }),
    ]);
    expect(ranked.map((s) => s.score)).toEqual([...ranked.map((s) => s.score)].sort((x, y) => y - x));
    expect(ranked[0]?.agreeing).toEqual(['email', 'name']);
  });
});

describe('suggest with blocking', () => {
  const karbon = [
    rec(['ACME Limited'], { emails: ['ops@acme.com'] }),
    rec(['John Smith'], { phones: ['+1 555 123 4567'] }),
    rec(['Mary Mc Donald']),
    rec(['Quixotik Widgets']),
    rec(['Unrelated Person']),
  ];
  const index = buildSuggestionIndex(karbon);

  it.each([
    ['a legal-form variant', rec(['Acme Ltd']), karbon[0]],
    ['a typo in the first name', rec(['Jon Smith'], { phones: ['555-123-4567'] }), karbon[1]],
    ['words run together', rec(['Mary McDonald']), karbon[2]],
    ['a typo in a one-word name', rec(['Quixotic Widgets']), karbon[3]],
    ['the same email only', rec(['Someone Else'], { emails: ['OPS@acme.com'] }), karbon[0]],
    ['the same phone only', rec(['Nobody'], { phones: ['(555) 123 4567'] }), karbon[1]],
  ])('finds %s', (_name, record, expected) => {
    expect(suggest(index, record)[0]?.id).toBe(expected?.id);
  });

  it('a typo that changes which word sorts first still shares a key, among a crowd with the same first name', () => {
    // "jmoi" sorts before "judj", "jxoi" after it: the word-pair keys must not depend on that order.
    const crowd = Array.from({ length: 120 }, (_, i) =>
      rec([`Judj Other${String.fromCharCode(97 + (i % 20))}${i}`]),
    );
    const target = rec(['Judj Jmoi']);
    const crowded = buildSuggestionIndex([...crowd, target]);
    expect(suggest(crowded, rec(['Judj Jxoi']), { minScore: 0 }).map((x) => x.id)).toContain(target.id);
  });

  it('finds nothing for a stranger', () => {
    expect(suggest(index, rec(['Zed Zebra']))).toEqual([]);
  });

  it('respects limit and minScore', () => {
    expect(suggest(index, rec(['Acme Ltd']), { minScore: 99 })).toEqual([]);
    expect(suggest(index, rec(['Smith']), { limit: 1, minScore: 0 }).length).toBeLessThanOrEqual(1);
  });

  it('strongFuzzyCandidate gives the top suggestion only when it is strong', () => {
    expect(strongFuzzyCandidate(suggest(index, rec(['Acme Ltd'])))?.id).toBe(karbon[0]?.id);
    expect(strongFuzzyCandidate(suggest(index, rec(['Jon Smith'])))).toBeNull();
    expect(strongFuzzyCandidate([])).toBeNull();
    expect(strongFuzzyCandidate(suggest(index, rec(['Jon Smith'])), 30)?.id).toBe(karbon[1]?.id);
  });
});

describe('records from the engine shapes', () => {
  it('a QuickBooks customer goes by every name it has', () => {
    const customer = {
      id: '42',
      displayName: 'Smith, Jane (Bookkeeping)',
      givenName: 'Jane',
      familyName: 'Smith',
      companyName: 'Smith Consulting',
      contact: makeContact('person', {
        firstName: 'Jane',
        lastName: 'Smith',
        email: 'a@x.com, b@y.com',
        phoneMobile: '555 1234 567',
        mailingPostalCode: '12345',
      }),
    } as Pick<
      QuickBooksCustomer,
      'id' | 'displayName' | 'givenName' | 'familyName' | 'companyName' | 'contact'
    >;
    const r = matchRecordFromCustomer(customer as QuickBooksCustomer);
    expect(r).toEqual({
      id: '42',
      names: ['Jane Smith', 'Smith, Jane (Bookkeeping)', 'Smith Consulting'],
      emails: ['a@x.com', 'b@y.com'],
      phones: ['555 1234 567'],
      postalCodes: ['12345'],
    });
  });

  it('a Karbon list row gives its full name, email and phone', () => {
    const s: KarbonSummary = {
      kind: 'contact',
      key: 'K1',
      fullName: 'Jane Smith',
      email: 'a@x.com',
      phone: '',
      contactType: 'Client',
      userDefinedIdentifier: '',
      lastModified: '',
    };
    expect(matchRecordFromKarbonSummary(s, 'contact:K1')).toEqual({
      id: 'contact:K1',
      names: ['Jane Smith'],
      emails: ['a@x.com'],
      phones: [],
      postalCodes: [],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { DuplicateRow, LinkRow, UnlinkRow } from '../db/rows';
import { defaultSettings } from '../db/settings';
import { customerFingerprint } from './fingerprint';
import type { Plan, PlanOperation } from './plan';
import { type PlannerInput, plan, type SuggestFn } from './planner';
import type { KarbonRecord, KarbonSummary, QuickBooksCustomer } from './ports';
import {
  type CustomerSpec,
  customer,
  itemRow,
  linkRow,
  record,
  type SummarySpec,
  summary,
} from './test-records';

interface Case {
  name: string;
  customers: CustomerSpec[];
  karbon: SummarySpec[];
  details?: KarbonRecord[];
  external?: Record<string, string[] | null>;
  links?: LinkRow[];
  unlinks?: UnlinkRow[];
  items?: DuplicateRow[];
  settings?: Partial<PlannerInput['settings']>;
  suggest?: SuggestFn;
  partial?: PlannerInput['partial'];
  /** One line per operation, see `describe()`. */
  expected: string[];
}

/** Plans with every ExternalKey answered "none" unless the case says otherwise. */
function finalPlan(c: Case): Plan {
  const customers = c.customers.map(customer);
  const input: PlannerInput = {
    customers,
    karbon: c.karbon.map(summary),
    details: new Map(c.details?.map((d) => [`${d.kind}:${d.key}`, d])),
    externalKeys: new Map(
      customers.map((q) => [q.id, c.external?.[q.id] === undefined ? [] : (c.external[q.id] ?? null)]),
    ),
    links: c.links ?? [],
    unlinks: c.unlinks ?? [],
    items: c.items ?? [],
    settings: { ...defaultSettings, ...c.settings },
    suggest: c.suggest,
    partial: c.partial,
  };
  return plan(input);
}

function describeOp(op: PlanOperation): string {
  switch (op.type) {
    case 'link':
      return `link ${op.quickBooksId} → ${op.karbon.key} (${op.how})`;
    case 'create-in-karbon':
      return `create ${op.quickBooksId} as ${op.kind} "${op.contactType}" ${op.identifier}`;
    case 'review':
      return `review ${op.quickBooksId} ${op.why}: ${op.candidates.map((c) => `${c.id}[${c.reasons.join('+')}]`).join(' ')}`;
    case 'leave-out':
      return `leave out ${op.quickBooksId} (${op.reason})`;
    case 'close-item':
      return `close item ${op.itemId}`;
    case 'mark-link':
      return `mark ${op.quickBooksId} ${op.to}`;
  }
}

const ada = { id: '1', given: 'Ada', family: 'Lovelace', email: 'ada@example.com' };

const cases: Case[] = [
  {
    name: 'same name and email, one unlinked Karbon contact → linked automatically',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'case, spacing and Unicode width do not prevent an exact match',
    customers: [{ id: '1', displayName: '  ADA   Lovelace ', email: ' Ada@Example.COM' }],
    karbon: [{ key: 'K1', name: 'Ａｄａ Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'QuickBooks "Lovelace, Ada" matches Karbon "Ada Lovelace"',
    customers: [{ id: '1', displayName: 'Lovelace, Ada', email: 'ada@example.com' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'a Karbon middle name still matches first and last',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada King Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'a trailing " (deleted)" on the QuickBooks name is ignored',
    customers: [{ id: '1', displayName: 'Ada Lovelace (deleted)', email: 'ada@example.com' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'an organization matches a Karbon organization by company name and email',
    customers: [{ id: '2', company: 'Analytical Engines Ltd', email: 'office@engines.example' }],
    karbon: [
      { key: 'O1', kind: 'organization', name: 'analytical engines ltd', email: 'office@engines.example' },
    ],
    expected: ['link 2 → O1 (exact-match)'],
  },
  {
    name: 'one of several QuickBooks emails equal to the Karbon email is an email match',
    customers: [{ ...ada, email: 'billing@example.com, ada@example.com' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'no email on either side: a name match alone is partial → review',
    customers: [{ ...ada, email: '' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace' }],
    expected: ['review 1 partial: K1[name]'],
  },
  {
    name: 'same email, different name → review by email',
    customers: [{ ...ada, given: 'Augusta' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['review 1 partial: K1[email]'],
  },
  {
    name: 'same name, different email → review by name',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'countess@example.com' }],
    expected: ['review 1 partial: K1[name]'],
  },
  {
    name: "a partial candidate's details holding the QuickBooks email make it exact → linked",
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'countess@example.com' }],
    details: [
      record({
        key: 'K1',
        name: 'Ada Lovelace',
        first: 'Ada',
        last: 'Lovelace',
        emails: ['countess@example.com', 'ada@example.com'],
      }),
    ],
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: 'two exact candidates → review, both listed',
    customers: [ada],
    karbon: [
      { key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { key: 'K2', name: 'Ada Lovelace', kind: 'organization', email: 'ada@example.com' },
    ],
    expected: ['review 1 several-exact: K1[name+email] K2[name+email]'],
  },
  {
    name: 'an exact candidate already linked to another customer → review',
    customers: [ada, { id: '9', displayName: 'Ada Byron' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    links: [linkRow('9', 'K1')],
    expected: ['review 1 exact-already-linked: K1[name+email]'],
  },
  {
    name: 'a pair a person unlinked is never linked again automatically → review',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    unlinks: [{ quickBooksId: '1', karbonKey: 'K1', at: '', runId: 'r' }],
    expected: ['review 1 exact-unlinked-by-person: K1[name+email]'],
  },
  {
    name: 'two customers sharing one sole exact candidate are both reviewed, neither linked',
    customers: [ada, { ...ada, id: '3' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['review 1 shared-candidate: K1[name+email]', 'review 3 shared-candidate: K1[name+email]'],
  },
  {
    name: 'no match by name or email → created in Karbon with the Contact Type from settings',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Grace Hopper', email: 'grace@example.com' }],
    settings: { newContactType: 'Prospect' },
    expected: ['create 1 as contact "Prospect" QBO-1'],
  },
  {
    name: 'an organization with no match is created as a Karbon organization',
    customers: [{ id: '2', company: 'Analytical Engines Ltd' }],
    karbon: [],
    expected: ['create 2 as organization "Client" QBO-2'],
  },
  {
    name: 'inactive customers are never created in Karbon',
    customers: [{ ...ada, active: false }],
    karbon: [],
    expected: ['leave out 1 (inactive)'],
  },
  {
    name: 'sub-customers (jobs) are left out',
    customers: [{ ...ada, isJob: true }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    expected: ['leave out 1 (sub-customer)'],
  },
  {
    name: 'sub-customers are planned like clients when the setting asks for them',
    customers: [{ ...ada, isJob: true }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    settings: { includeSubCustomers: true },
    expected: ['link 1 → K1 (exact-match)'],
  },
  {
    name: "a record Karbon's own integration linked (ExternalKey) is linked instead of created",
    customers: [ada],
    karbon: [{ key: 'K7', name: 'A. Lovelace', email: 'old@example.com' }],
    external: { '1': ['K7'] },
    expected: ['link 1 → K7 (external-key)'],
  },
  {
    name: 'an ExternalKey record already linked elsewhere → review with the record flagged',
    customers: [ada, { id: '9', displayName: 'Ada Byron' }],
    karbon: [{ key: 'K7', name: 'A. Lovelace', email: 'old@example.com' }],
    external: { '1': ['K7'] },
    links: [linkRow('9', 'K7')],
    expected: ['review 1 external-key-conflict: K7[]'],
  },
  {
    name: 'when the ExternalKey lookup failed the customer is not created blindly',
    customers: [ada],
    karbon: [],
    external: { '1': null },
    expected: ['leave out 1 (unchecked)'],
  },
  {
    name: 'a record carrying our identifier (created by an interrupted run) is linked, not created again',
    customers: [ada],
    karbon: [{ key: 'K5', name: 'Ada Lovelace', email: 'ada@example.com', identifier: 'qbo-1' }],
    expected: ['link 1 → K5 (identifier)'],
  },
  {
    name: 'a record with our identifier that a person unlinked is not linked again; a new one gets the next identifier',
    customers: [ada],
    karbon: [{ key: 'K5', name: 'Someone Else', email: 'else@example.com', identifier: 'QBO-1' }],
    unlinks: [{ quickBooksId: '1', karbonKey: 'K5', at: '', runId: 'r' }],
    expected: ['create 1 as contact "Client" QBO-1-2'],
  },
  {
    name: 'a likely duplicate (strong fuzzy suggestion) waits for review when the setting is on',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelase', email: 'a.lovelace@example.com' }],
    suggest: () => [{ ref: 'contact:K1', score: 92, agreeing: ['name'] }],
    expected: ['review 1 likely-duplicate: K1[]'],
  },
  {
    name: 'a likely duplicate is created when fuzzy review is off',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelase', email: 'a.lovelace@example.com' }],
    settings: { fuzzyReview: false },
    suggest: () => [{ ref: 'contact:K1', score: 92, agreeing: ['name'] }],
    expected: ['create 1 as contact "Client" QBO-1'],
  },
  {
    name: 'a weak fuzzy suggestion does not stop the create',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelase', email: 'a.lovelace@example.com' }],
    suggest: () => [{ ref: 'contact:K1', score: 40, agreeing: [] }],
    expected: ['create 1 as contact "Client" QBO-1'],
  },
  {
    name: 'a linked customer made inactive marks its link inactive',
    customers: [{ ...ada, active: false }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    links: [linkRow('1', 'K1')],
    expected: ['mark 1 inactive'],
  },
  {
    name: 'a linked Karbon record no longer listed marks its link gone',
    customers: [ada],
    karbon: [],
    links: [linkRow('1', 'K1')],
    expected: ['mark 1 gone'],
  },
  {
    name: 'partial lists (incremental run): a record not read is not taken for gone',
    customers: [{ ...ada, id: '2' }],
    karbon: [],
    links: [linkRow('1', 'K1'), linkRow('3', 'K3')],
    items: [itemRow('D9', '9', 'open', 'x')],
    partial: { quickbooks: true, karbon: true },
    expected: ['create 2 as contact "Client" QBO-2'],
  },
  {
    name: 'full lists: the same absences mark links gone and close the item',
    customers: [{ ...ada, id: '2' }],
    karbon: [],
    links: [linkRow('1', 'K1'), linkRow('3', 'K3')],
    items: [itemRow('D9', '9', 'open', 'x')],
    expected: ['mark 1 gone', 'mark 3 gone', 'create 2 as contact "Client" QBO-2', 'close item D9'],
  },
  {
    name: 'a linked pair with nothing changed plans nothing',
    customers: [ada],
    karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
    links: [linkRow('1', 'K1')],
    expected: [],
  },
  {
    name: 'a person with a one-word name and no match → review (Karbon needs a first and a last name), not a create',
    customers: [{ id: '1', displayName: 'Cher', email: 'cher@example.com' }],
    karbon: [],
    expected: ['review 1 name-incomplete: '],
  },
  {
    name: 'a first name alone is just as incomplete → review',
    customers: [{ id: '1', given: 'Cher', email: 'cher@example.com' }],
    karbon: [],
    expected: ['review 1 name-incomplete: '],
  },
  {
    name: 'a one-word DisplayName that is a company (CompanyName) → created as an organization',
    customers: [{ id: '1', company: 'Costco', email: 'ap@costco.example' }],
    karbon: [],
    expected: ['create 1 as organization "Client" QBO-1'],
  },
  {
    name: 'a DisplayName of two words or "Last, First" gives both names → created',
    customers: [
      { id: '1', displayName: 'Ada Byron' },
      { id: '2', displayName: 'Hopper, Grace' },
    ],
    karbon: [],
    expected: ['create 1 as contact "Client" QBO-1', 'create 2 as contact "Client" QBO-2'],
  },
];

describe('planner: matching rules', () => {
  it.each(cases)('$name', (c) => {
    expect(finalPlan(c).operations.map(describeOp)).toEqual(c.expected);
  });
});

describe('planner: reads it asks for', () => {
  const input = (karbon: KarbonSummary[], customers: QuickBooksCustomer[]): PlannerInput => ({
    customers,
    karbon,
    details: new Map(),
    externalKeys: new Map(),
    links: [],
    unlinks: [],
    items: [],
    settings: defaultSettings,
  });

  it('an exact link needs no ExternalKey lookup and no details', () => {
    const p = plan(
      input([summary({ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' })], [customer(ada)]),
    );
    expect(p.needs).toEqual({ details: [], externalKeys: [] });
  });

  it('a customer about to be created or reviewed is checked against ExternalKey first, once, for its kind', () => {
    const p = plan(input([], [customer(ada), customer({ id: '2', company: 'Engines Ltd' })]));
    expect(p.needs.externalKeys).toEqual([
      { quickBooksId: '1', kind: 'contact' },
      { quickBooksId: '2', kind: 'organization' },
    ]);
  });

  it('the partial candidates of a review get their details fetched, exact ones do not', () => {
    const p = plan(
      input(
        [
          summary({ key: 'K1', name: 'Ada Lovelace', email: 'other@example.com' }),
          summary({ key: 'K2', name: 'Augusta King', email: 'ada@example.com' }),
        ],
        [customer(ada)],
      ),
    );
    expect(p.needs.details).toEqual([
      { kind: 'contact', key: 'K1' },
      { kind: 'contact', key: 'K2' },
    ]);
  });
});

describe('planner: duplicate items', () => {
  const base: Omit<Case, 'name' | 'expected'> = {
    customers: [{ ...ada, email: '' }],
    karbon: [{ key: 'K1', name: 'Ada Lovelace' }],
  };

  it('a skipped item whose customer did not change stays out of the queue', () => {
    const fp = customerFingerprint(customer({ ...ada, email: '' }));
    const p = finalPlan({ ...base, name: '', items: [itemRow('D1', '1', 'skipped', fp)], expected: [] });
    expect(p.operations.map(describeOp)).toEqual(['leave out 1 (skipped)']);
  });

  it('a skipped item whose customer changed is planned again, as the same item', () => {
    const p = finalPlan({ ...base, name: '', items: [itemRow('D1', '1', 'skipped', 'stale')], expected: [] });
    expect(p.operations).toMatchObject([{ type: 'review', quickBooksId: '1', itemId: 'D1' }]);
  });

  it('an open item whose customer now matches exactly is closed by the link', () => {
    const p = finalPlan({
      name: '',
      customers: [ada],
      karbon: [{ key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' }],
      items: [itemRow('D1', '1', 'open', 'x')],
      expected: [],
    });
    expect(p.operations).toMatchObject([{ type: 'link', quickBooksId: '1', itemId: 'D1' }]);
  });

  it('a one-word name waits once: an unchanged item is not rewritten, and once QuickBooks holds both names it is created, closing the item', () => {
    const cher = { id: '1', displayName: 'Cher', email: 'cher@example.com' };
    const item = {
      ...itemRow('D1', '1', 'open', customerFingerprint(customer(cher))),
      why: 'name-incomplete' as const,
    };
    const waiting = finalPlan({ name: '', customers: [cher], karbon: [], items: [item], expected: [] });
    expect(waiting.operations).toMatchObject([
      { type: 'review', why: 'name-incomplete', itemId: 'D1', candidates: [] },
    ]);
    const fixed = finalPlan({
      name: '',
      customers: [{ ...cher, given: 'Cherilyn', family: 'Sarkisian' }],
      karbon: [],
      items: [item],
      expected: [],
    });
    expect(fixed.operations).toMatchObject([{ type: 'create-in-karbon', quickBooksId: '1', itemId: 'D1' }]);
  });

  it('an open item whose customer became inactive is closed', () => {
    const p = finalPlan({
      ...base,
      name: '',
      customers: [{ ...ada, active: false }],
      items: [itemRow('D1', '1', 'open', 'x')],
      expected: [],
    });
    expect(p.operations.map(describeOp)).toEqual(['leave out 1 (inactive)', 'close item D1']);
  });

  it('an open item whose customer is linked meanwhile is closed', () => {
    const p = finalPlan({
      ...base,
      name: '',
      links: [linkRow('1', 'K1')],
      items: [itemRow('D1', '1', 'open', 'x')],
      expected: [],
    });
    expect(p.operations.map(describeOp)).toEqual(['close item D1']);
  });

  it('candidates list who holds them and whether a person unlinked the pair', () => {
    const p = finalPlan({
      name: '',
      customers: [ada],
      karbon: [
        { key: 'K1', name: 'Ada Lovelace', email: 'ada@example.com' },
        { key: 'K2', name: 'Ada Lovelace', email: 'x@example.com' },
      ],
      links: [linkRow('9', 'K1')],
      unlinks: [{ quickBooksId: '1', karbonKey: 'K2', at: '', runId: 'r' }],
      expected: [],
    });
    const review = p.operations.find((o) => o.type === 'review');
    expect(review?.type === 'review' && review.candidates).toMatchObject([
      { id: 'K1', linkedTo: '9', unlinkedByPerson: false, reasons: ['name', 'email'] },
      { id: 'K2', linkedTo: null, unlinkedByPerson: true, reasons: ['name'] },
    ]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import {
  displayNameKey,
  nameVariants,
  QUICKBOOKS_DISPLAY_NAME_MAX,
  quickBooksDisplayName,
  renamedDisplayName,
  sanitizeQuickBooksName,
  suggestUniqueDisplayName,
} from './display-name';

describe('the DisplayName of a new customer', () => {
  it.each([
    [
      'a person: First Middle Last',
      makeContact('person', { firstName: 'Jane', middleName: 'A', lastName: 'Smith' }),
      'Jane A Smith',
    ],
    [
      'a person without a middle name',
      makeContact('person', { firstName: 'Jane', lastName: 'Smith' }),
      'Jane Smith',
    ],
    [
      'an organization: its name',
      makeContact('organization', { organizationName: 'Acme Ltd', firstName: 'Jo' }),
      'Acme Ltd',
    ],
    [
      'a person with only a company name',
      makeContact('person', { organizationName: 'Acme Ltd' }),
      'Acme Ltd',
    ],
    ['a person with only an email', makeContact('person', { email: 'jo@x.com, b@y.com' }), 'jo@x.com'],
  ])('%s', (_name, contact, expected) => {
    expect(quickBooksDisplayName(contact)).toEqual({ value: expected, changes: [] });
  });

  it('says so when there is no name at all', () => {
    const r = quickBooksDisplayName(makeContact('person', {}));
    expect(r.value).toBe('');
    expect(r.changes.join()).toMatch(/no name/);
  });

  it('replaces the characters QuickBooks forbids and reports it', () => {
    const r = quickBooksDisplayName(
      makeContact('organization', { organizationName: 'Acme: West\tBranch\nNo 2' }),
    );
    expect(r.value).toBe('Acme - West Branch No 2');
    expect(r.changes).toHaveLength(2);
  });
});

describe('sanitising a name', () => {
  it.each([
    ['Smith:Jones', 'Smith - Jones'],
    ['Smith :: Jones', 'Smith - Jones'],
    [':Leading colon', 'Leading colon'],
    ['Trailing colon:', 'Trailing colon'],
    ['Tab\tand\r\nbreaks', 'Tab and breaks'],
    ['  plenty   of   space ', 'plenty of space'],
  ])('%j → %j', (raw, expected) => expect(sanitizeQuickBooksName(raw).value).toBe(expected));

  it('shortens an over-long name at a word and reports it', () => {
    const r = sanitizeQuickBooksName(`${'word '.repeat(120)}end`);
    expect(r.value.length).toBeLessThanOrEqual(QUICKBOOKS_DISPLAY_NAME_MAX);
    expect(r.value.endsWith('word')).toBe(true);
    expect(r.changes.join()).toMatch(/shortened/);
  });

  it('property: the result never holds a forbidden character nor exceeds the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 700, unit: fc.constantFrom('a', 'B', ' ', ':', '\t', '\n', '\r', 'é', '-') }),
        (s) => {
          const { value } = sanitizeQuickBooksName(s);
          expect(value).not.toMatch(/[:\t\r\n]/);
          expect(value.length).toBeLessThanOrEqual(QUICKBOOKS_DISPLAY_NAME_MAX);
          expect(value).toBe(value.trim());
          expect(sanitizeQuickBooksName(value).value).toBe(value);
        },
      ),
    );
  });
});

describe('a unique DisplayName', () => {
  it.each([
    ['a free name is kept', 'Jane Smith', ['John Smith'], 'person', 'Jane Smith'],
    ['a person clashing → (2)', 'Jane Smith', ['jane smith'], 'person', 'Jane Smith (2)'],
    [
      'a person clashing twice → (3)',
      'Jane Smith',
      ['Jane Smith', 'JANE SMITH (2)'],
      'person',
      'Jane Smith (3)',
    ],
    [
      'a name already numbered continues its count',
      'Jane Smith (2)',
      ['Jane Smith (2)'],
      'person',
      'Jane Smith (3)',
    ],
    ['an organization clashing → (Client)', 'Acme Ltd', ['ACME LTD'], 'organization', 'Acme Ltd (Client)'],
    [
      'an organization clashing twice → (Client 2)',
      'Acme Ltd',
      ['Acme Ltd', 'Acme Ltd (Client)'],
      'organization',
      'Acme Ltd (Client 2)',
    ],
    ['spacing differences clash too', 'Acme  Ltd', ['acme ltd'], 'organization', 'Acme Ltd (Client)'],
  ] as const)('%s', (_name, desired, taken, kind, expected) => {
    expect(suggestUniqueDisplayName(desired, taken, kind)).toBe(expected);
  });

  it('stays within the limit when the desired name is at it', () => {
    const long = 'x'.repeat(QUICKBOOKS_DISPLAY_NAME_MAX);
    const s = suggestUniqueDisplayName(long, [long], 'person');
    expect(s).toHaveLength(QUICKBOOKS_DISPLAY_NAME_MAX);
    expect(s.endsWith(' (2)')).toBe(true);
  });

  it('yields variants lazily, for one lookup per try', () => {
    const it = nameVariants('Acme', 'organization');
    expect([it.next().value, it.next().value, it.next().value]).toEqual([
      'Acme (Client)',
      'Acme (Client 2)',
      'Acme (Client 3)',
    ]);
  });

  it('property: the suggestion is free, within the limit and without forbidden characters', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 520, unit: fc.constantFrom('a', 'b', ' ', '(', ')', '2', ':') }),
        fc.array(fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', ' ', '(', ')', '2', '3') }), {
          maxLength: 30,
        }),
        fc.constantFrom('person' as const, 'organization' as const),
        fc.nat(20),
        (desired, others, kind, clashes) => {
          const taken = [...others];
          const gen = nameVariants(desired, kind);
          taken.push(sanitizeQuickBooksName(desired).value);
          for (let i = 0; i < clashes; i++) taken.push(gen.next().value.toUpperCase());
          const s = suggestUniqueDisplayName(desired, taken, kind);
          expect(new Set(taken.map(displayNameKey)).has(displayNameKey(s))).toBe(false);
          expect(s.length).toBeLessThanOrEqual(QUICKBOOKS_DISPLAY_NAME_MAX);
          expect(s).not.toMatch(/[:\t\r\n]/);
        },
      ),
    );
  });
});

describe('renaming a linked customer', () => {
  const before = makeContact('person', { firstName: 'Jane', lastName: 'Smith' });
  const after = makeContact('person', { firstName: 'Jane', lastName: 'Jones' });

  it('follows the new name when the DisplayName was the composed one', () => {
    expect(renamedDisplayName('Jane Smith', before, after)).toBe('Jane Jones');
    expect(renamedDisplayName('jane smith', before, after)).toBe('Jane Jones');
  });
  it('keeps a DisplayName the firm typed itself', () => {
    expect(renamedDisplayName('Smith, Jane (estate)', before, after)).toBeNull();
  });
  it('leaves it when the name did not really change', () => {
    expect(
      renamedDisplayName(
        'Jane Smith',
        before,
        makeContact('person', { firstName: 'JANE', lastName: 'smith' }),
      ),
    ).toBeNull();
  });
  it('follows an organization rename', () => {
    const org = (n: string) => makeContact('organization', { organizationName: n });
    expect(renamedDisplayName('Acme Ltd', org('Acme Ltd'), org('Acme Holdings Ltd'))).toBe(
      'Acme Holdings Ltd',
    );
  });
  it('follows a rename when the DisplayName left out the middle name', () => {
    const b = makeContact('person', { firstName: 'Jane', middleName: 'A', lastName: 'Smith' });
    const a = makeContact('person', { firstName: 'Jane', middleName: 'A', lastName: 'Jones' });
    expect(renamedDisplayName('Jane Smith', b, a)).toBe('Jane A Jones');
  });
});

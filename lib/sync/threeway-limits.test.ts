import { describe, expect, it } from 'vitest';
import type { ContactKind, SyncField } from '../contact/model';
import type { Side } from './conflicts';
import { cannotHold } from './threeway-limits';

const rows: [string, Side, SyncField, string, ContactKind, RegExp | null][] = [
  ['a 100-character given name fits QuickBooks', 'quickbooks', 'firstName', 'a'.repeat(100), 'person', null],
  [
    'a 101-character given name does not',
    'quickbooks',
    'firstName',
    'a'.repeat(101),
    'person',
    /at most 100/,
  ],
  ['a colon in a QuickBooks name field', 'quickbooks', 'lastName', 'Smith: Jr', 'person', /":"/],
  ['a tab in a QuickBooks name field', 'quickbooks', 'middleName', 'A\tB', 'person', /tab/],
  [
    'a colon in a company name is allowed',
    'quickbooks',
    'organizationName',
    'Acme: West',
    'organization',
    null,
  ],
  ['an address without a dot', 'quickbooks', 'email', 'jo@localhost', 'person', /"jo@localhost"/],
  [
    'every address together over 100',
    'quickbooks',
    'email',
    `${'a'.repeat(60)}@x.com, ${'b'.repeat(40)}@y.com`,
    'person',
    /at most 100/,
  ],
  ['a 31-character phone in QuickBooks', 'quickbooks', 'phoneWork', '1'.repeat(31), 'person', /at most 30/],
  ['six address lines in QuickBooks', 'quickbooks', 'mailingLines', 'a\nb\nc\nd\ne\nf', 'person', /5 lines/],
  [
    'a 501-character address line',
    'quickbooks',
    'physicalLines',
    `x\n${'y'.repeat(501)}`,
    'person',
    /at most 500/,
  ],
  [
    'a 31-character postal code in QuickBooks',
    'quickbooks',
    'mailingPostalCode',
    '9'.repeat(31),
    'person',
    /at most 30/,
  ],
  [
    'a Karbon number of 20 after its country code',
    'karbon',
    'phoneWork',
    `+44 ${'1'.repeat(20)}`,
    'person',
    null,
  ],
  ['a Karbon number of 21', 'karbon', 'phoneMobile', '1'.repeat(21), 'person', /at most 20/],
  ['Karbon address lines over 200', 'karbon', 'physicalLines', 'z'.repeat(201), 'person', /at most 200/],
  ['a Karbon city over 100', 'karbon', 'mailingCity', 'c'.repeat(101), 'person', /at most 100/],
  ['a Karbon zip over 20', 'karbon', 'mailingPostalCode', '1'.repeat(21), 'person', /at most 20/],
  ['a country Karbon has no code for', 'karbon', 'physicalCountry', 'Atlantis', 'person', /Atlantis/],
  ['a country by name is fine for Karbon', 'karbon', 'physicalCountry', 'New Zealand', 'person', null],
  ['a blank country is fine for Karbon', 'karbon', 'physicalCountry', '', 'person', null],
  ['a Karbon person without a last name', 'karbon', 'lastName', ' ', 'person', /first and a last name/],
  ['a Karbon person without a middle name is fine', 'karbon', 'middleName', '', 'person', null],
  [
    'an email Karbon does not take as one address',
    'karbon',
    'email',
    'a@x.com (billing)',
    'person',
    /billing/,
  ],
  ['several emails Karbon takes one by one', 'karbon', 'email', 'a@x.com, b@y.co.uk', 'person', null],
  [
    'a Karbon organization without a name',
    'karbon',
    'organizationName',
    '',
    'organization',
    /organization name/,
  ],
];

describe('what each side can hold', () => {
  it.each(rows)('%s', (_name, side, field, value, kind, problem) => {
    const got = cannotHold(side, field, value, kind);
    if (problem === null) expect(got).toBeNull();
    else expect(got).toMatch(problem);
  });
});

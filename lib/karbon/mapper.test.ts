import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact';
import { karbonProblems } from './limits';
import { applyToCard, newCard, primaryCard, recordToContact, toKarbonRecord } from './mapper';
import { type BusinessCard, ContactRecordSchema, OrganizationRecordSchema } from './schema';

const card = (fields: Partial<BusinessCard>): BusinessCard => ({
  BusinessCardKey: 'card1',
  IsPrimaryCard: true,
  EmailAddresses: [],
  PhoneNumbers: [],
  Addresses: [],
  ...fields,
});

const person = (cards: BusinessCard[], extra: Record<string, unknown> = {}) =>
  ContactRecordSchema.parse({
    ContactKey: 'k1',
    FirstName: 'Jane',
    MiddleName: 'Q',
    LastName: 'Doe',
    ContactType: 'Client',
    UserDefinedIdentifier: 'qbo-1',
    LastModifiedDateTime: '2026-01-01T00:00:00Z',
    BusinessCards: cards,
    ...extra,
  });

describe('Karbon record → canonical contact', () => {
  it('a person: names, contact type, and the primary card only', () => {
    const record = person([
      card({ BusinessCardKey: 'other', IsPrimaryCard: false, EmailAddresses: ['not@this.one'] }),
      card({ EmailAddresses: ['jane@acme.com', 'jd@home.org'] }),
    ]);
    const c = recordToContact({ kind: 'contact', record });
    expect(c.kind).toBe('person');
    expect(c.contactType).toBe('Client');
    expect(c.fields).toMatchObject({
      firstName: 'Jane',
      middleName: 'Q',
      lastName: 'Doe',
      email: 'jane@acme.com, jd@home.org',
    });
  });

  it.each([
    ['Work', 'phoneWork'],
    ['Office', 'phoneWork'],
    ['Mobile', 'phoneMobile'],
    ['Home', 'phoneOther'],
    ['Other', 'phoneOther'],
    ['Fax', 'phoneFax'],
  ])('a phone labelled %s → %s', (label, slot) => {
    const record = person([card({ PhoneNumbers: [{ PhoneNumberKey: 'p', Number: '555', Label: label }] })]);
    expect(recordToContact({ kind: 'contact', record }).fields[slot as 'phoneWork']).toBe('555');
  });

  it('the first phone with a slot’s label wins; later ones are left alone', () => {
    const record = person([
      card({
        PhoneNumbers: [
          { Number: '1', Label: 'Office' },
          { Number: '2', Label: 'Work' },
        ],
      }),
    ]);
    expect(recordToContact({ kind: 'contact', record }).fields.phoneWork).toBe('1');
  });

  it('Physical → physical, Mailing → mailing; Legal and Home addresses are not synced', () => {
    const record = person([
      card({
        Addresses: [
          { AddressLines: 'Legal St', Label: 'Legal' },
          {
            AddressLines: '1 Main St\nSuite 4',
            City: 'Sydney',
            StateProvinceCounty: 'NSW',
            ZipCode: '2000',
            CountryCode: 'AU',
            Label: 'Physical',
          },
          { AddressLines: 'PO Box 1', Label: 'Mailing' },
        ],
      }),
    ]);
    expect(recordToContact({ kind: 'contact', record }).fields).toMatchObject({
      physicalLines: '1 Main St\nSuite 4',
      physicalCity: 'Sydney',
      physicalRegion: 'NSW',
      physicalPostalCode: '2000',
      physicalCountry: 'AU',
      mailingLines: 'PO Box 1',
    });
  });

  it('an organization: FullName is its name; no cards → blanks', () => {
    const record = OrganizationRecordSchema.parse({
      OrganizationKey: 'o1',
      FullName: 'Acme',
      LastModifiedDateTime: 'x',
    });
    const r = toKarbonRecord({ kind: 'organization', record });
    expect(r).toMatchObject({ kind: 'organization', key: 'o1', archived: false });
    expect(r.contact.fields.organizationName).toBe('Acme');
    expect(r.contact.fields.email).toBe('');
  });

  it('without IsPrimaryCard anywhere, the first card is the primary one', () => {
    expect(
      primaryCard([
        card({ BusinessCardKey: 'a', IsPrimaryCard: false }),
        card({ BusinessCardKey: 'b', IsPrimaryCard: false }),
      ])?.BusinessCardKey,
    ).toBe('a');
  });
});

describe('canonical changes → primary card', () => {
  const base = card({
    EmailAddresses: ['old@x.com'],
    PhoneNumbers: [
      { PhoneNumberKey: 'pw', Number: '111', CountryCode: 'AU', Label: 'Work' },
      { PhoneNumberKey: 'pm', Number: '222', Label: 'Mobile' },
      { PhoneNumberKey: 'px', Number: '999', Label: 'Work' },
    ],
    Addresses: [
      {
        AddressKey: 'ap',
        AddressLines: '1 Main St',
        City: 'Sydney',
        ZipCode: '2000',
        CountryCode: 'AU',
        Label: 'Physical',
      },
      { AddressKey: 'al', AddressLines: 'Legal', Label: 'Legal' },
    ],
    WebSites: ['acme.com'],
  });

  it('a changed phone keeps its key, label and country code', () => {
    const out = applyToCard(base, { phoneWork: '333' });
    expect(out.PhoneNumbers?.[0]).toEqual({
      PhoneNumberKey: 'pw',
      Number: '333',
      CountryCode: 'AU',
      Label: 'Work',
    });
    expect(out.PhoneNumbers).toHaveLength(3);
  });

  it('a cleared phone is removed; the second Work phone stays', () => {
    const out = applyToCard(base, { phoneWork: '' });
    expect(out.PhoneNumbers?.map((p) => p.PhoneNumberKey)).toEqual(['pm', 'px']);
  });

  it('a new value for an empty slot adds a phone with that slot’s label', () => {
    expect(applyToCard(base, { phoneFax: '444' }).PhoneNumbers?.at(-1)).toEqual({
      Number: '444',
      Label: 'Fax',
    });
  });

  it('one address part changes; the rest of the address, its key and other addresses stay', () => {
    const out = applyToCard(base, { physicalCity: 'Parramatta' });
    expect(out.Addresses).toEqual([
      {
        AddressKey: 'ap',
        AddressLines: '1 Main St',
        City: 'Parramatta',
        ZipCode: '2000',
        CountryCode: 'AU',
        Label: 'Physical',
      },
      { AddressKey: 'al', AddressLines: 'Legal', Label: 'Legal' },
    ]);
  });

  it('a QuickBooks country name is written as its ISO code', () => {
    expect(
      applyToCard(base, { mailingLines: 'PO Box 9', mailingCountry: 'United States' }).Addresses?.at(-1),
    ).toEqual({
      AddressLines: 'PO Box 9',
      CountryCode: 'US',
      Label: 'Mailing',
    });
  });

  it('an address with every part cleared is removed', () => {
    const out = applyToCard(base, {
      physicalLines: '',
      physicalCity: '',
      physicalPostalCode: '',
      physicalCountry: '',
    });
    expect(out.Addresses?.map((a) => a.Label)).toEqual(['Legal']);
  });

  it('emails are replaced as a list; websites and other fields stay', () => {
    const out = applyToCard(base, { email: 'a@x.com, b@y.com' });
    expect(out.EmailAddresses).toEqual(['a@x.com', 'b@y.com']);
    expect(out.WebSites).toEqual(['acme.com']);
  });

  it('a new card for a create holds every slot with its label', () => {
    const c = newCard(
      makeContact('person', {
        email: 'a@x.com',
        phoneWork: '1',
        phoneMobile: '2',
        phoneOther: '3',
        phoneFax: '4',
        physicalLines: 'L',
        physicalCountry: 'Australia',
        mailingCity: 'Perth',
      }).fields,
    );
    expect(c.PhoneNumbers?.map((p) => p.Label)).toEqual(['Work', 'Mobile', 'Other', 'Fax']);
    expect(c.Addresses).toEqual([
      { AddressLines: 'L', CountryCode: 'AU', Label: 'Physical' },
      { City: 'Perth', Label: 'Mailing' },
    ]);
  });
});

describe('values Karbon cannot hold are reported, never cut', () => {
  it.each([
    ['a phone over 20 characters', { phoneMobile: '1'.repeat(21) }, 'phoneMobile', 'too-long'],
    ['address lines over 200 characters', { physicalLines: 'x'.repeat(201) }, 'physicalLines', 'too-long'],
    [
      'a postal code over 20 characters',
      { mailingPostalCode: '9'.repeat(21) },
      'mailingPostalCode',
      'too-long',
    ],
    ['a country that is no ISO country', { mailingCountry: 'Narnia' }, 'mailingCountry', 'not-convertible'],
  ])('%s', (_name, fields, field, problem) => {
    expect(karbonProblems(fields)).toEqual([expect.objectContaining({ field, problem })]);
  });

  it('a phone of 30 characters fits QuickBooks but not Karbon', () => {
    expect(karbonProblems({ phoneWork: '1'.repeat(30) })).toHaveLength(1);
  });
});

describe('phone numbers with a dialling prefix', () => {
  it.each([
    ['+61 2 5550 0001', '+61', '2 5550 0001'],
    ['0061 2 5550 0001', '+61', '2 5550 0001'],
    ['+1-555-123-4567', '+1', '555-123-4567'],
    ['(02) 5550 0001', null, '(02) 5550 0001'],
    ['+61255500001', null, '+61255500001'],
  ])('"%s" → CountryCode %s, Number "%s"', (value, code, number) => {
    const out = applyToCard(card({}), { phoneWork: value }).PhoneNumbers?.[0];
    expect(out?.CountryCode ?? null).toBe(code);
    expect(out?.Number).toBe(number);
  });

  it('a prefix written is read back in front of the number: the value round-trips', () => {
    const written = applyToCard(card({}), { phoneMobile: '+61 400 000 001' });
    const record = person([written]);
    expect(recordToContact({ kind: 'contact', record }).fields.phoneMobile).toBe('+61 400 000 001');
  });

  it('a number without prefix replaces one that had a dialling prefix; an ISO CountryCode stays', () => {
    const withPrefix = card({
      PhoneNumbers: [{ PhoneNumberKey: 'p1', Number: '400', CountryCode: '+61', Label: 'Mobile' }],
    });
    expect(applyToCard(withPrefix, { phoneMobile: '0400 1' }).PhoneNumbers?.[0]).toEqual({
      PhoneNumberKey: 'p1',
      Number: '0400 1',
      Label: 'Mobile',
    });
    const withIso = card({
      PhoneNumbers: [{ PhoneNumberKey: 'p2', Number: '400', CountryCode: 'AU', Label: 'Work' }],
    });
    expect(applyToCard(withIso, { phoneWork: '0400 2' }).PhoneNumbers?.[0]?.CountryCode).toBe('AU');
  });

  it('only the part after the prefix counts against Karbon’s 20 characters', () => {
    expect(karbonProblems({ phoneWork: '+61 2 5550 0001 0002 00' })).toEqual([]);
    expect(karbonProblems({ phoneWork: '+61 2 5550 0001 0002 0003' })).toHaveLength(1);
  });
});

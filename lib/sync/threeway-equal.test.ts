import { describe, expect, it } from 'vitest';
import type { SyncField } from '../contact/model';
import { fieldKey, isBlank, sameValue } from './threeway-equal';
import { countryCode, regionCode } from './threeway-places';

const same: [string, SyncField, string, string][] = [
  ['emails in another order, case and spacing', 'email', 'A@x.com, b@y.com', 'b@Y.com;a@x.com '],
  ['an email listed twice', 'email', 'a@x.com, a@x.com', 'A@X.COM'],
  ['a phone with or without punctuation', 'phoneWork', '(555) 123-4567', '555.123.4567'],
  ['a phone with +1 against the national number', 'phoneMobile', '+1 555 123 4567', '555-123-4567'],
  ['a UK phone with +44 against the trunk 0', 'phoneWork', '+44 20 7946 0958', '020 7946 0958'],
  ['a phone with 00 instead of +', 'phoneFax', '0044 20 7946 0958', '020 7946 0958'],
  ['a phone without digits, case aside', 'phoneOther', 'Ask reception', 'ask  reception'],
  ['names by case and spaces', 'firstName', '  Jane ', 'JANE'],
  ['names in Unicode compatibility forms', 'lastName', 'Ｓｍｉｔｈ', 'smith'],
  ['address lines with commas or line breaks', 'physicalLines', '1 Main St.\nSuite 4', '1 main st, suite 4'],
  ['a city with a full stop', 'mailingCity', 'St. Louis', 'st louis'],
  ['a state by name and code', 'physicalRegion', 'New York', 'NY'],
  ['a province by name and code', 'mailingRegion', 'Québec', 'qc'],
  ['a postal code with or without a space', 'physicalPostalCode', 'SW1A 1AA', 'sw1a1aa'],
  ['a zip+4 with or without the hyphen', 'mailingPostalCode', '12345-6789', '123456789'],
  ['a country by name, alpha-2 and alpha-3', 'physicalCountry', 'United States', 'USA'],
  ['a country alias', 'mailingCountry', 'UK', 'United Kingdom'],
  ['a country in another script of Latin', 'mailingCountry', "Côte d'Ivoire", 'CI'],
];

const different: [string, SyncField, string, string][] = [
  ['another email', 'email', 'a@x.com', 'a@y.com'],
  ['one email more', 'email', 'a@x.com', 'a@x.com, b@x.com'],
  ['another phone', 'phoneWork', '555 123 4567', '555 123 4568'],
  ['another country code on both', 'phoneWork', '+1 555 123 4567', '+44 555 123 4567'],
  ['too short a number for the prefix rule', 'phoneWork', '+1 12345', '12345'],
  ['another name', 'firstName', 'Jon', 'John'],
  ['another street', 'physicalLines', '1 Main St', '2 Main St'],
  ['another state', 'physicalRegion', 'NY', 'NJ'],
  ['another postal code', 'physicalPostalCode', '12345', '12346'],
  ['another country', 'physicalCountry', 'Canada', 'US'],
  ['a value against a blank', 'mailingCity', 'Leeds', ''],
];

describe('field-aware equality', () => {
  it.each(same)('the same value: %s', (_name, field, a, b) => {
    expect(sameValue(field, a, b)).toBe(true);
    expect(sameValue(field, b, a)).toBe(true);
  });
  it.each(different)('different values: %s', (_name, field, a, b) => {
    expect(sameValue(field, a, b)).toBe(false);
    expect(sameValue(field, b, a)).toBe(false);
  });

  it('blank means nothing a person would call a value', () => {
    expect(isBlank('email', ' , ')).toBe(true);
    expect(isBlank('phoneWork', '  ')).toBe(true);
    expect(isBlank('phoneWork', 'n/a')).toBe(false);
    expect(isBlank('physicalLines', '\n \n')).toBe(true);
    expect(isBlank('firstName', 'A')).toBe(false);
  });

  it('compares emails as a set', () => {
    expect(fieldKey('email', 'B@y.com, a@x.com')).toBe('a@x.com,b@y.com');
  });
});

describe('country and region codes', () => {
  it.each([
    ['United States', 'US'],
    ['united states of america', 'US'],
    ['U.S.A.', 'US'],
    ['GBR', 'GB'],
    ['England', 'GB'],
    ['Bosnia and Herzegovina', 'BA'],
    ['Bosnia & Herzegovina', 'BA'],
    ['Myanmar', 'MM'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['nz', 'NZ'],
    ['Saint Lucia', 'LC'],
  ])('%s → %s', (name, code) => expect(countryCode(name)).toBe(code));

  it('knows no code for what is not a country', () => {
    expect(countryCode('Narnia')).toBeNull();
    expect(countryCode('European Union')).toBeNull();
    expect(countryCode('')).toBeNull();
  });

  it.each([
    ['California', 'CA'],
    ['british columbia', 'BC'],
    ['Washington DC', 'DC'],
    ['tx', 'TX'],
  ])('region %s → %s', (name, code) => expect(regionCode(name)).toBe(code));
  it('knows no code for a region outside the US and Canada', () => expect(regionCode('Bavaria')).toBeNull());
});

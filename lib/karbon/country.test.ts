import { describe, expect, it } from 'vitest';
import { countryNameForQuickBooks, sameCountry, toCountryCode } from './country';

describe('toCountryCode', () => {
  it.each([
    ['Australia', 'AU'],
    ['australia', 'AU'],
    ['AU', 'AU'],
    ['au', 'AU'],
    ['USA', 'US'],
    ['U.S.A.', 'US'],
    ['United States', 'US'],
    ['United States of America', 'US'],
    ['UK', 'GB'],
    ['United Kingdom', 'GB'],
    ['England', 'GB'],
    ['The Netherlands', 'NL'],
    ['New Zealand', 'NZ'],
    ['Canada', 'CA'],
    ['CAN', 'CA'],
    ['Türkiye', 'TR'],
    ['Turkey', 'TR'],
    ['Cote d’Ivoire', 'CI'],
    ['Myanmar', 'MM'],
    ['Hong Kong', 'HK'],
    ['Trinidad & Tobago', 'TT'],
    ['', ''],
  ])('"%s" → %s', (text, code) => {
    expect(toCountryCode(text)).toBe(code);
  });

  it.each(['Narnia', 'European Union', 'ZZ', 'Earth'])('"%s" cannot be converted → null', (text) => {
    expect(toCountryCode(text)).toBeNull();
  });
});

describe('countryNameForQuickBooks', () => {
  it.each([
    ['AU', 'Australia'],
    ['US', 'United States'],
    ['GB', 'United Kingdom'],
    ['HK', 'Hong Kong'],
    ['Australia', 'Australia'],
    ['Narnia', 'Narnia'],
  ])('%s → %s', (value, name) => {
    expect(countryNameForQuickBooks(value)).toBe(name);
  });
});

describe('sameCountry', () => {
  it.each([
    ['USA', 'US', true],
    ['United States', 'USA', true],
    ['Australia', 'AU', true],
    ['Australia', 'NZ', false],
    ['', '', true],
    ['', 'AU', false],
    ['Narnia', 'narnia', true],
    ['Narnia', 'AU', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(sameCountry(a, b)).toBe(same);
  });
});

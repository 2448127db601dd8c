import { describe, expect, it } from 'vitest';
import {
  foldText,
  normalizeName,
  phoneKey,
  phonesAgree,
  postalKey,
  telltaleDomain,
} from './suggestions-normalize';

describe('name normalisation for suggestions', () => {
  it.each([
    ['case and spaces', '  JANE   smith ', ['jane', 'smith'], ['jane', 'smith']],
    ['"Last, First"', 'Smith, Jane', ['jane', 'smith'], ['jane', 'smith']],
    ['"Last, First Middle"', 'Smith, Jane A.', ['jane', 'a', 'smith'], ['jane', 'a', 'smith']],
    ['a comma before a legal form is not "Last, First"', 'Acme, Inc.', ['acme', 'inc'], ['acme']],
    ['a comma before a suffix is not "Last, First"', 'Jane Smith, Jr.', ['jane', 'smith'], ['jane', 'smith']],
    ['"&" and "and"', 'Smith & Jones', ['smith', 'and', 'jones'], ['smith', 'jones']],
    ['"Ltd" and "Limited"', 'Acme Limited', ['acme', 'ltd'], ['acme']],
    ['"Inc." and "Inc"', 'Acme Inc.', ['acme', 'inc'], ['acme']],
    ['"Co" and "Company"', 'Acme Company', ['acme', 'co'], ['acme']],
    ['"L.L.C."', 'Acme L.L.C.', ['acme', 'llc'], ['acme']],
    ['"Corporation"', 'Acme Corporation', ['acme', 'corp'], ['acme']],
    ['leading honorifics', 'Dr. Jane Smith', ['jane', 'smith'], ['jane', 'smith']],
    ['honorifics inside', 'Mr & Mrs Smith', ['and', 'mrs', 'smith'], ['smith']],
    ['trailing suffixes', 'Jane Smith CPA', ['jane', 'smith'], ['jane', 'smith']],
    ['diacritics', 'José Müller', ['jose', 'muller'], ['jose', 'muller']],
    ['letters NFKD keeps', 'Straße Ørsted', ['strasse', 'orsted'], ['strasse', 'orsted']],
    ['apostrophes join', "O'Brien", ['obrien'], ['obrien']],
    ['hyphens split', 'Smith-Jones', ['smith', 'jones'], ['smith', 'jones']],
    ['a name that is only a legal form keeps it', 'Limited', ['ltd'], ['ltd']],
    ['a name that is only an honorific keeps it', 'Dr', ['dr'], ['dr']],
    ['"The" at the start', 'The Widget Co', ['the', 'widget', 'co'], ['widget']],
  ])('%s: %j', (_name, raw, tokens, core) => {
    expect(normalizeName(raw)).toEqual({ tokens, core });
  });

  it('folds text the same way everywhere', () => {
    expect(foldText('Ｆｕｌｌ－width & Co.')).toBe('full width and co');
  });
});

describe('other keys', () => {
  it.each([
    ['+1 (555) 123-4567', '5551234567', true],
    ['+44 20 7946 0958', '020 7946 0958', true],
    ['555 123 4567', '555 123 4568', false],
    ['12345', '12345', false],
  ])('phones %s / %s agree: %s', (a, b, agree) => expect(phonesAgree(phoneKey(a), phoneKey(b))).toBe(agree));

  it('postal codes without spaces, hyphens or case', () =>
    expect(postalKey('sw1a 1aa')).toBe(postalKey('SW1A-1AA')));

  it('email domains tell only when they are not free mail', () => {
    expect(telltaleDomain('jo@AcmeCo.com')).toBe('acmeco.com');
    expect(telltaleDomain('jo@gmail.com')).toBeNull();
    expect(telltaleDomain('nonsense')).toBeNull();
  });
});

// Field rows of a duplicate card: equal / different / missing, compared the way matching does
// (norm: NFKC, case and white space folded), so "SMITH  co" and "smith co" read as equal.
import { norm } from '../../lib/contact/keys';
import { phoneKey, phonesAgree, postalKey } from '../../lib/sync/suggestions-normalize';

export type FieldComparison = 'equal' | 'different' | 'missing';

export function compareValues(a: string, b: string): FieldComparison {
  const x = norm(a);
  const y = norm(b);
  if (!x || !y) return 'missing';
  return x === y ? 'equal' : 'different';
}

/** Emails hold several addresses: equal when any address is shared. */
export function compareEmails(a: string, b: string): FieldComparison {
  const split = (s: string) =>
    new Set(
      s
        .split(/[,;]/)
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    );
  const x = split(a);
  const y = split(b);
  if (x.size === 0 || y.size === 0) return 'missing';
  for (const e of x) if (y.has(e)) return 'equal';
  return 'different';
}

export const COMPARISON_WORDS: Record<FieldComparison, { mark: string; words: string }> = {
  equal: { mark: '✓', words: 'same' },
  different: { mark: '≠', words: 'different' },
  missing: { mark: '–', words: 'missing on one side' },
};

/** Phones compared by their digits: "(555) 0107" and "555-0107" are one number; a country code aside. */
export function comparePhones(a: string, b: string): FieldComparison {
  const x = phoneKey(a);
  const y = phoneKey(b);
  if (!a.trim() || !b.trim()) return 'missing';
  if (x && y) return phonesAgree(x, y) ? 'equal' : 'different';
  return compareValues(a, b);
}

export interface Address {
  lines: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export function addressText(a: Address): string {
  const place = [a.city, a.region, a.postalCode].filter((s) => s.trim()).join(' ');
  return [...a.lines.split('\n'), place, a.country].filter((s) => s.trim()).join(', ');
}

/** Whole addresses; when they differ, whether the postal code still agrees (a strong hint). */
export function compareAddresses(
  a: Address,
  b: Address,
): { result: FieldComparison; samePostalCode: boolean } {
  const result = compareValues(addressText(a), addressText(b));
  const pa = postalKey(a.postalCode);
  return { result, samePostalCode: result === 'different' && pa !== '' && pa === postalKey(b.postalCode) };
}

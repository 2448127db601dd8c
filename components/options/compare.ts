// Field rows of a duplicate card: equal / different / missing, compared the way matching does
// (norm: NFKC, case and white space folded), so "SMITH  co" and "smith co" read as equal.
import { norm } from '../../lib/contact/keys';

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

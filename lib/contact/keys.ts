// Comparison keys of the matching rules (shared/spec/product.md, "Matching rules").
import { type Contact, splitEmails } from './model';

/** Unicode NFKC, lower-cased, trimmed, runs of white space folded to one space. */
export function norm(s: string | null | undefined): string {
  if (!s) return '';
  return s.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

const DELETED_SUFFIX = / \(deleted\)$/u;

function addKey(keys: Set<string>, raw: string): void {
  const k = norm(raw).replace(DELETED_SUFFIX, '');
  if (k) keys.add(k);
}

/** Name keys of a QuickBooks customer: DisplayName; Given + Family; CompanyName. */
export function quickBooksNameKeys(customer: {
  displayName: string;
  givenName: string;
  familyName: string;
  companyName: string;
}): Set<string> {
  const keys = new Set<string>();
  addKey(keys, customer.displayName);
  if (customer.givenName || customer.familyName) addKey(keys, `${customer.givenName} ${customer.familyName}`);
  if (customer.companyName) addKey(keys, customer.companyName);
  return keys;
}

/** Name keys of a full Karbon person: "First Last", "First Middle Last", "Last, First". */
export function karbonPersonNameKeys(first: string, middle: string, last: string): Set<string> {
  const keys = new Set<string>();
  addKey(keys, `${first} ${last}`);
  if (middle.trim()) addKey(keys, `${first} ${middle} ${last}`);
  if (first.trim() && last.trim()) addKey(keys, `${last}, ${first}`);
  return keys;
}

export function karbonOrganizationNameKeys(fullName: string): Set<string> {
  const keys = new Set<string>();
  addKey(keys, fullName);
  return keys;
}

/**
 * Person keys from a Karbon list row, which carries only FullName ("First Middle Last"):
 * the whole name; first and last word when there are more; the "Last, First" form of that split.
 */
export function karbonSummaryPersonNameKeys(fullName: string): Set<string> {
  const keys = new Set<string>();
  const words = norm(fullName).split(' ').filter(Boolean);
  addKey(keys, words.join(' '));
  if (words.length === 0) return keys;
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  if (words.length > 2) addKey(keys, `${first} ${last}`);
  if (words.length >= 2) addKey(keys, `${last}, ${first}`);
  return keys;
}

/** Every address on the record, trimmed and lower-cased. Empty → no keys (never matches). */
export function emailKeys(value: string | readonly string[] | null | undefined): Set<string> {
  const list = typeof value === 'string' ? splitEmails(value) : (value ?? []);
  const keys = new Set<string>();
  for (const e of list) {
    const k = e.trim().toLowerCase();
    if (k) keys.add(k);
  }
  return keys;
}

export function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (big.has(k)) return true;
  return false;
}

/** Name keys of a canonical contact seen from the Karbon side (full record). */
export function contactNameKeys(c: Contact): Set<string> {
  if (c.kind === 'organization') return karbonOrganizationNameKeys(c.fields.organizationName);
  return karbonPersonNameKeys(c.fields.firstName, c.fields.middleName, c.fields.lastName);
}

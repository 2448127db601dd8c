// The QuickBooks DisplayName of a customer the engine creates or renames, and a free variant
// when the name is taken. DisplayName: ≤ 500 characters, no ":" (QuickBooks joins sub-customer
// names with it), tab or line break; unique across customers, vendors and employees
// (shared/spec/qbo-api.md; qbo-notes.md §3.3). The uniqueness check is treated as
// case-insensitive, which is the safe reading of an unconfirmed rule.
//
//   quickBooksDisplayName(contact)               → { value, changes }   name to create with
//   suggestUniqueDisplayName(desired, taken, kind) → first free variant  ("Jane Smith (2)", "Acme Ltd (Client)")
//   nameVariants(desired, kind)                  → the same variants, lazily, for one lookup per try
//   renamedDisplayName(current, before, after)   → new DisplayName after a name change, or null
import { norm } from '../contact/keys';
import type { Contact, ContactKind } from '../contact/model';
import { splitEmails } from '../contact/model';

export const QUICKBOOKS_DISPLAY_NAME_MAX = 500;

export interface SanitizedName {
  value: string;
  /** What was changed and why, in words for the history; empty when nothing was. */
  changes: string[];
}

/** Make a name QuickBooks accepts: ":" → " - ", tabs and line breaks → spaces, within `max`. */
export function sanitizeQuickBooksName(raw: string, max = QUICKBOOKS_DISPLAY_NAME_MAX): SanitizedName {
  const changes: string[] = [];
  let value = raw;
  if (value.includes(':')) {
    value = value.replace(/^[\s:]+|[\s:]+$/g, '').replace(/\s*:+\s*/g, ' - ');
    changes.push('replaced ":" with "-" (QuickBooks keeps ":" for sub-customers)');
  }
  if (/[\t\r\n]/.test(value)) changes.push('replaced tabs and line breaks with spaces');
  value = value
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  if (value.length > max) {
    const cut = value.slice(0, max);
    const space = cut.lastIndexOf(' ');
    value = (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd();
    changes.push(`shortened to ${value.length} characters (QuickBooks allows ${max})`);
  }
  return { value, changes };
}

/** "First Middle Last" as QuickBooks composes it from the name parts, or the organization name. */
function composedName(c: Contact): string {
  const f = c.fields;
  if (c.kind === 'organization') return f.organizationName;
  return [f.firstName, f.middleName, f.lastName].filter((s) => s.trim()).join(' ');
}

/**
 * The DisplayName to create a customer with. A person without name parts falls back to the
 * company name, then the first email address; `value` is '' only when the contact has none.
 */
export function quickBooksDisplayName(c: Contact): SanitizedName {
  const name = composedName(c) || c.fields.organizationName || (splitEmails(c.fields.email)[0] ?? '');
  const result = sanitizeQuickBooksName(name);
  if (!result.value) result.changes.push('the contact has no name to give the customer');
  return result;
}

const CLIENT_SUFFIX = /\s*\(client(?: (\d+))?\)$/i;
const NUMBER_SUFFIX = /\s*\((\d+)\)$/;

function withSuffix(base: string, suffix: string, max: number): string {
  return `${base.slice(0, Math.max(0, max - suffix.length)).trimEnd()}${suffix}`;
}

/**
 * Variants of a name in the order they are offered. A person: "Jane Smith (2)", "(3)", …
 * (two clients may share a name). An organization: "Acme Ltd (Client)", "(Client 2)", …
 * (a clash is most often the same business kept as a vendor, and "Client" says which is which).
 * A name that already ends in such a suffix continues its count. Never longer than `max`.
 */
export function* nameVariants(
  desired: string,
  kind: ContactKind,
  max = QUICKBOOKS_DISPLAY_NAME_MAX,
): Generator<string, never> {
  const name = sanitizeQuickBooksName(desired, max).value;
  if (kind === 'organization') {
    const m = CLIENT_SUFFIX.exec(name);
    const base = m ? name.slice(0, m.index) : name;
    let n = m ? Number(m[1] ?? 1) + 1 : 1;
    for (;;) {
      yield withSuffix(base, n === 1 ? ' (Client)' : ` (Client ${n})`, max);
      n++;
    }
  }
  const m = NUMBER_SUFFIX.exec(name);
  const base = m ? name.slice(0, m.index) : name;
  let n = m ? Number(m[1]) + 1 : 2;
  for (;;) {
    yield withSuffix(base, ` (${n})`, max);
    n++;
  }
}

/** Comparison key for DisplayName uniqueness: case, width and spacing aside. */
export function displayNameKey(name: string): string {
  return norm(name);
}

/**
 * `desired` when no customer, vendor or employee holds it (case-insensitive), else the first
 * free variant (see nameVariants).
 */
export function suggestUniqueDisplayName(
  desired: string,
  taken: Iterable<string>,
  kind: ContactKind,
  max = QUICKBOOKS_DISPLAY_NAME_MAX,
): string {
  const keys = new Set<string>();
  for (const t of taken) keys.add(displayNameKey(t));
  const name = sanitizeQuickBooksName(desired, max).value;
  if (!keys.has(displayNameKey(name))) return name;
  // Variants are pairwise distinct, so one of the first keys.size + 1 is free.
  for (const variant of nameVariants(name, kind, max)) if (!keys.has(displayNameKey(variant))) return variant;
  throw new Error('unreachable');
}

/**
 * After the name fields of a linked customer change: the DisplayName to write, or null to
 * leave it. A DisplayName the firm typed itself ("Smith, Jane — estate") is theirs and is
 * kept; only one that was the composed name of the old fields follows the new ones.
 */
export function renamedDisplayName(
  currentDisplayName: string,
  before: Contact,
  after: Contact,
): string | null {
  const current = displayNameKey(currentDisplayName);
  const wasComposed =
    current === displayNameKey(composedName(before)) ||
    current === displayNameKey(sanitizeQuickBooksName(composedName(before)).value) ||
    (before.kind === 'person' &&
      current === displayNameKey(`${before.fields.firstName} ${before.fields.lastName}`));
  if (!wasComposed) return null;
  const next = quickBooksDisplayName(after).value;
  if (!next || displayNameKey(next) === current) return null;
  return next;
}

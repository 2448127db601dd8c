// QuickBooks DisplayName clashes (qbo-api.md: unique across Customer, Vendor and Employee; a
// clash is Fault 6240). Checked before a create or a rename so the item can wait with the
// clash explained and a free name suggested, instead of failing at QuickBooks.
import type { ContactKind } from '../contact/model';
import { displayNameKey, suggestUniqueDisplayName } from './display-name';
import type { NameHolder, QuickBooksPort } from './ports';

export interface NameClash {
  /** The name the engine wanted to give the customer. */
  displayName: string;
  /** Who holds it already (customers, vendors, employees). */
  holders: NameHolder[];
  /** A variant no one holds (checked with QuickBooks), for the person to accept. */
  suggestion: string;
}

/** Variants asked about before giving up on a checked suggestion (each try is one lookup). */
const MAX_CHECKED_VARIANTS = 5;

/** Holders of `displayName` other than the customer itself (a rename keeps its own name free). */
export async function nameHolders(
  quickbooks: QuickBooksPort,
  displayName: string,
  exceptCustomerId?: string,
): Promise<NameHolder[]> {
  const holders = await quickbooks.findNameHolders(displayName);
  return holders.filter((h) => !(h.entity === 'Customer' && h.id === exceptCustomerId));
}

/**
 * A name no customer, vendor or employee holds: the display-name rules' next variant, checked
 * with QuickBooks (the lookup sees every holder, not only the ones that clashed).
 */
export async function freeDisplayName(
  quickbooks: QuickBooksPort,
  desired: string,
  kind: ContactKind,
  taken: readonly string[],
): Promise<string> {
  const known = [...taken, desired];
  let candidate = suggestUniqueDisplayName(desired, known, kind);
  for (let i = 0; i < MAX_CHECKED_VARIANTS; i++) {
    if ((await quickbooks.findNameHolders(candidate)).length === 0) return candidate;
    known.push(candidate);
    candidate = suggestUniqueDisplayName(desired, known, kind);
  }
  // Still a sensible suggestion; QuickBooks checks it again when the person accepts it.
  return candidate;
}

/** The clash of `displayName`, or null when it is free. */
export async function checkDisplayName(
  quickbooks: QuickBooksPort,
  displayName: string,
  kind: ContactKind,
  exceptCustomerId?: string,
): Promise<NameClash | null> {
  const holders = await nameHolders(quickbooks, displayName, exceptCustomerId);
  if (holders.length === 0) return null;
  const suggestion = await freeDisplayName(
    quickbooks,
    displayName,
    kind,
    holders.map((h) => h.displayName),
  );
  return { displayName, holders, suggestion };
}

/** "vendor Acme Ltd, employee …": who holds the name, in the person's words. */
export function describeHolders(holders: readonly Pick<NameHolder, 'entity' | 'displayName'>[]): string {
  return holders.map((h) => `${h.entity.toLowerCase()} "${h.displayName}"`).join(', ');
}

export function sameDisplayName(a: string, b: string): boolean {
  return displayNameKey(a) === displayNameKey(b);
}

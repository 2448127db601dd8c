// Stable identities derived from record ids, so a retried write can be recognised afterwards.
import type { KarbonKind } from './ports';

/**
 * The UserDefinedIdentifier a Karbon record created from QuickBooks customer `id` carries.
 * Unique per tenant (Karbon rejects a second one with 5001) and visible on list rows, so a
 * record a killed run created is found again by the next run's ordinary read.
 */
export function karbonIdentifierFor(quickBooksId: string): string {
  return `QBO-${quickBooksId}`;
}

/**
 * Our identifiers for one customer: `QBO-<id>`, then `QBO-<id>-2`, `-3`… A further one is only
 * used when a person removed the match with a record holding an earlier one (identifiers are
 * unique, so a new record needs a new one).
 */
export function karbonIdentifiersFor(quickBooksId: string, n: number): string {
  return n <= 1 ? karbonIdentifierFor(quickBooksId) : `${karbonIdentifierFor(quickBooksId)}-${n}`;
}

/** Karbon compares UserDefinedIdentifiers case-insensitively. */
export function sameIdentifier(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The key of a Karbon record in maps: contacts and organizations are separate key spaces. */
export function karbonRef(kind: KarbonKind, key: string): string {
  return `${kind}:${key}`;
}

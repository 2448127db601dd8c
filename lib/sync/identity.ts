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

/** Karbon compares UserDefinedIdentifiers case-insensitively. */
export function sameIdentifier(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The key of a Karbon record in maps: contacts and organizations are separate key spaces. */
export function karbonRef(kind: KarbonKind, key: string): string {
  return `${kind}:${key}`;
}

// A short content hash of what makes a record "changed" for a skipped duplicate: its synced
// fields, name and state, not its timestamps (a save without an edit must not reopen the item).
import { SYNC_FIELDS } from '../contact/model';
import type { QuickBooksCustomer } from './ports';

/** FNV-1a, 32 bits, hex: stable across hosts, no crypto API needed. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function customerFingerprint(c: QuickBooksCustomer): string {
  const parts = [
    c.displayName,
    c.givenName,
    c.familyName,
    c.companyName,
    c.contact.kind,
    String(c.active),
    ...SYNC_FIELDS.map((f) => c.contact.fields[f]),
  ];
  return hashText(JSON.stringify(parts));
}

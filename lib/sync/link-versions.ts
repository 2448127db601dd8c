// When a write made outside a sync run (undo, restore, a person's rename) may store the version it
// leaves on the link. The stored versions are how the next run skips a pair nobody touched; storing
// the new one while the record holds a person's edit the base does not know yet would hide that
// edit from every later run. So: only when the record, as read before the write, held nothing
// new in any synced field but the ones written.
import type { ContactFields } from '../contact/model';
import type { LinkRow, Side } from '../db/rows';
import { fieldsForKind } from './threeway';
import { sameValue } from './threeway-equal';

export function unchangedSinceBase(
  link: LinkRow,
  side: Side,
  read: ContactFields,
  written: object = {},
): boolean {
  const kind = link.karbonKind === 'organization' ? 'organization' : 'person';
  return fieldsForKind(kind).every((f) => {
    const base = link.base[f];
    return f in written || !base || sameValue(f, read[f], base[side]);
  });
}

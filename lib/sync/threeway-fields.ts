// Which fields sync for a link of each kind. A Karbon person has no free-text company name
// (its card points at an Organization instead) and a Karbon organization has no name parts,
// so comparing those fields would only report differences nobody can fix.
import { type ContactKind, SYNC_FIELDS, type SyncField } from '../contact/model';

const PERSON_FIELDS: readonly SyncField[] = SYNC_FIELDS.filter((f) => f !== 'organizationName');
const ORGANIZATION_FIELDS: readonly SyncField[] = SYNC_FIELDS.filter(
  (f) => f !== 'firstName' && f !== 'middleName' && f !== 'lastName',
);

export function fieldsForKind(kind: ContactKind): readonly SyncField[] {
  return kind === 'person' ? PERSON_FIELDS : ORGANIZATION_FIELDS;
}

// Field names as a person reads them, for History and the Client List's differences.
const WORDS: Record<string, string> = {
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  organizationName: 'Organization name',
  email: 'Email',
  phoneWork: 'Work phone',
  phoneMobile: 'Mobile',
  phoneOther: 'Other phone',
  phoneFax: 'Fax',
  physicalLines: 'Physical address',
  physicalCity: 'Physical city',
  physicalRegion: 'Physical state or region',
  physicalPostalCode: 'Physical postal code',
  physicalCountry: 'Physical country',
  mailingLines: 'Mailing address',
  mailingCity: 'Mailing city',
  mailingRegion: 'Mailing state or region',
  mailingPostalCode: 'Mailing postal code',
  mailingCountry: 'Mailing country',
  displayName: 'Display name',
  contactType: 'Contact Type',
  active: 'Active',
  status: 'Status',
};

export function fieldWords(field: string): string {
  return WORDS[field] ?? field;
}

/** The fields that sync (a restore writes one of these back). */
export function isSyncedField(field: string | null): boolean {
  return (
    field !== null && field in WORDS && !['displayName', 'contactType', 'active', 'status'].includes(field)
  );
}

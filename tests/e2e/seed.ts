// The firm the end-to-end tests sync: small enough to reason about, each case of the matching
// rules present once (shared/spec/product.md "Matching rules"). Loaded with PUT /__sandbox/state;
// the sandbox fills in ids, SyncTokens, keys and times.

export const CUSTOMERS = {
  exact: 'Alice Archer',
  exactOrg: 'Gamma Gardens Ltd',
  create: 'Carla Cruz',
  nameOnly: 'Dan Diaz',
  emailOnly: 'Eve Evans',
  severalExact: 'Frank Ford',
  inactive: 'Hank Hill',
} as const;

const person = (given: string, family: string, email: string, extra: Record<string, unknown> = {}) => ({
  DisplayName: `${given} ${family}`,
  GivenName: given,
  FamilyName: family,
  PrimaryEmailAddr: { Address: email },
  Active: true,
  ...extra,
});

type Phone = { Number: string; Label: string };
const card = (emails: string[], phones: Phone[] = []) => [
  { IsPrimaryCard: true, EmailAddresses: emails, PhoneNumbers: phones, Addresses: [], WebSites: [] },
];
const contact = (
  first: string,
  last: string,
  email: string,
  extra: { type?: string; phones?: Phone[] } = {},
) => ({
  FirstName: first,
  LastName: last,
  ContactType: extra.type ?? 'Client',
  RestrictionLevel: 'Public',
  BusinessCards: card(email ? [email] : [], extra.phones),
});

/** Customers that match nothing in Karbon: each becomes a new Karbon contact (and gives the run some length). */
export function fillerCustomers(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => {
    const family = `${prefix}${String(i + 1).padStart(2, '0')}`;
    return person('Filler', family, `filler.${family.toLowerCase()}@example.com`);
  });
}

export function seedState(realmId: string) {
  return {
    qbo: {
      realmId,
      Customer: [
        person('Alice', 'Archer', 'alice@archer.example'),
        person('Carla', 'Cruz', 'carla@cruz.example'),
        person('Dan', 'Diaz', 'dan@diaz.example'),
        person('Eve', 'Evans', 'eve@evans.example'),
        person('Frank', 'Ford', 'frank@ford.example', { PrimaryPhone: { FreeFormNumber: '555-010-7000' } }),
        person('Hank', 'Hill', 'hank@hill.example', { Active: false }),
        {
          DisplayName: 'Gamma Gardens Ltd',
          CompanyName: 'Gamma Gardens Ltd',
          PrimaryEmailAddr: { Address: 'accounts@gamma.example' },
          Active: true,
        },
        ...fillerCustomers('Batch', 12),
      ],
      Vendor: [],
      Employee: [],
    },
    karbon: {
      ContactTypes: ['Client', 'Prospect', 'Supplier'].map((Name) => ({ Name })),
      Contacts: [
        contact('Alice', 'Archer', 'alice@archer.example'),
        // Same name, another email: a partial match → Resolve Duplicates (link it).
        contact('Dan', 'Diaz', 'dan.diaz@other.example'),
        // Same email, another name: a partial match → Resolve Duplicates (create a new contact).
        contact('Evelyn', 'Archibald', 'eve@evans.example'),
        // Two exact matches → Resolve Duplicates; alike by name and email, told apart by the
        // other fields (as the demo's "Daniel Okoro", entered twice in Karbon).
        contact('Frank', 'Ford', 'frank@ford.example', {
          phones: [{ Number: '(555) 010-7000', Label: 'Work' }],
        }),
        contact('Frank', 'Ford', 'frank@ford.example', {
          type: 'Prospect',
          phones: [{ Number: '555 010 7999', Label: 'Mobile' }],
        }),
      ],
      Organizations: [
        {
          FullName: 'Gamma Gardens Ltd',
          ContactType: 'Client',
          RestrictionLevel: 'Public',
          BusinessCards: card(['accounts@gamma.example']),
        },
      ],
    },
  };
}

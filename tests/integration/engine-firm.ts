// The firms engine tests load into the sandbox: QuickBooks customers and Karbon records in the
// services' own JSON, built by a few short functions so each test shows only what it is about.

export interface CustomerJson {
  Id: string;
  DisplayName: string;
  GivenName?: string;
  FamilyName?: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  Active?: boolean;
  Job?: boolean;
  ParentRef?: { value: string };
}

export interface KarbonJson {
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
  FullName?: string;
  ContactType?: string;
  ExternalKey?: string;
  UserDefinedIdentifier?: string;
  BusinessCards: CardJson[];
}

export interface CardJson {
  IsPrimaryCard: boolean;
  EmailAddresses: string[];
  PhoneNumbers?: Array<{ Number: string; Label: string }>;
  Addresses?: Array<{ AddressLines: string; City?: string; Label: string }>;
}

export interface Firm {
  customers: CustomerJson[];
  contacts?: KarbonJson[];
  organizations?: KarbonJson[];
  contactTypes?: string[];
  /** QuickBooks vendors by DisplayName: names a customer cannot take (QuickBooks' names are shared). */
  vendors?: string[];
}

/** Twenty people no fuzzy suggestion takes for one another: for firms that only need many clients. */
export const PIONEERS: ReadonlyArray<readonly [first: string, last: string]> = [
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Margaret', 'Hamilton'],
  ['Ken', 'Thompson'],
  ['Dennis', 'Ritchie'],
  ['Frances', 'Allen'],
  ['John', 'Backus'],
  ['Radia', 'Perlman'],
  ['Tony', 'Hoare'],
  ['Niklaus', 'Wirth'],
  ['Leslie', 'Lamport'],
  ['Shafi', 'Goldwasser'],
  ['Robin', 'Milner'],
  ['Sophie', 'Wilson'],
  ['Claude', 'Shannon'],
  ['Hedy', 'Lamarr'],
];

type Name = readonly [first: string, last: string];
const emailOf = ([first]: Name) => `${first.toLowerCase()}@example.com`;

/** People as QuickBooks customers 1…n, each with first@example.com. */
function customersNamed(people: readonly Name[]): CustomerJson[] {
  return people.map((name, i) => person(String(i + 1), name[0], name[1], emailOf(name)));
}

/** The first `n` PIONEERS as QuickBooks customers 1…n, each with first@example.com. */
export function pioneers(n: number): CustomerJson[] {
  return customersNamed(PIONEERS.slice(0, n));
}

/** People alike on both sides: QuickBooks customers 1…n and Karbon contacts, each with first@example.com. */
export function onBothSides(...people: Name[]): Firm {
  return {
    customers: customersNamed(people),
    contacts: people.map((name) => contact(name[0], name[1], [emailOf(name)])),
  };
}

/** A QuickBooks person customer, with its email when given. */
export function person(
  id: string,
  given: string,
  family: string,
  email?: string,
  more: Partial<CustomerJson> = {},
): CustomerJson {
  return {
    Id: id,
    DisplayName: `${given} ${family}`,
    GivenName: given,
    FamilyName: family,
    ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
    ...more,
  };
}

export function company(
  id: string,
  name: string,
  email?: string,
  more: Partial<CustomerJson> = {},
): CustomerJson {
  return {
    Id: id,
    DisplayName: name,
    CompanyName: name,
    ...(email ? { PrimaryEmailAddr: { Address: email } } : {}),
    ...more,
  };
}

export function contact(
  first: string,
  last: string,
  emails: string[] = [],
  more: Partial<KarbonJson> = {},
): KarbonJson {
  return {
    FirstName: first,
    LastName: last,
    ContactType: 'Client',
    BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: emails }],
    ...more,
  };
}

/** A Karbon person whose primary card holds phones or addresses besides `emails`. */
export function contactWithCard(
  first: string,
  last: string,
  emails: string[],
  card: Pick<CardJson, 'PhoneNumbers' | 'Addresses'>,
): KarbonJson {
  return contact(first, last, emails, {
    BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: emails, ...card }],
  });
}

export function organization(
  name: string,
  emails: string[] = [],
  more: Partial<KarbonJson> = {},
): KarbonJson {
  return {
    FullName: name,
    ContactType: 'Client',
    BusinessCards: [{ IsPrimaryCard: true, EmailAddresses: emails }],
    ...more,
  };
}

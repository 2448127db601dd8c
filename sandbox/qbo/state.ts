// The QuickBooks company the emulator serves, records in QBO's own JSON shape (qbo-api.md
// "API"). GET /__sandbox/state returns exactly what GET /customer/{id} would (minus `time`); PUT
// may omit the server fields (Id, SyncToken, MetaData, domain, sparse), which are filled in.

export interface QboRef {
  value: string;
  name?: string;
}

export interface QboPhysicalAddress {
  Id?: string;
  Line1?: string;
  Line2?: string;
  Line3?: string;
  Line4?: string;
  Line5?: string;
  City?: string;
  Country?: string;
  CountrySubDivisionCode?: string;
  PostalCode?: string;
  Lat?: string;
  Long?: string;
}

export interface QboMetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

/** Fields Customer, Vendor and Employee share (XSD NameBase). Other QBO fields may appear too. */
export interface QboNameRecord {
  Id?: string;
  SyncToken?: string;
  MetaData?: QboMetaData;
  domain?: 'QBO';
  sparse?: boolean;
  DisplayName?: string;
  Title?: string;
  GivenName?: string;
  MiddleName?: string;
  FamilyName?: string;
  Suffix?: string;
  CompanyName?: string;
  PrintOnCheckName?: string;
  Active?: boolean;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  Mobile?: { FreeFormNumber: string };
  AlternatePhone?: { FreeFormNumber: string };
  Fax?: { FreeFormNumber: string };
  WebAddr?: { URI: string };
  [field: string]: unknown;
}

export interface QboCustomer extends QboNameRecord {
  FullyQualifiedName?: string;
  Job?: boolean;
  ParentRef?: QboRef;
  BillWithParent?: boolean;
  Level?: number;
  BillAddr?: QboPhysicalAddress;
  ShipAddr?: QboPhysicalAddress;
  Notes?: string;
}

export type QboVendor = QboNameRecord;
export type QboEmployee = QboNameRecord;

export interface QboState {
  realmId: string;
  Customer: QboCustomer[];
  Vendor: QboVendor[];
  Employee: QboEmployee[];
}

export const NAME_ENTITIES = ['Customer', 'Vendor', 'Employee'] as const;
export type NameEntity = (typeof NAME_ENTITIES)[number];

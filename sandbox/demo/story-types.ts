// The demo firm is written as one list of story items: each says which QuickBooks customer and
// which Karbon records exist for one client, and what the product should do with them
// (shared/spec/product.md "Matching rules"). Records and expected outcomes are both derived from
// this list, so they cannot drift apart.
import type { Place } from './pools';

export type ContactTypeName = 'Client' | 'Client - VIP' | 'Prospect' | 'Supplier' | 'Other' | 'Inactive';
export const DEMO_CONTACT_TYPES: ContactTypeName[] = [
  'Client',
  'Client - VIP',
  'Prospect',
  'Supplier',
  'Other',
  'Inactive',
];

export interface PostalAddress {
  lines: string[];
  city: string;
  region: string;
  postal: string;
  place: Place;
}

export interface QboCustomerSpec {
  display: string;
  title?: string;
  given?: string;
  middle?: string;
  family?: string;
  suffix?: string;
  company?: string;
  /** As QuickBooks stores it: may hold several addresses ("a@x.com, b@y.com"). */
  email?: string;
  phone?: string;
  mobile?: string;
  fax?: string;
  bill?: PostalAddress;
  ship?: PostalAddress;
  active?: boolean;
  /** Story id of the parent customer: a sub-customer (Job). */
  parent?: string;
  notes?: string;
}

export interface KarbonPhoneSpec {
  number: string;
  label: 'Work' | 'Mobile' | 'Office' | 'Fax' | 'Home' | 'Other';
  country: string;
}

export interface KarbonRecordSpec {
  kind: 'contact' | 'organization';
  first?: string;
  middle?: string;
  last?: string;
  salutation?: string;
  preferred?: string;
  /** Organization FullName. */
  name?: string;
  emails: string[];
  phones: KarbonPhoneSpec[];
  addresses: { address: PostalAddress; label: 'Physical' | 'Mailing' }[];
  websites?: string[];
  type?: ContactTypeName;
  /** Karbon's own QuickBooks integration linked it: ExternalKey = this item's customer Id. */
  externalKey?: boolean;
  /** Story id of an organization item: the person's card links to that organization. */
  worksAt?: string;
  role?: string;
  udi?: string;
}

export type Outcome =
  /** Exactly one Karbon record matches by name and email (or by ExternalKey): linked automatically. */
  | 'link'
  /** Nothing in Karbon matches by name or email: a new Karbon contact is created. */
  | 'create'
  /** A partial match, several exact ones, or a likely duplicate: waits in "Resolve duplicates". */
  | 'review'
  /** Inactive customers and sub-customers are not imported. */
  | 'skip'
  /** Karbon records with no QuickBooks customer: never pushed on the first sync. */
  | 'karbon-only';

export interface StoryItem {
  id: string;
  group: string;
  qbo?: QboCustomerSpec;
  karbon: KarbonRecordSpec[];
  /** A QuickBooks vendor or employee holding the Karbon record's name (a DisplayName clash to be). */
  nameHeldBy?: 'Vendor' | 'Employee';
  outcome: Outcome;
  /** Why, in the firm's words (shown by tests and docs). */
  reason: string;
  /** For 'link': which Karbon record (index into `karbon`), default 0. */
  linkTo?: number;
}

// What the product should do with the demo firm on the first Sync Now (shared/spec/product.md
// "Matching rules"), derived from the same story list as the records. Engine tests read this
// instead of restating the story.

export interface ExpectedLink {
  qboId: string;
  karbonKey: string;
  karbonKind: 'contact' | 'organization';
  /** Name and email agree, or Karbon's own integration left the customer id in ExternalKey. */
  via: 'name-and-email' | 'external-key';
  story: string;
  group: string;
}

export interface ExpectedCreate {
  qboId: string;
  kind: 'person' | 'organization';
  story: string;
  group: string;
}

export interface ExpectedReview {
  qboId: string;
  /** Every Karbon record the item should list as a candidate. */
  candidateKeys: string[];
  story: string;
  group: string;
  reason: string;
}

export interface ExpectedSkip {
  qboId: string;
  reason: 'inactive' | 'sub-customer';
  story: string;
  group: string;
}

export interface ExpectedKarbonOnly {
  karbonKey: string;
  karbonKind: 'contact' | 'organization';
  contactType: string;
  story: string;
  group: string;
  /** A QuickBooks vendor or employee already holds this name: pushing it would clash (6240). */
  nameHeldBy?: 'Vendor' | 'Employee';
}

export interface DemoExpectations {
  links: ExpectedLink[];
  creates: ExpectedCreate[];
  reviews: ExpectedReview[];
  skipped: ExpectedSkip[];
  /** Karbon records no customer links to after the first sync (never pushed by it). */
  karbonOnly: ExpectedKarbonOnly[];
}

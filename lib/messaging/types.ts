// What the background tells the pages. Never a secret: the client secret, tokens and Karbon
// keys stay in the background; the pages learn only whether they are set.
import type { ContactFields, ContactKind } from '../contact/model';
import type { Environment } from '../extension/environments';

export interface QuickBooksStatus {
  state: 'not-connected' | 'connected' | 'needs-reconnect';
  companyName: string;
  realmId: string;
  environment: Environment;
  connectedAt: string | null;
  /** When the refresh token stops working (Intuit: about 100 days after last use). */
  authorizationExpiresAt: string | null;
}

export interface KarbonStatus {
  state: 'not-connected' | 'connected' | 'rejected';
  tenantName: string;
  contactTypes: string[];
  connectedAt: string | null;
}

export interface AppSettingsView {
  sandboxBuild: boolean;
  environment: Environment;
  environments: Environment[];
  sandboxUrl: string;
  clientId: string;
  hasClientSecret: boolean;
  /** What the firm registers as a redirect URI in its Intuit app. */
  redirectUri: string;
}

export interface ConnectionsStatus {
  quickBooks: QuickBooksStatus;
  karbon: KarbonStatus;
  app: AppSettingsView;
}

/** One sentence and one action, for the popup's strip and the badge. */
export interface Attention {
  level: 'warning' | 'error';
  message: string;
  action: { label: string; section: OptionsPlace } | null;
}

export type OptionsSection =
  | 'connections'
  | 'settings'
  | 'preview'
  | 'resolve'
  | 'clients'
  | 'history'
  | 'backup';

/** A section, or one card of Connections (options.html#connections/quickbooks). */
export type OptionsPlace = OptionsSection | `connections/${'quickbooks' | 'karbon'}`;

/** One record in full, as Resolve Duplicates compares it field by field. */
export interface RecordView {
  id: string;
  side: 'quickbooks' | 'karbon';
  kind: ContactKind;
  fields: ContactFields;
  /** Karbon's Contact Type ('' for a QuickBooks customer). */
  contactType: string;
  /** When the service last changed it, if it says. */
  lastModified: string | null;
  /** QuickBooks customers can be inactive; Karbon records are always true here. */
  active: boolean;
}

/** A waiting item's record and its candidates read in full; a candidate gone since is null. */
export interface ItemRecords {
  itemId: string;
  source: RecordView | null;
  candidates: Record<string, RecordView | null>;
}

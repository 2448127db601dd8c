// Builders of port-shaped records for the engine's unit and property tests (not used at run time).
import { type ContactKind, makeContact } from '../contact/model';
import type { DuplicateRow, LinkRow } from '../db/rows';
import type { KarbonKind, KarbonRecord, KarbonSummary, QuickBooksCustomer } from './ports';

export interface CustomerSpec {
  id: string;
  displayName?: string;
  given?: string;
  family?: string;
  company?: string;
  email?: string;
  active?: boolean;
  isJob?: boolean;
  phone?: string;
}

export function customer(spec: CustomerSpec): QuickBooksCustomer {
  const given = spec.given ?? '';
  const family = spec.family ?? '';
  const company = spec.company ?? '';
  const displayName = spec.displayName ?? ([given, family].filter(Boolean).join(' ') || company);
  const kind: ContactKind =
    (company && !given && !family) || (company !== '' && displayName === company) ? 'organization' : 'person';
  return {
    id: spec.id,
    syncToken: '0',
    active: spec.active ?? true,
    isJob: spec.isJob ?? false,
    parentId: spec.isJob ? '1' : null,
    lastUpdated: '2026-01-01T00:00:00.000Z',
    displayName,
    givenName: given,
    familyName: family,
    companyName: company,
    deleted: false,
    contact: makeContact(kind, {
      firstName: given,
      lastName: family,
      organizationName: company,
      email: spec.email ?? '',
      phoneWork: spec.phone ?? '',
    }),
  };
}

export interface SummarySpec {
  key: string;
  kind?: KarbonKind;
  name: string;
  email?: string;
  identifier?: string;
  contactType?: string;
}

export function summary(spec: SummarySpec): KarbonSummary {
  return {
    kind: spec.kind ?? 'contact',
    key: spec.key,
    fullName: spec.name,
    email: spec.email ?? '',
    phone: '',
    contactType: spec.contactType ?? 'Client',
    userDefinedIdentifier: spec.identifier ?? '',
    lastModified: '2026-01-01T00:00:00.000Z',
  };
}

export function record(
  spec: SummarySpec & { first?: string; middle?: string; last?: string; emails?: string[] },
): KarbonRecord {
  const kind = spec.kind ?? 'contact';
  return {
    kind,
    key: spec.key,
    userDefinedIdentifier: spec.identifier ?? '',
    lastModified: '2026-01-01T00:00:00.000Z',
    archived: false,
    contact: makeContact(
      kind === 'organization' ? 'organization' : 'person',
      {
        firstName: spec.first ?? '',
        middleName: spec.middle ?? '',
        lastName: spec.last ?? '',
        organizationName: kind === 'organization' ? spec.name : '',
        email: (spec.emails ?? (spec.email ? [spec.email] : [])).join(', '),
      },
      spec.contactType ?? 'Client',
    ),
  };
}

export function linkRow(quickBooksId: string, karbonKey: string, kind: KarbonKind = 'contact'): LinkRow {
  return {
    quickBooksId,
    karbonKey,
    karbonKind: kind,
    linkedBy: 'auto',
    how: 'exact-match',
    linkedAt: '2026-01-01T00:00:00.000Z',
    linkedInRun: 'run-0',
    lastSyncedAt: '2026-01-01T00:00:00.000Z',
    status: 'active',
    statusSince: null,
    base: {},
    differences: [],
    quickBooksName: '',
    quickBooksEmail: '',
    karbonName: '',
    karbonEmail: '',
    quickBooksSyncToken: '0',
    quickBooksUpdated: '',
    karbonModified: '',
  };
}

export function itemRow(
  id: string,
  sourceId: string,
  status: DuplicateRow['status'],
  fingerprint: string,
): DuplicateRow {
  return {
    id,
    origin: 'quickbooks',
    sourceId,
    sourceKind: 'person',
    name: '',
    email: '',
    why: 'partial',
    candidates: [],
    status,
    fingerprint,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    resolution: null,
  };
}

import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact/model';
import { buildKarbonIndex } from './karbon-index';
import type { KarbonSummary, QuickBooksCustomer } from './ports';
import { STRONG_FUZZY_CANDIDATE_SCORE } from './suggestions';
import { suggestKarbonForCustomer } from './suggestions-planner';

function summary(key: string, fullName: string, kind: KarbonSummary['kind'] = 'organization'): KarbonSummary {
  return {
    kind,
    key,
    fullName,
    email: '',
    phone: '',
    contactType: 'Client',
    userDefinedIdentifier: '',
    lastModified: '',
  };
}

function customer(displayName: string): QuickBooksCustomer {
  return {
    id: '7',
    syncToken: '0',
    active: true,
    isJob: false,
    parentId: null,
    lastUpdated: '2026-01-01T00:00:00Z',
    displayName,
    givenName: '',
    familyName: '',
    companyName: displayName,
    deleted: false,
    contact: makeContact('organization', { organizationName: displayName }),
  };
}

describe('the planner suggester', () => {
  const index = buildKarbonIndex([summary('K1', 'ACME Limited'), summary('K2', 'Apex Partners')], new Map());

  it('gives Karbon refs with a strong score for a legal-form variant', () => {
    const [top] = suggestKarbonForCustomer(customer('Acme Ltd'), index);
    expect(top?.ref).toMatch(/K1/);
    expect(top?.score).toBeGreaterThanOrEqual(STRONG_FUZZY_CANDIDATE_SCORE);
    expect(top?.agreeing).toEqual(['name']);
  });

  it('suggests nothing for a stranger', () => {
    expect(suggestKarbonForCustomer(customer('Zed Holdings'), index)).toEqual([]);
  });
});

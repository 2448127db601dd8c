// The demo's expected outcomes agree with the matching rules of shared/spec/product.md, computed
// here independently from the generated records with lib/contact's keys (as the engine sees
// Karbon: list rows, FullName and the primary card's first email).
import { describe, expect, it } from 'vitest';
import {
  emailKeys,
  intersects,
  karbonOrganizationNameKeys,
  karbonSummaryPersonNameKeys,
  norm,
  quickBooksNameKeys,
} from '../../lib/contact';
import type { KarbonContact, KarbonOrganization } from '../karbon/state';
import type { QboCustomer } from '../qbo/state';
import { demoExpectations, demoState, generateState } from './index';

type KarbonRecord = KarbonContact | KarbonOrganization;
const keyOf = (r: KarbonRecord): string => ('ContactKey' in r ? r.ContactKey : r.OrganizationKey);
const fullName = (r: KarbonRecord): string =>
  'ContactKey' in r ? [r.FirstName, r.MiddleName, r.LastName].filter(Boolean).join(' ') : r.FullName;

function karbonKeys(r: KarbonRecord) {
  const card = r.BusinessCards.find((c) => c.IsPrimaryCard) ?? r.BusinessCards[0];
  return {
    key: keyOf(r),
    names:
      'ContactKey' in r ? karbonSummaryPersonNameKeys(fullName(r)) : karbonOrganizationNameKeys(r.FullName),
    emails: emailKeys(card?.EmailAddresses[0] ?? ''),
    externalKey: r.ExternalKey,
    record: r,
  };
}

function customerKeys(c: QboCustomer) {
  return {
    names: quickBooksNameKeys({
      displayName: c.DisplayName ?? '',
      givenName: c.GivenName ?? '',
      familyName: c.FamilyName ?? '',
      companyName: c.CompanyName ?? '',
    }),
    emails: emailKeys(c.PrimaryEmailAddr?.Address ?? ''),
  };
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] ?? 0;
      row[j] = Math.min(cur + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] ?? 0;
}

describe('demo firm', () => {
  const state = demoState();
  const karbon = [...state.karbon.Contacts, ...state.karbon.Organizations].map(karbonKeys);
  const byId = new Map(state.qbo.Customer.map((c) => [c.Id, c]));

  const ruled = (c: QboCustomer) => {
    const k = customerKeys(c);
    const candidates = karbon.filter((r) => intersects(k.names, r.names) || intersects(k.emails, r.emails));
    const exact = candidates.filter((r) => intersects(k.names, r.names) && intersects(k.emails, r.emails));
    return { candidates: candidates.map((r) => r.key).sort(), exact: exact.map((r) => r.key) };
  };

  it('has a few hundred clients on each side, with vendors and employees', () => {
    expect(state.qbo.Customer.length).toBeGreaterThanOrEqual(250);
    expect(state.karbon.Contacts.length + state.karbon.Organizations.length).toBeGreaterThanOrEqual(250);
    expect(state.qbo.Vendor.length).toBeGreaterThan(0);
    expect(state.qbo.Employee.length).toBeGreaterThan(0);
  });

  it('every expected link is the only exact match by name and email, or Karbon’s own ExternalKey link', () => {
    for (const l of demoExpectations.links) {
      const c = byId.get(l.qboId);
      if (!c) throw new Error(`no customer ${l.qboId}`);
      const r = ruled(c);
      if (l.via === 'external-key') {
        expect(karbon.find((k) => k.key === l.karbonKey)?.externalKey, l.story).toBe(c.Id);
      } else {
        expect(r.exact, l.story).toEqual([l.karbonKey]);
      }
    }
  });

  it('every expected review lists exactly the candidates the rules find (likely duplicates have none)', () => {
    for (const v of demoExpectations.reviews) {
      const c = byId.get(v.qboId);
      if (!c) throw new Error(`no customer ${v.qboId}`);
      const r = ruled(c);
      if (v.group === 'likely-duplicate') {
        expect(r.candidates, v.story).toEqual([]);
      } else {
        expect(r.candidates, v.story).toEqual([...v.candidateKeys].sort());
        expect(r.exact.length === 1, v.story).toBe(false);
      }
    }
  });

  it('every expected create has no candidate, not even a near-identical name', () => {
    for (const n of demoExpectations.creates) {
      const c = byId.get(n.qboId);
      if (!c) throw new Error(`no customer ${n.qboId}`);
      expect(ruled(c).candidates, n.qboId).toEqual([]);
      const own = norm(c.DisplayName);
      for (const k of karbon)
        expect(levenshtein(own, norm(fullName(k.record))), `${own} ~ ${fullName(k.record)}`).toBeGreaterThan(
          3,
        );
    }
  });

  it('skips exactly the inactive customers and the sub-customers', () => {
    const skipped = state.qbo.Customer.filter((c) => c.Active === false || c.Job === true)
      .map((c) => c.Id)
      .sort();
    expect(demoExpectations.skipped.map((s) => s.qboId).sort()).toEqual(skipped);
  });

  it('accounts for every customer and every Karbon record once', () => {
    const e = demoExpectations;
    const ids = [...e.links, ...e.creates, ...e.reviews, ...e.skipped].map((x) => x.qboId).sort();
    expect(ids).toEqual(state.qbo.Customer.map((c) => c.Id ?? '').sort());
    const keys = [
      ...e.links.map((l) => l.karbonKey),
      ...e.reviews.flatMap((r) => r.candidateKeys),
      ...e.karbonOnly.map((k) => k.karbonKey),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(karbon.map((k) => k.key).sort());
  });

  it('covers every part of the story', () => {
    const groups = new Set(
      [...demoExpectations.links, ...demoExpectations.reviews, ...demoExpectations.creates].map(
        (x) => x.group,
      ),
    );
    for (const g of [
      'variant',
      'last-first',
      'email-only',
      'name-only',
      'several-exact',
      'multi-email',
      'no-email',
      'external-key',
      'likely-duplicate',
      'person-with-company',
      'org-company-name',
      'exact-person',
      'exact-organization',
      'qbo-only',
    ]) {
      expect(groups, g).toContain(g);
    }
    expect(demoExpectations.karbonOnly.some((k) => k.nameHeldBy === 'Vendor')).toBe(true);
    expect(demoExpectations.karbonOnly.some((k) => k.nameHeldBy === 'Employee')).toBe(true);
    const types = new Set(
      [...state.karbon.Contacts, ...state.karbon.Organizations].map((r) => r.ContactType),
    );
    for (const t of ['Client', 'Prospect', 'Supplier', 'Other']) expect(types).toContain(t);
    expect(state.qbo.Customer.some((c) => (c.PrimaryEmailAddr?.Address ?? '').includes(','))).toBe(true);
  });

  it('is deterministic', () => {
    expect(demoState()).toEqual(state);
    expect(generateState(300)).toEqual(generateState(300));
  });
});

describe('generated firms', () => {
  it('have n records per side, mostly linkable, and build 10,000 quickly', () => {
    const started = performance.now();
    const s = generateState(10_000);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(s.qbo.Customer).toHaveLength(10_000);
    expect(s.karbon.Contacts.length + s.karbon.Organizations.length).toBe(10_000);
    const names = new Set(s.qbo.Customer.map((c) => (c.DisplayName ?? '').toLowerCase()));
    expect(names.size).toBe(10_000);
    expect(s.qbo.Customer.filter((c) => c.Active === false).length).toBeGreaterThan(0);
    expect(s.qbo.Customer.filter((c) => c.Job === true).length).toBeGreaterThan(0);
  });
});

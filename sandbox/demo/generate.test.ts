// A generated firm's expectations agree with the matching rules (shared/spec/product.md
// "Matching rules"), checked independently from its records with lib/contact's keys, as the
// engine sees Karbon's list rows (FullName, the primary card's first email). Indexed by key, so
// the benchmark's 10,000 is checked too.
import { describe, expect, it } from 'vitest';
import {
  emailKeys,
  karbonOrganizationNameKeys,
  karbonSummaryPersonNameKeys,
  quickBooksNameKeys,
} from '../../lib/contact';
import { DEMO_CREDENTIALS } from '../core/credentials';
import type { SandboxState } from '../core/state';
import { generateFirmWithExpectations } from './generate';
import { FIRST_NAMES } from './pools';

function rulesOf(state: SandboxState) {
  const byName = new Map<string, Set<string>>();
  const byEmail = new Map<string, Set<string>>();
  const add = (index: Map<string, Set<string>>, key: string, record: string) => {
    const set = index.get(key) ?? new Set<string>();
    set.add(record);
    index.set(key, set);
  };
  for (const c of state.karbon.Contacts) {
    const full = [c.FirstName, c.MiddleName, c.LastName].filter(Boolean).join(' ');
    for (const k of karbonSummaryPersonNameKeys(full)) add(byName, k, c.ContactKey);
    const card = c.BusinessCards.find((b) => b.IsPrimaryCard) ?? c.BusinessCards[0];
    for (const k of emailKeys(card?.EmailAddresses[0] ?? '')) add(byEmail, k, c.ContactKey);
  }
  for (const o of state.karbon.Organizations) {
    for (const k of karbonOrganizationNameKeys(o.FullName)) add(byName, k, o.OrganizationKey);
    const card = o.BusinessCards.find((b) => b.IsPrimaryCard) ?? o.BusinessCards[0];
    for (const k of emailKeys(card?.EmailAddresses[0] ?? '')) add(byEmail, k, o.OrganizationKey);
  }
  const customers = new Map(state.qbo.Customer.map((c) => [c.Id ?? '', c]));
  return (qboId: string) => {
    const c = customers.get(qboId);
    if (!c) throw new Error(`no customer ${qboId}`);
    const names = new Set<string>();
    const emails = new Set<string>();
    const nameKeys = quickBooksNameKeys({
      displayName: c.DisplayName ?? '',
      givenName: c.GivenName ?? '',
      familyName: c.FamilyName ?? '',
      companyName: c.CompanyName ?? '',
    });
    for (const k of nameKeys) for (const r of byName.get(k) ?? []) names.add(r);
    for (const k of emailKeys(c.PrimaryEmailAddr?.Address ?? ''))
      for (const r of byEmail.get(k) ?? []) emails.add(r);
    return {
      candidates: [...new Set([...names, ...emails])].sort(),
      exact: [...names].filter((r) => emails.has(r)),
    };
  };
}

describe.each([1_000, 10_000])('a generated firm of %i', (n) => {
  const { state, expectations } = generateFirmWithExpectations(n, DEMO_CREDENTIALS.qbo.realmId);
  const ruled = rulesOf(state);

  it('expects a create only where no Karbon record shares the name or the email', () => {
    const wrong = expectations.creates.filter((e) => ruled(e.qboId).candidates.length > 0);
    expect(wrong.map((e) => e.story)).toEqual([]);
    expect(expectations.creates.length).toBeGreaterThan(n / 20);
  });

  it('expects a review with exactly the candidates the rules find, none exact', () => {
    for (const v of expectations.reviews) {
      const r = ruled(v.qboId);
      expect(r.candidates, v.story).toEqual([...v.candidateKeys].sort());
      expect(r.exact.length === 1, v.story).toBe(false);
    }
  });

  it('expects a link exactly where one record matches by name and email', () => {
    for (const l of expectations.links) expect(ruled(l.qboId).exact, l.story).toEqual([l.karbonKey]);
  });
});

it('the email-only variant’s Karbon first name is not one a generated client can have', () => {
  const { state, expectations } = generateFirmWithExpectations(300, DEMO_CREDENTIALS.qbo.realmId);
  const emailOnly = new Set(
    expectations.reviews.filter((r) => r.group === 'email-only').flatMap((r) => r.candidateKeys),
  );
  const firsts = state.karbon.Contacts.filter((c) => emailOnly.has(c.ContactKey)).map((c) => c.FirstName);
  expect(firsts.length).toBeGreaterThan(0);
  for (const first of firsts) expect(FIRST_NAMES).not.toContain(first);
});

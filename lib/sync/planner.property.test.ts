// Matching invariants over random small worlds where names and emails collide often.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKeys, intersects, quickBooksNameKeys } from '../contact/keys';
import type { LinkRow, UnlinkRow } from '../db/rows';
import { defaultSettings } from '../db/settings';
import { karbonIdentifierFor, karbonRef } from './identity';
import { buildKarbonIndex } from './karbon-index';
import type { Plan } from './plan';
import { type PlannerInput, plan } from './planner';
import type { KarbonSummary } from './ports';
import { customer, linkRow, summary } from './test-records';

const first = fc.constantFrom('Ada', 'ada', 'Grace', 'Alan');
const last = fc.constantFrom('Lovelace', 'Hopper', 'TURING');
const email = fc.constantFrom('', 'a@x.io', 'g@x.io', 'A@X.io ', 't@x.io');

const customerArb = fc.record({
  given: first,
  family: last,
  lastFirst: fc.boolean(),
  email,
  active: fc.boolean(),
  isJob: fc.boolean(),
});
const karbonArb = fc.record({ first, middle: fc.constantFrom('', 'King'), last, email, org: fc.boolean() });

const world = fc
  .record({
    customers: fc.array(customerArb, { maxLength: 8 }),
    karbon: fc.array(karbonArb, { maxLength: 8 }),
    linkPairs: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 4 }),
    unlinkPairs: fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 4 }),
  })
  .map(({ customers, karbon, linkPairs, unlinkPairs }): PlannerInput => {
    const qbo = customers.map((c, i) =>
      customer({
        id: String(i + 1),
        given: c.given,
        family: c.family,
        displayName: c.lastFirst ? `${c.family}, ${c.given}` : undefined,
        email: c.email,
        active: c.active,
        isJob: c.isJob,
      }),
    );
    const rows = karbon.map((k, i) =>
      summary({
        key: `K${i}`,
        kind: k.org ? 'organization' : 'contact',
        name: k.org ? `${k.first} ${k.last}` : [k.first, k.middle, k.last].filter(Boolean).join(' '),
        email: k.email,
      }),
    );
    // Links are one-to-one by construction, as the database keeps them.
    const links: LinkRow[] = [];
    const usedQ = new Set<string>();
    const usedK = new Set<string>();
    for (const [q, k] of linkPairs) {
      const c = qbo[q];
      const r = rows[k];
      if (!c || !r || usedQ.has(c.id) || usedK.has(r.key)) continue;
      usedQ.add(c.id);
      usedK.add(r.key);
      links.push(linkRow(c.id, r.key, r.kind));
    }
    const unlinks: UnlinkRow[] = unlinkPairs.flatMap(([q, k]) => {
      const c = qbo[q];
      const r = rows[k];
      return c && r ? [{ quickBooksId: c.id, karbonKey: r.key, at: '', runId: 'r' }] : [];
    });
    return {
      customers: qbo,
      karbon: rows,
      details: new Map(),
      externalKeys: new Map(qbo.map((c) => [c.id, []])),
      links,
      unlinks,
      items: [],
      settings: defaultSettings,
    };
  });

function linkOps(p: Plan) {
  return p.operations.flatMap((o) => (o.type === 'link' ? [o] : []));
}

/** The outcome of a run: planned links stored, planned creates present in Karbon with our identifier. */
function applyPlan(input: PlannerInput, p: Plan): PlannerInput {
  const links = [...input.links];
  const karbon: KarbonSummary[] = [...input.karbon];
  for (const o of p.operations) {
    if (o.type === 'link') links.push(linkRow(o.quickBooksId, o.karbon.key, o.karbon.kind));
    if (o.type === 'create-in-karbon') {
      const c = input.customers.find((x) => x.id === o.quickBooksId);
      const key = `NEW${o.quickBooksId}`;
      karbon.push(
        summary({
          key,
          kind: o.kind,
          name: c?.displayName ?? '',
          email: c?.contact.fields.email,
          identifier: o.identifier,
        }),
      );
      links.push(linkRow(o.quickBooksId, key, o.kind));
    }
  }
  return { ...input, links, karbon };
}

describe('planner invariants', () => {
  it('no Karbon record and no customer is ever linked twice', () => {
    fc.assert(
      fc.property(world, (input) => {
        const after = applyPlan(input, plan(input));
        const refs = after.links.map((l) => karbonRef(l.karbonKind, l.karbonKey));
        expect(new Set(refs).size).toBe(refs.length);
        expect(new Set(after.links.map((l) => l.quickBooksId)).size).toBe(after.links.length);
      }),
    );
  });

  it('an automatic exact-match link is made only when name AND email agree, with no person unlink', () => {
    fc.assert(
      fc.property(world, (input) => {
        const index = buildKarbonIndex(input.karbon, input.details);
        for (const o of linkOps(plan(input))) {
          if (o.how !== 'exact-match') continue;
          const c = input.customers.find((x) => x.id === o.quickBooksId);
          const v = index.byRef.get(karbonRef(o.karbon.kind, o.karbon.key));
          if (!c || !v) throw new Error('link to an unknown record');
          expect(intersects(quickBooksNameKeys(c), v.nameKeys)).toBe(true);
          expect(intersects(emailKeys(c.contact.fields.email), v.emailKeys)).toBe(true);
          expect(input.unlinks.some((u) => u.quickBooksId === c.id && u.karbonKey === v.key)).toBe(false);
        }
      }),
    );
  });

  it('every unlinked active client is linked, created or reviewed; inactive ones and jobs are never created', () => {
    fc.assert(
      fc.property(world, (input) => {
        const p = plan(input);
        const linked = new Set(input.links.map((l) => l.quickBooksId));
        for (const c of input.customers) {
          const ops = p.operations.filter(
            (o) => 'quickBooksId' in o && o.quickBooksId === c.id && o.type !== 'mark-link',
          );
          if (linked.has(c.id)) {
            expect(ops).toEqual([]);
          } else if (!c.active || c.isJob) {
            expect(ops.map((o) => o.type)).toEqual(['leave-out']);
          } else {
            expect(ops.map((o) => o.type)).toHaveLength(1);
            expect(['link', 'create-in-karbon', 'review']).toContain(ops[0]?.type);
          }
        }
      }),
    );
  });

  it('a customer with any name or email candidate is never created', () => {
    fc.assert(
      fc.property(world, (input) => {
        const index = buildKarbonIndex(input.karbon, input.details);
        for (const o of plan(input).operations) {
          if (o.type !== 'create-in-karbon') continue;
          const c = input.customers.find((x) => x.id === o.quickBooksId);
          if (!c) throw new Error('create for an unknown customer');
          const names = quickBooksNameKeys(c);
          const emails = emailKeys(c.contact.fields.email);
          for (const v of index.byRef.values()) {
            expect(intersects(names, v.nameKeys) || intersects(emails, v.emailKeys)).toBe(false);
          }
          expect(o.identifier).toBe(karbonIdentifierFor(c.id));
        }
      }),
    );
  });

  it('the plan does not depend on the order records are read in (so the preview equals the run)', () => {
    fc.assert(
      fc.property(world, fc.nat(), (input, seed) => {
        const shuffle = <T>(xs: readonly T[]) =>
          [...xs]
            .map((x, i) => ({ x, k: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const shuffled = { ...input, customers: shuffle(input.customers), karbon: shuffle(input.karbon) };
        const norm = (p: Plan) => p.operations.map((o) => JSON.stringify(o)).sort();
        expect(norm(plan(shuffled))).toEqual(norm(plan(input)));
      }),
    );
  });

  it('after the plan is carried out, planning again links and creates nothing (a second run writes nothing)', () => {
    fc.assert(
      fc.property(world, (input) => {
        const again = plan(applyPlan(input, plan(input)));
        expect(again.operations.filter((o) => o.type === 'link' || o.type === 'create-in-karbon')).toEqual(
          [],
        );
      }),
    );
  });
});

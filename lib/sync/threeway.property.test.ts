// Property tests: whatever both sides hold and whatever the base says, a plan applied leaves
// nothing to do (idempotence), loses no value, treats the two sides alike (symmetry) and
// converges under random edits over several runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContactFields, emptyFields, type SyncField } from '../contact/model';
import { type ConflictPolicy, type FirstLinkPolicy, otherSide, type Side } from './conflicts';
import {
  type FieldOutcome,
  type FieldPlan,
  isQuiet,
  type LinkBase,
  planFields,
  settleBase,
  type ThreeWayInput,
} from './threeway';
import { phoneDigits, sameValue } from './threeway-equal';
import { countryCode } from './threeway-places';

// Values both sides can hold, with formatting variants of the same value among them.
const POOLS = {
  email: ['', 'a@x.com', 'A@X.com ', 'b@y.com', 'a@x.com, b@y.com', 'b@y.com;A@x.com', 'c@z.org'],
  phoneWork: ['', '555 123 4567', '(555) 123-4567', '+1 555 123 4567', '555 000 1111', '+44 20 7946 0958'],
  mailingCity: ['', 'Leeds', 'LEEDS', 'York', 'St. Louis', 'st louis'],
  physicalCountry: ['', 'US', 'United States', 'USA', 'GB', 'United Kingdom', 'Canada'],
  middleName: ['', 'Ann', 'ANN', 'Marie'],
} satisfies Partial<Record<SyncField, string[]>>;
type PoolField = keyof typeof POOLS;
const FIELDS = Object.keys(POOLS) as PoolField[];
const TIMES = ['2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-01-02T00:00:00Z'];

const valuesArb = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, fc.constantFrom(...POOLS[f])])) as Record<
    PoolField,
    fc.Arbitrary<string>
  >,
);
const baseArb: fc.Arbitrary<LinkBase | null> = fc.option(
  fc.record(
    Object.fromEntries(
      FIELDS.map((f) => [
        f,
        fc.record({ quickbooks: fc.constantFrom(...POOLS[f]), karbon: fc.constantFrom(...POOLS[f]) }),
      ]),
    ) as Record<PoolField, fc.Arbitrary<{ quickbooks: string; karbon: string }>>,
    { requiredKeys: [] },
  ),
  { nil: null },
);
const policyArb = fc.constantFrom<ConflictPolicy>('latest', 'quickbooks', 'karbon');
const firstLinkArb = fc.constantFrom<FirstLinkPolicy>('fill-blanks', 'quickbooks', 'karbon');
const sideArb = fc.constantFrom<Side>('quickbooks', 'karbon');
const timeArb = fc.constantFrom(...TIMES);
/** What each single-plan property draws first: both sides' values, the base and the two policies. */
const planArbs = [valuesArb, valuesArb, baseArb, policyArb, firstLinkArb] as const;

function full(values: Partial<ContactFields>): ContactFields {
  return { ...emptyFields(), ...values };
}

/** Karbon stores things its own way: country codes, bare national numbers, lower-case emails. */
function karbonStores(f: ContactFields): ContactFields {
  const out = { ...f };
  out.physicalCountry = countryCode(f.physicalCountry) ?? f.physicalCountry;
  const m = /^\s*\+(1|44)\s*(.*)$/.exec(f.phoneWork);
  out.phoneWork = m ? phoneDigits(m[2] ?? '') : f.phoneWork;
  out.email = f.email.toLowerCase();
  return out;
}

interface World {
  q: ContactFields;
  k: ContactFields;
  base: LinkBase | null;
}

/** Run the plan's writes the way the services would, and settle the base. */
function apply(world: World, p: FieldPlan): World {
  const q = { ...world.q, ...p.toQuickBooks };
  const k = karbonStores({ ...world.k, ...p.toKarbon });
  const base = settleBase(world.base, p, {
    quickbooks: { ok: true, readBack: q },
    karbon: { ok: true, readBack: k },
  });
  return { q, k, base };
}

/** The plan for a person with the pool's fields, both sides and the base as `world` has them. */
function planOn(
  world: World,
  run: Omit<ThreeWayInput, 'kind' | 'fields' | 'quickbooks' | 'karbon' | 'base'>,
): FieldPlan {
  return planFields({
    kind: 'person',
    fields: FIELDS,
    quickbooks: world.q,
    karbon: world.k,
    base: world.base,
    ...run,
  });
}

const mirrorSide = otherSide;
function mirrorOutcome(o: FieldOutcome): FieldOutcome {
  switch (o.action) {
    case 'unchanged':
      return o;
    case 'copy':
    case 'unwritable':
      return { ...o, to: mirrorSide(o.to) };
    case 'conflict':
      return { ...o, to: mirrorSide(o.to), winner: mirrorSide(o.winner) };
    case 'different':
      return { ...o, quickbooks: o.karbon, karbon: o.quickbooks };
  }
}
function mirrorBase(base: LinkBase | null): LinkBase | null {
  if (!base) return null;
  const out: LinkBase = {};
  for (const [f, b] of Object.entries(base) as [SyncField, { quickbooks: string; karbon: string }][])
    out[f] = { quickbooks: b.karbon, karbon: b.quickbooks };
  return out;
}
function mirrorPolicy<P extends string>(p: P): P {
  return (p === 'quickbooks' ? 'karbon' : p === 'karbon' ? 'quickbooks' : p) as P;
}

describe('three-way properties', () => {
  it('idempotence: applying a plan and running again writes nothing', () => {
    fc.assert(
      fc.property(...planArbs, timeArb, timeArb, (qv, kv, base, conflictPolicy, firstLinkPolicy, qt, kt) => {
        const run = { quickbooksModified: qt, karbonModified: kt, conflictPolicy, firstLinkPolicy };
        const world: World = { q: full(qv), k: full(kv), base };
        const after = apply(world, planOn(world, run));
        const again = planOn(after, run);
        expect(isQuiet(again)).toBe(true);
        for (const o of again.outcomes) expect(['unchanged', 'different']).toContain(o.action);
      }),
      { numRuns: 500 },
    );
  });

  it('no value lost: every value overwritten is recorded as previous or loser, and nothing is invented', () => {
    fc.assert(
      fc.property(...planArbs, (qv, kv, base, conflictPolicy, firstLinkPolicy) => {
        const world: World = { q: full(qv), k: full(kv), base };
        const p = planOn(world, {
          quickbooksModified: TIMES[0] ?? '',
          karbonModified: TIMES[1] ?? '',
          conflictPolicy,
          firstLinkPolicy,
        });
        for (const side of ['quickbooks', 'karbon'] as const) {
          const writes = side === 'quickbooks' ? p.toQuickBooks : p.toKarbon;
          for (const [field, value] of Object.entries(writes) as [SyncField, string][]) {
            const held = world[side === 'quickbooks' ? 'q' : 'k'][field];
            expect(value).toBe(world[side === 'quickbooks' ? 'k' : 'q'][field]);
            if (sameValue(field, held, value)) continue;
            const o = p.outcomes.find((x) => x.field === field);
            const recorded =
              o?.action === 'copy' ? o.previous : o?.action === 'conflict' ? o.loser : undefined;
            expect(recorded).toBe(held);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('symmetry: swapping the sides (and the policies and times) swaps the outcome', () => {
    fc.assert(
      fc.property(
        ...planArbs,
        sideArb,
        timeArb,
        timeArb,
        (qv, kv, base, conflictPolicy, firstLinkPolicy, tieWinner, qt, kt) => {
          const p = planOn(
            { q: full(qv), k: full(kv), base },
            {
              conflictPolicy,
              firstLinkPolicy,
              tieWinner,
              quickbooksModified: qt,
              karbonModified: kt,
            },
          );
          const m = planOn(
            { q: full(kv), k: full(qv), base: mirrorBase(base) },
            {
              conflictPolicy: mirrorPolicy(conflictPolicy),
              firstLinkPolicy: mirrorPolicy(firstLinkPolicy),
              tieWinner: otherSide(tieWinner),
              quickbooksModified: kt,
              karbonModified: qt,
            },
          );
          expect(m.outcomes).toEqual(p.outcomes.map(mirrorOutcome));
          expect(m.toQuickBooks).toEqual(p.toKarbon);
          expect(m.toKarbon).toEqual(p.toQuickBooks);
        },
      ),
      { numRuns: 500 },
    );
  });

  const editArb = fc.record({
    q: fc.dictionary(fc.constantFrom(...FIELDS), fc.nat(10)),
    k: fc.dictionary(fc.constantFrom(...FIELDS), fc.nat(10)),
    qFirst: fc.boolean(),
  });

  function edit(values: ContactFields, picks: Partial<Record<string, number>>): ContactFields {
    const out = { ...values };
    for (const [f, n] of Object.entries(picks)) {
      const pool = POOLS[f as PoolField];
      out[f as PoolField] = pool[(n ?? 0) % pool.length] ?? '';
    }
    return out;
  }

  it('convergence: random edits on both sides over several runs end with both sides equal and a quiet run', () => {
    fc.assert(
      fc.property(
        valuesArb,
        valuesArb,
        policyArb,
        fc.constantFrom<FirstLinkPolicy>('quickbooks', 'karbon'),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        (qv, kv, conflictPolicy, firstLinkPolicy, rounds) => {
          let world: World = { q: full(qv), k: karbonStores(full(kv)), base: null };
          let clock = Date.parse('2026-01-01T00:00:00Z');
          const times = { q: new Date(clock).toISOString(), k: new Date(clock).toISOString() };
          const run = (): FieldPlan => {
            const p = planOn(world, {
              quickbooksModified: times.q,
              karbonModified: times.k,
              conflictPolicy,
              firstLinkPolicy,
            });
            world = apply(world, p);
            return p;
          };
          const bothEqual = () => {
            for (const f of FIELDS) expect(sameValue(f, world.q[f], world.k[f]), f).toBe(true);
          };
          run();
          bothEqual();
          for (const r of rounds) {
            const stamp = (who: 'q' | 'k') => {
              clock += 60_000;
              times[who] = new Date(clock).toISOString();
            };
            for (const who of r.qFirst ? (['q', 'k'] as const) : (['k', 'q'] as const)) {
              const picks = r[who];
              if (Object.keys(picks).length === 0) continue;
              world = {
                ...world,
                [who]: who === 'q' ? edit(world.q, picks) : karbonStores(edit(world.k, picks)),
              };
              stamp(who);
            }
            run();
            bothEqual();
          }
          expect(isQuiet(run())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('convergence with fill-blanks: differences stay put, runs settle to quiet', () => {
    fc.assert(
      fc.property(valuesArb, valuesArb, fc.array(editArb, { maxLength: 4 }), (qv, kv, rounds) => {
        let world: World = { q: full(qv), k: karbonStores(full(kv)), base: null };
        const run = () => {
          const p = planOn(world, {
            quickbooksModified: TIMES[0] ?? '',
            karbonModified: TIMES[1] ?? '',
          });
          world = apply(world, p);
          return p;
        };
        run();
        for (const r of rounds) {
          world = { ...world, q: edit(world.q, r.q), k: karbonStores(edit(world.k, r.k)) };
          run();
        }
        const last = run();
        expect(isQuiet(last)).toBe(true);
        for (const o of last.outcomes) {
          if (o.action === 'different') expect(sameValue(o.field, o.quickbooks, o.karbon)).toBe(false);
          else expect(o.action).toBe('unchanged');
        }
      }),
      { numRuns: 300 },
    );
  });
});

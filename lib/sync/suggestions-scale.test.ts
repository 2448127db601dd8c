// Blocking at firm scale: 10,000 QuickBooks customers against 10,000 Karbon records must take
// seconds, not the hours 10^8 pair comparisons would, and still find the variants.
import { describe, expect, it } from 'vitest';
import { buildSuggestionIndex, type MatchRecord, suggest } from './suggestions';

/** Small deterministic PRNG (mulberry32) so the data set is the same on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST =
  'james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony sandra mark ashley donald emily steven kimberly paul donna andrew michelle joshua carol kenneth amanda kevin melissa brian deborah george stephanie timothy rebecca'.split(
    ' ',
  );
const SYLLABLES =
  'ab ber ca den el far gan hal in jor kel lan mor nor ost pel quin ros sten tor ul van wes yor zel'.split(
    ' ',
  );
const ORG_WORDS =
  'north south river oak maple summit harbor valley pine cedar golden silver blue green apex prime'.split(
    ' ',
  );
const ORG_KINDS = ['Consulting', 'Bakery', 'Plumbing', 'Dental', 'Farms', 'Logistics', 'Design', 'Holdings'];
const FORMS = ['Ltd', 'LLC', 'Inc', 'Limited', 'Inc.', 'Co'];

function makeWorld(count: number) {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const surname = () => cap(pick(SYLLABLES) + pick(SYLLABLES) + pick(SYLLABLES));
  const typo = (s: string) => {
    const i = 1 + Math.floor(r() * (s.length - 2));
    return s.slice(0, i) + s.charAt(i + 1) + s.charAt(i) + s.slice(i + 2);
  };
  const customers: MatchRecord[] = [];
  const karbon: MatchRecord[] = [];
  const truth = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const org = r() < 0.3;
    const first = cap(pick(FIRST));
    const last = surname();
    const name = org
      ? `${cap(pick(ORG_WORDS))} ${last} ${pick(ORG_KINDS)} ${pick(FORMS)}`
      : `${first} ${last}`;
    const email = r() < 0.8 ? `${(org ? last : first + last).toLowerCase()}${i}@example${i % 50}.com` : '';
    const phone = r() < 0.6 ? `555 ${String(1000000 + i).slice(1)}` : '';
    const postal = r() < 0.5 ? `${10000 + (i % 3000)}` : '';
    customers.push({
      id: `q${i}`,
      names: [name],
      emails: email ? [email] : [],
      phones: phone ? [phone] : [],
      postalCodes: postal ? [postal] : [],
    });
    if (r() < 0.6) {
      // The same client in Karbon, written differently, with one field changed or missing.
      const variant = org
        ? name.replace(/ (Ltd|LLC|Inc\.?|Limited|Co)$/, r() < 0.5 ? ' Limited' : '').toUpperCase()
        : r() < 0.5
          ? `${last}, ${first}`
          : `${typo(first)} ${last}`;
      karbon.push({
        id: `k${i}`,
        names: [variant],
        emails: r() < 0.5 && email ? [email] : [],
        phones: phone ? [`+1 ${phone}`] : [],
        postalCodes: postal ? [postal] : [],
      });
      truth.set(`q${i}`, `k${i}`);
    } else {
      karbon.push({
        id: `k${i}`,
        names: [`${cap(pick(FIRST))} ${surname()}`],
        emails: [],
        phones: [],
        postalCodes: [],
      });
    }
  }
  return { customers, karbon, truth };
}

describe('suggestions at scale', () => {
  it('10,000 × 10,000 completes in seconds and finds the variants', () => {
    const { customers, karbon, truth } = makeWorld(10_000);
    const started = performance.now();
    const index = buildSuggestionIndex(karbon);
    let found = 0;
    let candidates = 0;
    for (const c of customers) {
      const ranked = suggest(index, c, { minScore: 0 });
      candidates += ranked.length;
      if (truth.has(c.id) && ranked[0]?.id === truth.get(c.id)) found++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `suggestions 10k×10k: ${seconds.toFixed(2)} s, top-1 recall ${found}/${truth.size}, ${candidates} candidates kept`,
    );
    expect(seconds).toBeLessThan(10);
    expect(found / truth.size).toBeGreaterThan(0.95);
  }, 60_000);
});

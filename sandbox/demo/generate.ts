// Generated firms for benchmarks (`--generate N`): N QuickBooks customers and N Karbon records,
// mostly exact matches, with a realistic share of partial matches, one-side-only clients,
// former clients and jobs. Names come from the index (no retry loops), so 10,000+ is quick and
// the same N always gives the same firm.
import type { SandboxState } from '../core/state';
import { buildState } from './build';
import type { DemoExpectations } from './expectations';
import { type CompanyData, Factory, type PersonData, slug } from './factory';
import { COMPANY_FIRST, COMPANY_TRADE, FIRST_NAMES, LAST_NAMES } from './pools';
import { karbonCompany, karbonPerson, qboCompany, qboPerson } from './specs';
import type { StoryItem } from './story-types';

const GENERATE_SEED = 7_919;

/**
 * The name a client goes by in Karbon when it differs from QuickBooks' (the email-only variant).
 * None is in FIRST_NAMES, nor close to one: any first name of FIRST_NAMES with the client's
 * surname is another generated client's full name, which the rules would rightly take as a
 * candidate for that client (two "Deborah Bradshaw" held its create for review).
 */
const PREFERRED_NAMES = [
  'Bex',
  'Pip',
  'Jem',
  'Tully',
  'Wren',
  'Fitz',
  'Ozzie',
  'Bodhi',
  'Sunny',
  'Cosmo',
  'Gus',
  'Ulla',
];

function personAt(i: number, f: Factory): PersonData {
  const first = FIRST_NAMES[i % FIRST_NAMES.length] ?? 'Alex';
  const rest = Math.floor(i / FIRST_NAMES.length);
  const last = LAST_NAMES[rest % LAST_NAMES.length] ?? 'Smith';
  const round = Math.floor(rest / LAST_NAMES.length);
  // Past the pools' pairs, a double-barrelled surname keeps names apart: "Aaron Abbott-Barlow".
  const surname = round === 0 ? last : `${last}-${LAST_NAMES[round % LAST_NAMES.length]}`;
  const place = f.place();
  const address = f.address(place);
  return {
    first,
    last: surname,
    workEmail: `${slug(first)}.${slug(last)}${i}@${slug(last)}group.com`,
    personalEmail: `${slug(first)}${slug(last)}${i}@${f.pick(['gmail.com', 'outlook.com', 'icloud.com'])}`,
    phone: f.phone(place),
    mobile: f.phone(place),
    address,
  };
}

function companyAt(i: number, f: Factory): CompanyData {
  const base = `${COMPANY_FIRST[i % COMPANY_FIRST.length]} ${COMPANY_TRADE[Math.floor(i / COMPANY_FIRST.length) % COMPANY_TRADE.length]}`;
  const round = Math.floor(i / (COMPANY_FIRST.length * COMPANY_TRADE.length));
  const name = `${base}${round > 0 ? ` ${round + 1}` : ''} ${f.pick(['LLC', 'Inc.', 'Co.', 'Ltd'])}`;
  const domain = `${slug(base)}${round > 0 ? round + 1 : ''}.com`;
  const address = f.address(f.place(0.04));
  return { name, domain, email: `office${i}@${domain}`, phone: f.phone(address.place), address };
}

/** Shares per 100 customers: most clients match; the rest are the cases that need a person. */
function categoryOf(i: number): string {
  const slot = (i * 37) % 100;
  if (slot < 80) return 'exact';
  if (slot < 85) return 'email-only';
  if (slot < 89) return 'name-only';
  if (slot < 95) return 'qbo-only';
  if (slot < 98) return 'inactive';
  return 'job';
}

function itemAt(i: number, f: Factory, lastParent: string | undefined): StoryItem {
  const category = categoryOf(i);
  const isOrg = i % 10 < 3;
  const p = personAt(i, f);
  const c = companyAt(i, f);
  const qbo = isOrg ? qboCompany(c) : qboPerson(p, f);
  const karbon = isOrg ? karbonCompany(c, f) : karbonPerson(p, f);
  const id = `g${i}`;
  switch (category) {
    case 'exact':
      return { id, group: 'exact', qbo, karbon: [karbon], outcome: 'link', reason: 'same name and email' };
    case 'email-only':
      return {
        id,
        group: 'email-only',
        qbo,
        karbon: [
          isOrg
            ? { ...karbon, name: `${c.name} Holdings` }
            : { ...karbon, first: PREFERRED_NAMES[i % PREFERRED_NAMES.length] },
        ],
        outcome: 'review',
        reason: 'same email, name differs',
      };
    case 'name-only':
      return {
        id,
        group: 'name-only',
        qbo,
        karbon: [{ ...karbon, emails: [`other${i}@example.net`] }],
        outcome: 'review',
        reason: 'same name, email differs',
      };
    case 'qbo-only':
      return { id, group: 'qbo-only', qbo, karbon: [], outcome: 'create', reason: 'not in Karbon' };
    case 'inactive':
      return {
        id,
        group: 'inactive',
        qbo: { ...qbo, active: false },
        karbon: [],
        outcome: 'skip',
        reason: 'inactive',
      };
    default:
      return lastParent
        ? {
            id,
            group: 'sub-customer',
            qbo: { ...qbo, display: `${qbo.display} - Job ${i}`, parent: lastParent },
            karbon: [],
            outcome: 'skip',
            reason: 'sub-customer',
          }
        : { id, group: 'qbo-only', qbo, karbon: [], outcome: 'create', reason: 'not in Karbon' };
  }
}

export function generateFirmWithExpectations(
  n: number,
  realmId: string,
): { state: SandboxState; expectations: DemoExpectations } {
  const f = new Factory(GENERATE_SEED);
  const items: StoryItem[] = [];
  let lastParent: string | undefined;
  for (let i = 0; i < n; i++) {
    const item = itemAt(i, f, lastParent);
    if (item.group === 'exact' && item.qbo?.company) lastParent = item.id;
    items.push(item);
  }
  // Karbon-only records top the Karbon side up to n.
  const karbonCount = items.reduce((sum, s) => sum + s.karbon.length, 0);
  for (let j = 0; j < n - karbonCount; j++) {
    const i = n + j;
    const record =
      i % 10 < 3
        ? karbonCompany(companyAt(i, f), f, { type: 'Supplier' })
        : karbonPerson(personAt(i, f), f, { type: 'Prospect' });
    items.push({
      id: `g${i}`,
      group: 'karbon-only',
      karbon: [record],
      outcome: 'karbon-only',
      reason: 'only in Karbon',
    });
  }
  return buildState(items, f, { realmId, keySeed: GENERATE_SEED + n });
}

export function generateFirm(n: number, realmId: string): SandboxState {
  if (!Number.isInteger(n) || n < 0) throw new Error('generate: n must be a whole number ≥ 0');
  return generateFirmWithExpectations(n, realmId).state;
}

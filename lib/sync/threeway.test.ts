import { describe, expect, it } from 'vitest';
import { type ContactFields, emptyFields, type SyncField } from '../contact/model';
import type { ConflictPolicy, FirstLinkPolicy } from './conflicts';
import {
  type FieldOutcome,
  type FieldPlan,
  isQuiet,
  type LinkBase,
  planFields,
  settleBase,
  type ThreeWayInput,
} from './threeway';

const EARLY = '2026-03-01T10:00:00Z';
const LATE = '2026-03-01T11:00:00Z';

function fields(values: Partial<ContactFields>): ContactFields {
  return { ...emptyFields(), ...values };
}

/** A base where both sides held `values` after the last sync. */
function baseOf(values: Partial<ContactFields>, kind: 'person' | 'organization' = 'person'): LinkBase {
  const all = fields(values);
  const base: LinkBase = {};
  for (const f of Object.keys(all) as SyncField[]) base[f] = { quickbooks: all[f], karbon: all[f] };
  if (kind === 'person') delete base.organizationName;
  return base;
}

function plan(over: Partial<ThreeWayInput>): FieldPlan {
  return planFields({
    kind: 'person',
    quickbooks: fields({}),
    karbon: fields({}),
    base: null,
    quickbooksModified: EARLY,
    karbonModified: EARLY,
    ...over,
  });
}

function outcome(p: FieldPlan, field: SyncField): FieldOutcome | undefined {
  return p.outcomes.find((o) => o.field === field);
}

const synced = { firstName: 'Jane', lastName: 'Smith', email: 'jane@x.com', phoneWork: '555 123 4567' };

interface Row {
  name: string;
  q: Partial<ContactFields>;
  k: Partial<ContactFields>;
  policy?: ConflictPolicy;
  qTime?: string;
  kTime?: string;
  field: SyncField;
  expected: Partial<FieldOutcome> & { action: FieldOutcome['action'] };
}

const linkedRows: Row[] = [
  {
    name: 'nothing changed → unchanged',
    q: synced,
    k: synced,
    field: 'email',
    expected: { action: 'unchanged' },
  },
  {
    name: 'QuickBooks edited, Karbon unchanged → Karbon updated',
    q: { ...synced, phoneWork: '555 999 0000' },
    k: synced,
    field: 'phoneWork',
    expected: { action: 'copy', to: 'karbon', value: '555 999 0000', previous: '555 123 4567' },
  },
  {
    name: 'Karbon edited, QuickBooks unchanged → QuickBooks updated',
    q: synced,
    k: { ...synced, email: 'jane@new.com' },
    field: 'email',
    expected: { action: 'copy', to: 'quickbooks', value: 'jane@new.com', previous: 'jane@x.com' },
  },
  {
    name: 'only reformatted in QuickBooks → unchanged',
    q: { ...synced, phoneWork: '(555) 123-4567', email: 'JANE@X.COM ' },
    k: synced,
    field: 'phoneWork',
    expected: { action: 'unchanged' },
  },
  {
    name: 'both edited to the same value → unchanged',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'JONES' },
    field: 'lastName',
    expected: { action: 'unchanged' },
  },
  {
    name: 'both edited, Karbon later, latest wins → Karbon wins, QuickBooks value kept as loser',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'Brown' },
    kTime: LATE,
    field: 'lastName',
    expected: {
      action: 'conflict',
      winner: 'karbon',
      to: 'quickbooks',
      value: 'Brown',
      loser: 'Jones',
      reason: 'latest-edit',
    },
  },
  {
    name: 'both edited, QuickBooks later, latest wins → QuickBooks wins',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'Brown' },
    qTime: LATE,
    field: 'lastName',
    expected: { action: 'conflict', winner: 'quickbooks', to: 'karbon', value: 'Jones', loser: 'Brown' },
  },
  {
    name: 'both edited at the same time → QuickBooks wins the tie',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'Brown' },
    field: 'lastName',
    expected: { action: 'conflict', winner: 'quickbooks', reason: 'same-time' },
  },
  {
    name: 'both edited, policy Karbon wins even though QuickBooks is later',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'Brown' },
    qTime: LATE,
    policy: 'karbon',
    field: 'lastName',
    expected: { action: 'conflict', winner: 'karbon', value: 'Brown', loser: 'Jones', reason: 'policy' },
  },
  {
    name: 'both edited, policy QuickBooks wins even though Karbon is later',
    q: { ...synced, lastName: 'Jones' },
    k: { ...synced, lastName: 'Brown' },
    kTime: LATE,
    policy: 'quickbooks',
    field: 'lastName',
    expected: { action: 'conflict', winner: 'quickbooks', value: 'Jones', reason: 'policy' },
  },
  {
    name: 'cleared in QuickBooks (later) while retyped in Karbon → the typed value wins',
    q: { ...synced, phoneWork: '' },
    k: { ...synced, phoneWork: '555 000 1111' },
    qTime: LATE,
    field: 'phoneWork',
    expected: {
      action: 'conflict',
      winner: 'karbon',
      value: '555 000 1111',
      loser: '',
      reason: 'blank-never-wins',
    },
  },
  {
    name: 'cleared in QuickBooks only → cleared in Karbon, old value kept as previous',
    q: { ...synced, phoneWork: '' },
    k: synced,
    field: 'phoneWork',
    expected: { action: 'copy', to: 'karbon', value: '', previous: '555 123 4567' },
  },
  {
    name: 'Karbon edited to a first name QuickBooks cannot hold → reported, nothing written',
    q: synced,
    k: { ...synced, firstName: 'Jane: the elder' },
    field: 'firstName',
    expected: { action: 'unwritable', to: 'quickbooks', value: 'Jane: the elder', kept: 'Jane' },
  },
  {
    name: 'QuickBooks edited to a phone too long for Karbon → reported, nothing written',
    q: { ...synced, phoneWork: '555 123 4567 ext 12345 ask for Jo' },
    k: synced,
    field: 'phoneWork',
    expected: { action: 'unwritable', to: 'karbon', kept: '555 123 4567' },
  },
  {
    name: 'QuickBooks cleared the last name → Karbon cannot be left without one',
    q: { ...synced, lastName: '' },
    k: synced,
    field: 'lastName',
    expected: { action: 'unwritable', to: 'karbon', value: '', kept: 'Smith' },
  },
];

describe('three-way rules for a linked pair', () => {
  it.each(linkedRows)('$name', (row) => {
    const p = plan({
      quickbooks: fields(row.q),
      karbon: fields(row.k),
      base: baseOf(synced),
      conflictPolicy: row.policy,
      quickbooksModified: row.qTime ?? EARLY,
      karbonModified: row.kTime ?? EARLY,
    });
    expect(outcome(p, row.field)).toMatchObject({ field: row.field, ...row.expected });
    const o = outcome(p, row.field);
    const writes = row.expected.action === 'copy' || row.expected.action === 'conflict';
    const to = o && 'to' in o ? o.to : undefined;
    expect(row.field in p.toQuickBooks).toBe(writes && to === 'quickbooks');
    expect(row.field in p.toKarbon).toBe(writes && to === 'karbon');
  });

  it('a difference both sides kept since the base stays left alone and is reported', () => {
    const base = baseOf(synced);
    base.phoneMobile = { quickbooks: '555 111 1111', karbon: '555 222 2222' };
    const p = plan({
      quickbooks: fields({ ...synced, phoneMobile: '555 111 1111' }),
      karbon: fields({ ...synced, phoneMobile: '555 222 2222' }),
      base,
    });
    expect(outcome(p, 'phoneMobile')).toMatchObject({ action: 'different', firstLink: false });
    expect(isQuiet(p)).toBe(true);
  });

  it('an organization link compares the organization name, not name parts', () => {
    const p = plan({
      kind: 'organization',
      quickbooks: fields({ organizationName: 'Acme Ltd', firstName: 'Jo' }),
      karbon: fields({ organizationName: 'Acme Limited' }),
      base: baseOf({ organizationName: 'Acme Ltd' }, 'organization'),
    });
    expect(outcome(p, 'firstName')).toBeUndefined();
    expect(outcome(p, 'organizationName')).toMatchObject({
      action: 'copy',
      to: 'quickbooks',
      value: 'Acme Limited',
    });
  });
});

const firstLinkRows: {
  name: string;
  q: Partial<ContactFields>;
  k: Partial<ContactFields>;
  policy?: FirstLinkPolicy;
  field: SyncField;
  expected: Partial<FieldOutcome> & { action: FieldOutcome['action'] };
}[] = [
  {
    name: 'blank in Karbon → filled from QuickBooks',
    q: { phoneMobile: '555 1234 567' },
    k: {},
    field: 'phoneMobile',
    expected: { action: 'copy', to: 'karbon', value: '555 1234 567', previous: '', firstLink: true },
  },
  {
    name: 'blank in QuickBooks → filled from Karbon',
    q: {},
    k: { mailingCity: 'Leeds' },
    field: 'mailingCity',
    expected: { action: 'copy', to: 'quickbooks', value: 'Leeds', firstLink: true },
  },
  {
    name: 'different values, fill-blanks → left alone and shown',
    q: { email: 'a@x.com' },
    k: { email: 'b@x.com' },
    field: 'email',
    expected: { action: 'different', quickbooks: 'a@x.com', karbon: 'b@x.com', firstLink: true },
  },
  {
    name: 'different values, QuickBooks wins the first link → Karbon overwritten, its value kept',
    q: { email: 'a@x.com' },
    k: { email: 'b@x.com' },
    policy: 'quickbooks',
    field: 'email',
    expected: {
      action: 'conflict',
      winner: 'quickbooks',
      to: 'karbon',
      value: 'a@x.com',
      loser: 'b@x.com',
      firstLink: true,
    },
  },
  {
    name: 'Karbon wins the first link but its value is blank → filled the other way',
    q: { email: 'a@x.com' },
    k: {},
    policy: 'karbon',
    field: 'email',
    expected: { action: 'copy', to: 'karbon', value: 'a@x.com' },
  },
  {
    name: 'the same value formatted differently → unchanged',
    q: { physicalCountry: 'United States' },
    k: { physicalCountry: 'US' },
    field: 'physicalCountry',
    expected: { action: 'unchanged' },
  },
  {
    name: 'a country Karbon cannot code → reported, not filled',
    q: { physicalCountry: 'Narnia' },
    k: {},
    field: 'physicalCountry',
    expected: { action: 'unwritable', to: 'karbon', value: 'Narnia', kept: '' },
  },
];

describe('first-link rules', () => {
  it.each(firstLinkRows)('$name', (row) => {
    const p = plan({ quickbooks: fields(row.q), karbon: fields(row.k), firstLinkPolicy: row.policy });
    expect(outcome(p, row.field)).toMatchObject({ field: row.field, ...row.expected });
  });

  it('a field added to the base later is treated as a first link for that field alone', () => {
    const base = baseOf(synced);
    delete base.mailingCity;
    const p = plan({
      quickbooks: fields({ ...synced, mailingCity: 'York' }),
      karbon: fields({ ...synced, mailingCity: 'Leeds' }),
      base,
    });
    expect(outcome(p, 'mailingCity')).toMatchObject({ action: 'different', firstLink: true });
  });
});

describe('settling the base after the writes (echo suppression)', () => {
  const q = fields({ ...synced, physicalCountry: 'United Kingdom', phoneWork: '+44 20 7946 0958' });
  const k = fields({ ...synced, phoneWork: '' });

  it('stores what the written side gave back, so its reformatting is not an edit next run', () => {
    const p = plan({ quickbooks: q, karbon: k, base: null });
    expect(p.toKarbon).toMatchObject({ physicalCountry: 'United Kingdom', phoneWork: '+44 20 7946 0958' });
    // Karbon keeps a country code and the number apart from its country code.
    const karbonAfter = fields({ ...synced, physicalCountry: 'GB', phoneWork: '2079460958' });
    const base = settleBase(null, p, {
      quickbooks: { ok: true },
      karbon: { ok: true, readBack: karbonAfter },
    });
    expect(base.physicalCountry).toEqual({ quickbooks: 'United Kingdom', karbon: 'GB' });
    const next = plan({ quickbooks: q, karbon: karbonAfter, base });
    expect(isQuiet(next)).toBe(true);
    expect(next.outcomes.every((o) => o.action === 'unchanged')).toBe(true);
  });

  it('a side that silently drops a written value shows as a difference, not a loop', () => {
    const p = plan({ quickbooks: q, karbon: k, base: null });
    const karbonAfter = fields({ ...synced, physicalCountry: 'GB' });
    const base = settleBase(null, p, {
      quickbooks: { ok: true },
      karbon: { ok: true, readBack: karbonAfter },
    });
    const next = plan({ quickbooks: q, karbon: karbonAfter, base });
    expect(isQuiet(next)).toBe(true);
    expect(outcome(next, 'phoneWork')).toMatchObject({ action: 'different' });
  });

  it('a failed write keeps the previous base, so the next run sees the same change', () => {
    const previous = baseOf(synced);
    const edited = fields({ ...synced, phoneWork: '555 999 0000' });
    const p = plan({ quickbooks: edited, karbon: fields(synced), base: previous });
    const base = settleBase(previous, p, { quickbooks: { ok: true }, karbon: { ok: false } });
    expect(base.phoneWork).toEqual(previous.phoneWork);
    const again = plan({ quickbooks: edited, karbon: fields(synced), base });
    expect(again.toKarbon).toEqual({ phoneWork: '555 999 0000' });
  });

  it('a failed write on a first link leaves the field unsynced', () => {
    const p = plan({ quickbooks: q, karbon: k, base: null });
    const base = settleBase(null, p, { quickbooks: { ok: true }, karbon: { ok: false } });
    expect(base.phoneWork).toBeUndefined();
    expect(base.firstName).toEqual({ quickbooks: 'Jane', karbon: 'Jane' });
  });

  it('never takes a read-back value for a field it did not write', () => {
    const previous = baseOf(synced);
    const edited = fields({ ...synced, phoneWork: '555 999 0000' });
    const p = plan({ quickbooks: edited, karbon: fields(synced), base: previous });
    // Someone edited Karbon's email between our read and our write.
    const karbonAfter = fields({ ...synced, phoneWork: '5559990000', email: 'sneaky@x.com' });
    const base = settleBase(previous, p, {
      quickbooks: { ok: true },
      karbon: { ok: true, readBack: karbonAfter },
    });
    expect(base.email).toEqual({ quickbooks: 'jane@x.com', karbon: 'jane@x.com' });
    const next = plan({ quickbooks: edited, karbon: karbonAfter, base });
    expect(next.toQuickBooks).toEqual({ email: 'sneaky@x.com' });
  });
});

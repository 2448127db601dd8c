// The bulk of the demo firm: clients that simply match (most of a real list), their jobs,
// former clients, clients only one system knows, and names a vendor or employee already holds.
import type { Factory } from './factory';
import { karbonCompany, karbonPerson, qboCompany, qboPerson } from './specs';
import type { ContactTypeName, StoryItem } from './story-types';

function clientType(f: Factory): ContactTypeName {
  return f.chance(0.12) ? 'Client - VIP' : f.chance(0.05) ? 'Prospect' : 'Client';
}

function exactPeople(f: Factory, n: number): StoryItem[] {
  return Array.from({ length: n }, (_, i) => {
    const p = f.person();
    const email = f.chance(0.3) ? p.workEmail : p.personalEmail;
    const karbon = {
      ...karbonPerson(p, f, { email, type: clientType(f) }),
      udi: f.chance(0.1) ? `CLI-${1000 + i}` : undefined,
    };
    return {
      id: `exact-person-${i}`,
      group: 'exact-person',
      qbo: qboPerson(p, f, { email, sparse: f.chance(0.1) }),
      karbon: [karbon],
      outcome: 'link' as const,
      reason: 'same name and email on both sides',
    };
  });
}

function exactOrganizations(f: Factory, n: number): StoryItem[] {
  const items: StoryItem[] = [];
  for (let i = 0; i < n; i++) {
    const c = f.company();
    const id = `exact-org-${i}`;
    items.push({
      id,
      group: 'exact-organization',
      qbo: qboCompany(c),
      karbon: [karbonCompany(c, f, { type: clientType(f) })],
      outcome: 'link',
      reason: 'same organization name and email on both sides',
    });
    // The owner is often a client too (their personal return), linked to the business in Karbon.
    if (i % 3 === 0) {
      const owner = f.person({ place: c.address.place });
      items.push({
        id: `owner-${i}`,
        group: 'exact-person',
        qbo: qboPerson(owner, f),
        karbon: [
          {
            ...karbonPerson(owner, f),
            worksAt: id,
            role: f.pick(['Owner', 'Managing Partner', 'President', 'Director']),
          },
        ],
        outcome: 'link',
        reason: 'same name and email; the owner of an organization client',
      });
    }
    // Its bookkeeper is a Karbon contact only.
    if (i % 4 === 1) {
      const staff = f.person({ place: c.address.place });
      items.push({
        id: `staff-${i}`,
        group: 'karbon-only',
        karbon: [
          {
            ...karbonPerson(staff, f, {
              email: f.claimEmail(`${staff.first.toLowerCase()}@${c.domain}`),
              type: 'Other',
            }),
            worksAt: id,
            role: f.pick(['Bookkeeper', 'Office Manager', 'Controller']),
          },
        ],
        outcome: 'karbon-only',
        reason: "a client organization's staff member, in Karbon only",
      });
    }
  }
  return items;
}

function jobs(f: Factory, parents: StoryItem[]): StoryItem[] {
  const work = ['2025 Tax Return', 'Bookkeeping', 'Payroll Setup', 'Sales Tax Filing', 'Year-End Close'];
  return parents.map((parent, i) => {
    const name = `${parent.qbo?.display ?? ''} - ${f.pick(work)}`;
    f.claimName(name);
    return {
      id: `job-${i}`,
      group: 'sub-customer',
      qbo: {
        display: name,
        company: parent.qbo?.company,
        email: parent.qbo?.email,
        parent: parent.id,
        bill: parent.qbo?.bill,
      },
      karbon: [],
      outcome: 'skip',
      reason: 'a sub-customer (job) of a client: not a client itself',
    };
  });
}

function formerClients(f: Factory, n: number): StoryItem[] {
  return Array.from({ length: n }, (_, i) => {
    const p = f.person({ uniqueSurname: true });
    return {
      id: `inactive-${i}`,
      group: 'inactive',
      qbo: { ...qboPerson(p, f), active: false, notes: 'Moved away; final return filed.' },
      karbon: [],
      outcome: 'skip',
      reason: 'an inactive customer: never imported as a new Karbon contact',
    };
  });
}

function quickBooksOnly(f: Factory, people: number, orgs: number): StoryItem[] {
  const items: StoryItem[] = [];
  for (let i = 0; i < people; i++) {
    const p = f.person({ uniqueSurname: true });
    items.push({
      id: `new-person-${i}`,
      group: 'qbo-only',
      qbo: qboPerson(p, f),
      karbon: [],
      outcome: 'create',
      reason: 'not in Karbon yet',
    });
  }
  for (let i = 0; i < orgs; i++) {
    const c = f.company();
    items.push({
      id: `new-org-${i}`,
      group: 'qbo-only',
      qbo: qboCompany(c),
      karbon: [],
      outcome: 'create',
      reason: 'not in Karbon yet',
    });
  }
  return items;
}

function karbonOnly(f: Factory, people: number, orgs: number): StoryItem[] {
  const items: StoryItem[] = [];
  const types: ContactTypeName[] = ['Prospect', 'Prospect', 'Prospect', 'Other', 'Inactive', 'Client'];
  for (let i = 0; i < people; i++) {
    const p = f.person({ uniqueSurname: true });
    const type = f.pick(types);
    items.push({
      id: `karbon-person-${i}`,
      group: 'karbon-only',
      karbon: [karbonPerson(p, f, { type })],
      outcome: 'karbon-only',
      reason: `a ${type} only Karbon knows`,
    });
  }
  for (let i = 0; i < orgs; i++) {
    const c = f.company();
    const type = f.pick(['Supplier', 'Prospect', 'Other'] as const);
    items.push({
      id: `karbon-org-${i}`,
      group: 'karbon-only',
      karbon: [karbonCompany(c, f, { type })],
      outcome: 'karbon-only',
      reason: `a ${type} organization only Karbon knows`,
    });
  }
  return items;
}

function namesHeld(f: Factory): StoryItem[] {
  const supplier = f.company({ name: 'Summit Office Supply' });
  const it = f.company({ name: 'Cascade IT Services' });
  const daniel = f.person({ first: 'Daniel', last: 'Reyes', uniqueSurname: false });
  return [
    {
      id: 'vendor-name',
      group: 'name-held',
      karbon: [karbonCompany(supplier, f, { type: 'Supplier' })],
      nameHeldBy: 'Vendor',
      outcome: 'karbon-only',
      reason: 'a supplier in Karbon that QuickBooks has as a vendor',
    },
    {
      id: 'vendor-name-2',
      group: 'name-held',
      karbon: [karbonCompany(it, f, { type: 'Supplier' })],
      nameHeldBy: 'Vendor',
      outcome: 'karbon-only',
      reason: 'the IT contractor: a vendor in QuickBooks',
    },
    {
      id: 'employee-name',
      group: 'name-held',
      karbon: [karbonPerson(daniel, f, { type: 'Prospect' })],
      nameHeldBy: 'Employee',
      outcome: 'karbon-only',
      reason: "a prospect who shares a name with one of the firm's employees",
    },
  ];
}

export function bulkStories(f: Factory): StoryItem[] {
  const people = exactPeople(f, 120);
  const orgs = exactOrganizations(f, 44);
  const parents = [
    ...orgs.filter((s) => s.group === 'exact-organization').slice(0, 9),
    ...people.slice(0, 3),
  ];
  return [
    ...people,
    ...orgs,
    ...jobs(f, parents),
    ...formerClients(f, 10),
    ...quickBooksOnly(f, 18, 8),
    ...karbonOnly(f, 18, 10),
    ...namesHeld(f),
  ];
}

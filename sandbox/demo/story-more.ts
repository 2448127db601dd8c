// More of the demo's hand-written story: name-only matches, duplicates already in Karbon,
// several addresses in one QuickBooks email field, customers without email, Karbon's own
// QuickBooks links (ExternalKey), likely duplicates, and the person/organization naming rules.
import type { Factory } from './factory';
import { karbonCompany, karbonPerson, qboCompany, qboPerson } from './specs';
import type { StoryItem } from './story-types';

function nameOnly(f: Factory): StoryItem[] {
  const items: StoryItem[] = [];
  for (const [first, last] of [
    ['Walter', 'Pennington'],
    ['Fatima', 'Rahimi'],
    ['Declan', 'Mulcahy'],
    ['Olga', 'Sokolova'],
  ] as const) {
    const p = f.person({ first, last });
    items.push({
      id: `two-emails-${last.toLowerCase()}`,
      group: 'name-only',
      qbo: qboPerson(p, f, { email: p.personalEmail }),
      karbon: [karbonPerson(p, f, { email: p.workEmail })],
      outcome: 'review',
      reason: 'same name; personal email in QuickBooks, work email in Karbon',
    });
  }
  const noKarbonEmail = f.person({ first: 'Beatrix', last: 'Holmgren' });
  items.push({
    id: 'karbon-without-email',
    group: 'name-only',
    qbo: qboPerson(noKarbonEmail, f),
    karbon: [{ ...karbonPerson(noKarbonEmail, f), emails: [] }],
    outcome: 'review',
    reason: 'same name; the Karbon person has no email yet',
  });
  const bakery = f.company({ name: 'Rosewood Bakery LLC' });
  items.push({
    id: 'org-two-emails',
    group: 'name-only',
    qbo: qboCompany(bakery, { email: f.claimEmail('rosewoodbakery@gmail.com') }),
    karbon: [karbonCompany(bakery, f)],
    outcome: 'review',
    reason: 'same organization name; different emails',
  });
  return items;
}

function severalExact(f: Factory): StoryItem[] {
  const daniel = f.person({ first: 'Daniel', last: 'Okoro' });
  const dental = f.company({ name: 'Harbor Lights Dental' });
  const june = f.person({ first: 'June', last: 'Castellano' });
  return [
    {
      id: 'karbon-duplicate-person',
      group: 'several-exact',
      qbo: qboPerson(daniel, f, { email: daniel.workEmail }),
      karbon: [
        karbonPerson(daniel, f, { email: daniel.workEmail }),
        karbonPerson(daniel, f, { email: daniel.workEmail, type: 'Prospect' }),
      ],
      outcome: 'review',
      reason: 'the same person was entered twice in Karbon',
    },
    {
      id: 'karbon-duplicate-org',
      group: 'several-exact',
      qbo: qboCompany(dental),
      karbon: [karbonCompany(dental, f), karbonCompany(dental, f, { type: 'Client - VIP' })],
      outcome: 'review',
      reason: 'the same organization was entered twice in Karbon',
    },
    {
      id: 'karbon-duplicate-three',
      group: 'several-exact',
      qbo: qboPerson(june, f),
      karbon: [karbonPerson(june, f), karbonPerson(june, f), karbonPerson(june, f, { type: 'Inactive' })],
      outcome: 'review',
      reason: 'three Karbon records for one person (imported twice, then re-entered)',
    },
  ];
}

function multiEmail(f: Factory): StoryItem[] {
  const ethan = f.person({ first: 'Ethan', last: 'Cole' });
  const maya = f.person({ first: 'Maya', last: 'Cole' });
  f.claimName('Ethan & Maya Cole');
  const tom = f.person({ first: 'Tom', last: 'Baker' });
  const lisa = f.person({ first: 'Lisa', last: 'Baker' });
  f.claimName('Tom & Lisa Baker');
  const school = f.company({ name: 'Westside Montessori' });
  const billing = f.claimEmail('billing@westsidemontessori.com');
  const hannah = f.person({ first: 'Hannah', last: 'Prewitt' });
  return [
    {
      id: 'couple-one-named',
      group: 'multi-email',
      qbo: {
        ...qboPerson(ethan, f),
        display: 'Ethan & Maya Cole',
        email: `${ethan.personalEmail}, ${maya.personalEmail}`,
      },
      karbon: [karbonPerson(ethan, f), karbonPerson(maya, f)],
      outcome: 'link',
      linkTo: 0,
      reason: 'two addresses in the email field; Ethan matches by name and email, Maya by email only',
    },
    {
      id: 'couple-neither-named',
      group: 'multi-email',
      qbo: {
        display: 'Tom & Lisa Baker',
        email: `${tom.personalEmail}, ${lisa.personalEmail}`,
        phone: tom.phone,
        bill: tom.address,
      },
      karbon: [karbonPerson(tom, f), karbonPerson(lisa, f)],
      outcome: 'review',
      reason: 'two addresses in the email field, each matching a different Karbon person by email only',
    },
    {
      id: 'org-second-address',
      group: 'multi-email',
      qbo: qboCompany(school, { email: `${school.email}, ${billing}` }),
      karbon: [karbonCompany(school, f, { email: billing })],
      outcome: 'link',
      reason: "Karbon holds the second of QuickBooks' two addresses",
    },
    {
      id: 'semicolon-list',
      group: 'multi-email',
      qbo: qboPerson(hannah, f, { email: `${hannah.workEmail}; ${hannah.personalEmail}` }),
      karbon: [karbonPerson(hannah, f)],
      outcome: 'link',
      reason: 'two addresses separated by a semicolon',
    },
  ];
}

function noEmail(f: Factory): StoryItem[] {
  const walter = f.person({ first: 'Cornelius', last: 'Greenaway' });
  const ruth = f.person({ first: 'Ruth', last: 'Abernathy' });
  const irma = f.person({ first: 'Irma', last: 'Castellanos' });
  const trust = f.company({ name: 'Greenaway Family Trust' });
  return [
    {
      id: 'no-email-both',
      group: 'no-email',
      qbo: { ...qboPerson(walter, f), email: undefined },
      karbon: [{ ...karbonPerson(walter, f), emails: [] }],
      outcome: 'review',
      reason: 'same name, no email on either side (empty emails never match)',
    },
    {
      id: 'no-email-qbo',
      group: 'no-email',
      qbo: { ...qboPerson(ruth, f), email: undefined },
      karbon: [karbonPerson(ruth, f)],
      outcome: 'review',
      reason: 'same name; QuickBooks has no email',
    },
    {
      id: 'no-email-new-person',
      group: 'no-email',
      qbo: { ...qboPerson(irma, f), email: undefined },
      karbon: [],
      outcome: 'create',
      reason: 'not in Karbon, no email',
    },
    {
      id: 'no-email-new-org',
      group: 'no-email',
      qbo: { ...qboCompany(trust), email: undefined },
      karbon: [],
      outcome: 'create',
      reason: 'not in Karbon, no email',
    },
  ];
}

function externalKeys(f: Factory): StoryItem[] {
  const items: StoryItem[] = [];
  for (let i = 0; i < 4; i++) {
    const c = f.company();
    items.push({
      id: `external-key-org-${i}`,
      group: 'external-key',
      qbo: qboCompany(c),
      karbon: [{ ...karbonCompany(c, f), externalKey: true }],
      outcome: 'link',
      reason: "Karbon's own QuickBooks integration linked it (ExternalKey), and name and email agree",
    });
  }
  for (const [first, last] of [
    ['Vera', 'Kaminski'],
    ['Anton', 'Brightwater'],
  ] as const) {
    const p = f.person({ first, last });
    items.push({
      id: `external-key-moved-${last.toLowerCase()}`,
      group: 'external-key',
      qbo: qboPerson(p, f, { email: p.personalEmail }),
      karbon: [{ ...karbonPerson(p, f, { email: p.workEmail }), externalKey: true }],
      outcome: 'link',
      reason: 'emails differ, but ExternalKey names this customer: the built-in integration linked them',
    });
  }
  return items;
}

function likelyDuplicates(f: Factory): StoryItem[] {
  const hardware = f.company({ name: 'Smith & Sons Hardware Ltd' });
  f.claimName('Smith and Sons Hardware Limited');
  const upholstery = f.company({ name: 'Pine & Needle Upholstery Inc.' });
  f.claimName('Pine and Needle Upholstery Inc');
  const moss = f.person({ first: 'Katherine', last: 'Moss' });
  f.claimName('Dr. Katherine Moss');
  return [
    {
      id: 'fuzzy-and-limited',
      group: 'likely-duplicate',
      qbo: qboCompany(hardware),
      karbon: [
        {
          ...karbonCompany(hardware, f, { email: f.claimEmail('accounts@smithandsonshardware.com') }),
          name: 'Smith and Sons Hardware Limited',
        },
      ],
      outcome: 'review',
      reason: '"&" vs "and", "Ltd" vs "Limited", different emails: a likely duplicate, not a new client',
    },
    {
      id: 'fuzzy-inc',
      group: 'likely-duplicate',
      qbo: qboCompany(upholstery),
      karbon: [
        {
          ...karbonCompany(upholstery, f, { email: f.claimEmail('pineandneedle@gmail.com') }),
          name: 'Pine and Needle Upholstery Inc',
        },
      ],
      outcome: 'review',
      reason: '"&" vs "and", "Inc." vs "Inc", different emails',
    },
    {
      id: 'fuzzy-honorific',
      group: 'likely-duplicate',
      qbo: {
        ...qboPerson(moss, f, { email: moss.workEmail }),
        display: 'Dr. Katherine Moss',
        given: undefined,
        family: undefined,
      },
      karbon: [karbonPerson(moss, f, { email: moss.personalEmail })],
      outcome: 'review',
      reason: 'an honorific in the DisplayName and different emails',
    },
  ];
}

function namingRules(f: Factory): StoryItem[] {
  const items: StoryItem[] = [];
  for (const [first, last, company] of [
    ['Nora', 'Lindqvist-Hale', 'Lindqvist-Hale Consulting LLC'],
    ['Jane', 'Dorsey', 'Jane Dorsey LLC'],
  ] as const) {
    const p = f.person({ first, last });
    f.claimName(company);
    items.push({
      id: `person-with-company-${last.toLowerCase()}`,
      group: 'person-with-company',
      qbo: { ...qboPerson(p, f), company },
      karbon: [karbonPerson(p, f)],
      outcome: 'link',
      reason: 'a person (name parts, DisplayName ≠ CompanyName) who trades through a company',
    });
  }
  for (const [display, legal] of [
    ['Greenleaf Landscaping', 'Greenleaf Landscaping Inc.'],
    ['Copperline Electric', 'Copperline Electric Co.'],
  ] as const) {
    const c = f.company({ name: legal });
    f.claimName(display);
    items.push({
      id: `org-legal-name-${display.split(' ')[0]?.toLowerCase()}`,
      group: 'org-company-name',
      qbo: { ...qboCompany(c), display },
      karbon: [karbonCompany(c, f)],
      outcome: 'link',
      reason: 'QuickBooks shows a short DisplayName; Karbon uses the legal name held in CompanyName',
    });
  }
  return items;
}

export function moreStories(f: Factory): StoryItem[] {
  return [
    ...nameOnly(f),
    ...severalExact(f),
    ...multiEmail(f),
    ...noEmail(f),
    ...externalKeys(f),
    ...likelyDuplicates(f),
    ...namingRules(f),
  ];
}

// The hand-written part of the demo firm's story: every situation the matching rules of
// shared/spec/product.md distinguish, each with a client a firm would recognise.
import type { Factory } from './factory';
import { karbonCompany, karbonPerson, qboCompany, qboPerson } from './specs';
import type { KarbonRecordSpec, QboCustomerSpec, StoryItem } from './story-types';

/** Case, spacing, Unicode and email-case variants of one client: still an exact match. */
function variants(f: Factory): StoryItem[] {
  const item = (
    id: string,
    q: Partial<QboCustomerSpec>,
    k: Partial<KarbonRecordSpec>,
    first: string,
    last: string,
    reason: string,
  ): StoryItem => {
    const p = f.person({ first: first.normalize('NFC'), last: last.normalize('NFC') });
    const base = qboPerson(p, f);
    return {
      id,
      group: 'variant',
      qbo: { ...base, ...q },
      karbon: [{ ...karbonPerson(p, f), ...k }],
      outcome: 'link',
      reason,
    };
  };
  const owen = f.claimEmail('Owen.Fraser@FraserDesignStudio.com');
  const heron = f.company({ name: 'Blue Heron Kayak Tours LLC' });
  return [
    item(
      'upper-case',
      { display: 'MARCUS WEBB', given: 'MARCUS', family: 'WEBB' },
      {},
      'Marcus',
      'Webb',
      'name typed in capitals in QuickBooks',
    ),
    item(
      'lower-case',
      { display: 'priya raman', given: 'priya', family: 'raman' },
      {},
      'Priya',
      'Raman',
      'name typed in lower case in QuickBooks',
    ),
    item(
      'double-space',
      { display: 'Lena  Fischer', given: undefined, family: undefined },
      {},
      'Lena',
      'Fischer',
      'a double space in the DisplayName, no name parts',
    ),
    item(
      'nbsp',
      { display: 'Renée\u00a0Marchand', given: undefined, family: undefined },
      {},
      'Renée',
      'Marchand',
      'a no-break space pasted into the DisplayName, no name parts',
    ),
    item(
      'nfd',
      {},
      { first: 'José'.normalize('NFD'), last: 'Ramírez'.normalize('NFD') },
      'José',
      'Ramírez',
      'accents composed in QuickBooks, decomposed in Karbon',
    ),
    item(
      'umlaut',
      {},
      { first: 'Zoë'.normalize('NFD') },
      'Zoë',
      'Hartmann',
      'diaeresis decomposed in Karbon',
    ),
    item(
      'email-case',
      { email: owen },
      { emails: [owen.toLowerCase()] },
      'Owen',
      'Fraser',
      'email in mixed case in QuickBooks',
    ),
    item('apostrophe', {}, {}, 'Liam', "O'Connor", "an apostrophe in the name (OData quotes it as '')"),
    item('middle-name', {}, { middle: 'Eleanor' }, 'Grace', 'Whitman', 'Karbon also has the middle name'),
    item('hyphenated', {}, {}, 'Inês', 'Carvalho-Smith', 'hyphenated surname with an accent'),
    {
      id: 'org-case',
      group: 'variant',
      qbo: {
        ...qboCompany(heron),
        display: 'BLUE HERON  KAYAK TOURS LLC',
        company: 'Blue Heron Kayak Tours LLC',
      },
      karbon: [karbonCompany(heron, f)],
      outcome: 'link',
      reason: 'organization name in capitals with a double space in QuickBooks',
    },
  ];
}

/** DisplayName "Last, First": Karbon's name keys include that form. */
function lastFirst(f: Factory): StoryItem[] {
  const people: [string, string, boolean][] = [
    ['Thanh', 'Nguyen', true],
    ['Chidi', 'Okonkwo', false],
    ['Ravi', 'Patel', false],
    ['Soo-jin', 'Kim', true],
    ['Margaret', 'Ashcombe', false],
    ['Henrik', 'Dahl', true],
  ];
  return people.map(([first, last, withParts]) => {
    const p = f.person({ first, last });
    const q = qboPerson(p, f);
    return {
      id: `last-first-${last.toLowerCase()}`,
      group: 'last-first',
      qbo: withParts
        ? { ...q, display: `${last}, ${first}` }
        : { ...q, display: `${last}, ${first}`, given: undefined, family: undefined },
      karbon: [karbonPerson(p, f)],
      outcome: 'link',
      reason: withParts
        ? 'DisplayName "Last, First" with name parts'
        : 'DisplayName "Last, First" and no name parts',
    };
  });
}

/** Same email, different name: a nickname, a married name, a person vs their company. */
function emailOnly(f: Factory): StoryItem[] {
  const nick: [string, string, string][] = [
    ['Robert', 'Bob', 'Hartley'],
    ['Elizabeth', 'Liz', 'Brannigan'],
    ['Katherine', 'Kate', 'Sorrell'],
    ['Alexander', 'Sandy', 'McTavish'],
    ['Jonathan', 'Jon', 'Ebersole'],
  ];
  const items: StoryItem[] = nick.map(([formal, short, last]) => {
    const p = f.person({ first: formal, last });
    return {
      id: `nickname-${last.toLowerCase()}`,
      group: 'email-only',
      qbo: { ...qboPerson(p, f), display: `${short} ${last}`, given: short },
      karbon: [karbonPerson(p, f)],
      outcome: 'review',
      reason: `same email; QuickBooks says "${short}", Karbon "${formal}"`,
    };
  });
  const sarah = f.person({ first: 'Sarah', last: 'Lindholm' });
  f.claimName('Sarah Brandt');
  items.push({
    id: 'married-name',
    group: 'email-only',
    qbo: qboPerson(sarah, f),
    karbon: [{ ...karbonPerson(sarah, f), last: 'Brandt' }],
    outcome: 'review',
    reason: 'same email; surname changed in Karbon after marriage',
  });
  const pest = f.company({ name: 'Tri-County Pest Control' });
  f.claimName('Tri County Pest Control Inc');
  items.push({
    id: 'org-punctuation',
    group: 'email-only',
    qbo: qboCompany(pest),
    karbon: [{ ...karbonCompany(pest, f), name: 'Tri County Pest Control Inc' }],
    outcome: 'review',
    reason: 'same email; organization named differently',
  });
  const roofing = f.company({ name: 'Alvarado Roofing LLC' });
  const mike = f.person({ first: 'Mike', last: 'Alvarado' });
  items.push({
    id: 'person-vs-company',
    group: 'email-only',
    qbo: qboPerson(mike, f, { email: roofing.email }),
    karbon: [karbonCompany(roofing, f)],
    outcome: 'review',
    reason: "the owner's customer record uses the company's email",
  });
  return items;
}

export function edgeStories(f: Factory): StoryItem[] {
  return [...variants(f), ...lastFirst(f), ...emailOnly(f)];
}

// One story list → the sandbox state and the expected outcomes, computed together so they
// cannot disagree. Order within each system is shuffled (deterministically), as a real firm's
// lists were built up over years; QuickBooks Ids follow that order.
import type { SandboxState } from '../core/state';
import { createKeyMaker, seededRandom } from '../karbon/keys';
import type { KarbonContact, KarbonOrganization } from '../karbon/state';
import type { QboCustomer, QboEmployee, QboVendor } from '../qbo/state';
import type { DemoExpectations } from './expectations';
import type { Factory } from './factory';
import { type KarbonContext, karbonRecord, qboCustomer } from './records';
import { DEMO_CONTACT_TYPES, type QboCustomerSpec, type StoryItem } from './story-types';

const FIRM_STAFF = ['megan.doyle', 'alex.turner', 'priscilla.huang', 'ben.ocampo'];
const STAFF_NAMES: [string, string][] = [
  ['Megan', 'Doyle'],
  ['Alex', 'Turner'],
  ['Priscilla', 'Huang'],
  ['Ben', 'Ocampo'],
];
const OTHER_VENDORS = [
  'Rose City Janitorial',
  'Northwest Paper Co.',
  'Willamette Valley Insurance',
  'Pacific Crest Software',
];

/** Product rule: an organization has a CompanyName and no name parts, or DisplayName = CompanyName. */
function qboKind(q: QboCustomerSpec): 'person' | 'organization' {
  if (q.company && (q.display === q.company || (!q.given && !q.family))) return 'organization';
  return 'person';
}

export interface BuildOptions {
  realmId: string;
  keySeed: number;
  /** Story ids to put first in Karbon's creation order (the default list order). */
  karbonFirst?: string[];
}

export function buildState(
  items: StoryItem[],
  f: Factory,
  o: BuildOptions,
): { state: SandboxState; expectations: DemoExpectations } {
  const keys = createKeyMaker(seededRandom(o.keySeed));
  const byId = new Map(items.map((s) => [s.id, s]));
  const qboOrder = f.shuffle(items.filter((s) => s.qbo));
  qboOrder.sort((a, b) => Number(a.qbo?.parent !== undefined) - Number(b.qbo?.parent !== undefined));
  const qboId = new Map(qboOrder.map((s, i) => [s.id, String(i + 1)]));
  const recordKeys = new Map(items.map((s) => [s.id, s.karbon.map(() => keys.permaKey())]));

  const Customer: QboCustomer[] = qboOrder.map((s) => {
    const parent = s.qbo?.parent ? byId.get(s.qbo.parent) : undefined;
    const parentRef = parent?.qbo
      ? { id: qboId.get(parent.id) ?? '', display: parent.qbo.display }
      : undefined;
    return qboCustomer(s.qbo as QboCustomerSpec, qboId.get(s.id) ?? '', parentRef, f);
  });

  const karbonItems = f.shuffle(items.filter((s) => s.karbon.length > 0));
  const first = (o.karbonFirst ?? [])
    .map((id) => byId.get(id))
    .filter((s): s is StoryItem => s !== undefined);
  const karbonOrder = [...first, ...karbonItems.filter((s) => !first.includes(s))];
  const Contacts: KarbonContact[] = [];
  const Organizations: KarbonOrganization[] = [];
  for (const s of karbonOrder) {
    s.karbon.forEach((k, i) => {
      const ctx: KarbonContext = {
        keys,
        f,
        key: recordKeys.get(s.id)?.[i] ?? '',
        externalKey: k.externalKey ? qboId.get(s.id) : undefined,
        organizationKey: k.worksAt ? (recordKeys.get(k.worksAt)?.[0] ?? null) : null,
        staff: FIRM_STAFF,
      };
      const rec = karbonRecord(k, ctx);
      if ('ContactKey' in rec) Contacts.push(rec);
      else Organizations.push(rec);
    });
  }

  const typeKeys = createKeyMaker(seededRandom(o.keySeed + 1));
  const held = (by: 'Vendor' | 'Employee') =>
    items
      .filter((s) => s.nameHeldBy === by)
      .map((s) => s.karbon[0])
      .filter((k) => k !== undefined);
  const Vendor: QboVendor[] = [...held('Vendor').map((k) => k.name ?? ''), ...OTHER_VENDORS].map(
    (name, i) => ({
      Id: String(i + 1),
      DisplayName: name,
      CompanyName: name,
    }),
  );
  const Employee: QboEmployee[] = [
    ...STAFF_NAMES,
    ...held('Employee').map((k): [string, string] => [k.first ?? '', k.last ?? '']),
  ].map(([given, family], i) => ({
    Id: String(i + 1),
    DisplayName: `${given} ${family}`,
    GivenName: given,
    FamilyName: family,
  }));

  const state: SandboxState = {
    qbo: { realmId: o.realmId, Customer, Vendor, Employee },
    karbon: {
      ContactTypes: DEMO_CONTACT_TYPES.map((Name) => ({ Name, ContactTypeKey: typeKeys.permaKey() })),
      Contacts,
      Organizations,
    },
  };
  return { state, expectations: expectationsOf(items, qboId, recordKeys) };
}

function expectationsOf(
  items: StoryItem[],
  qboId: Map<string, string>,
  recordKeys: Map<string, string[]>,
): DemoExpectations {
  const e: DemoExpectations = { links: [], creates: [], reviews: [], skipped: [], karbonOnly: [] };
  for (const s of items) {
    const id = qboId.get(s.id) ?? '';
    const keys = recordKeys.get(s.id) ?? [];
    const kindOf = (i: number): 'contact' | 'organization' =>
      s.karbon[i]?.kind === 'organization' ? 'organization' : 'contact';
    const karbonOnly = (i: number): void => {
      e.karbonOnly.push({
        karbonKey: keys[i] ?? '',
        karbonKind: kindOf(i),
        contactType: s.karbon[i]?.type ?? '',
        story: s.id,
        group: s.group,
        nameHeldBy: s.nameHeldBy,
      });
    };
    switch (s.outcome) {
      case 'link': {
        const target = s.linkTo ?? 0;
        const via = s.karbon[target]?.externalKey ? 'external-key' : 'name-and-email';
        e.links.push({
          qboId: id,
          karbonKey: keys[target] ?? '',
          karbonKind: kindOf(target),
          via,
          story: s.id,
          group: s.group,
        });
        s.karbon.forEach((_, i) => {
          if (i !== target) karbonOnly(i);
        });
        break;
      }
      case 'create':
        e.creates.push({ qboId: id, kind: qboKind(s.qbo as QboCustomerSpec), story: s.id, group: s.group });
        break;
      case 'review':
        e.reviews.push({ qboId: id, candidateKeys: keys, story: s.id, group: s.group, reason: s.reason });
        break;
      case 'skip':
        e.skipped.push({
          qboId: id,
          reason: s.group === 'inactive' ? 'inactive' : 'sub-customer',
          story: s.id,
          group: s.group,
        });
        break;
      case 'karbon-only':
        s.karbon.forEach((_, i) => {
          karbonOnly(i);
        });
        break;
    }
  }
  return e;
}

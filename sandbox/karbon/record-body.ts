// The bodies of POST and PUT on Contacts and Organizations (KarbonAPI.json CreateContact,
// CreateOrganization, UpdateOrganization). PUT is a full update: scalar fields left out are
// cleared, except RestrictionLevel; BusinessCards, AccountingDetail and ClientTeam left out
// are kept; BusinessCards sent replace the whole set.
import { mergeAccountingDetail, readAccountingDetail } from './accounting';
import { BodyReader, isObject } from './body';
import { readCard, settlePrimary } from './cards';
import { appError, badRequest, fail, payloadMissing } from './errors';
import type { KarbonBehaviour } from './options';
import {
  type EntityType,
  type KarbonBusinessCard,
  type KarbonClientTeamMember,
  type KarbonContact,
  type KarbonOrganization,
  RESTRICTION_LEVELS,
  type RestrictionLevel,
} from './state';
import type { AnyRecord, KarbonTenant } from './tenant';

const COMMON = [
  'ClientOwner',
  'ClientManager',
  'ContactType',
  'UserDefinedIdentifier',
  'RestrictionLevel',
  'BusinessCards',
  'EntityDescription',
  'AccountingDetail',
  'ClientTeam',
];
const CONTACT_FIELDS = [
  'FirstName',
  'MiddleName',
  'LastName',
  'PreferredName',
  'Salutation',
  'Suffix',
  ...COMMON,
];
const CONTACT_READ_ONLY = ['ContactKey', 'AvatarUrl', 'LastModifiedDateTime', 'ClientAccess'];
const ORGANIZATION_FIELDS = ['FullName', ...COMMON];
const ORGANIZATION_READ_ONLY = ['OrganizationKey', 'LastModifiedDateTime', 'Contacts'];
const TEAM_MEMBER = /^([^\s@]+@[^\s@]+\.[^\s@]+|[0-9A-Za-z]{8,20})$/;
const ROLE_TYPES = ['ClientOwner', 'ClientManager', 'UserDefinedRole1', 'UserDefinedRole2'] as const;

export interface RecordBodyContext {
  type: EntityType;
  /** The record's key (generated before reading a create, so new cards can point at it). */
  key: string;
  existing?: AnyRecord;
  tenant: KarbonTenant;
  behaviour: KarbonBehaviour;
}

export function parseJsonObject(body: string, missing: string): BodyReader['obj'] {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? undefined : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) fail(payloadMissing(missing));
  return parsed;
}

export function checkRestrictionLevel(level: RestrictionLevel, behaviour: KarbonBehaviour): void {
  const allowed =
    level === 'Public' ||
    (level === 'Private' && behaviour.includePrivate) ||
    (level === 'Hidden' && behaviour.includeHidden);
  if (!allowed) {
    fail(
      appError(
        403,
        '4021',
        `This API application does not have permission to set RestrictionLevel to ${level}.`,
      ),
    );
  }
}

function required(r: BodyReader, name: string, max: number): string {
  const v = r.str(name, max)?.trim();
  if (!v) fail(payloadMissing(name));
  return v;
}

function teamMember(r: BodyReader, name: string): string | undefined {
  const v = r.str(name, 255);
  if (v !== undefined && !TEAM_MEMBER.test(v))
    r.invalid(name, 'the UserKey or email address of an existing team member');
  return v;
}

function readCards(r: BodyReader, c: RecordBodyContext): KarbonBusinessCard[] | undefined {
  const bodies = r.objects('BusinessCards');
  if (bodies === undefined) return c.existing?.BusinessCards;
  const existing = new Map((c.existing?.BusinessCards ?? []).map((card) => [card.BusinessCardKey, card]));
  const used = new Set<string>();
  const cards = bodies.map((b) => {
    const sentKey = c.existing ? b.str('BusinessCardKey') : undefined;
    if (sentKey !== undefined && (!existing.has(sentKey) || used.has(sentKey))) {
      fail(appError(400, '4002', `Invalid businessCardPermaKey ${sentKey}`));
    }
    if (sentKey !== undefined) used.add(sentKey);
    const key = sentKey ?? c.tenant.newKey();
    return readCard(
      b,
      {
        owner: { type: c.type, key: c.existing ? c.key : null },
        existing: sentKey === undefined ? undefined : existing.get(sentKey),
        keys: c.tenant.keys,
        offListLabels: c.behaviour.offListLabels,
        organizationExists: (k) => c.tenant.organizations.has(k),
      },
      key,
    );
  });
  for (const card of cards) card.EntityKey = c.key;
  const previous = c.existing?.BusinessCards.find((card) => card.IsPrimaryCard)?.BusinessCardKey;
  settlePrimary(
    cards,
    bodies.map((b) => b.bool('IsPrimaryCard') === true),
    previous,
  );
  return cards;
}

function readTeam(
  r: BodyReader,
  existing: KarbonClientTeamMember[] | undefined,
): KarbonClientTeamMember[] | undefined {
  const members = r.objects('ClientTeam');
  if (members === undefined) return existing;
  return members.map((m) => {
    m.onlyProperties(['MemberKey', 'MemberType', 'RoleType']);
    const key = m.str('MemberKey');
    const type = m.oneOf('MemberType', ['User', 'Team'] as const);
    if (key === undefined || type === undefined)
      fail(payloadMissing(`${m.path}${key ? 'MemberType' : 'MemberKey'}`));
    return { MemberKey: key, MemberType: type, RoleType: m.oneOf('RoleType', ROLE_TYPES) ?? null };
  });
}

/** Reads a POST or PUT body into the record it describes (key and LastModifiedDateTime set by the caller). */
export function readRecordBody(body: string, c: RecordBodyContext): AnyRecord {
  const entity = c.existing ? 'update' : c.type;
  const r = new BodyReader(parseJsonObject(body, entity), '', `KarbonService.${c.type}DTO`);
  const isContact = c.type === 'Contact';
  r.onlyProperties(
    isContact ? CONTACT_FIELDS : ORGANIZATION_FIELDS,
    isContact ? CONTACT_READ_ONLY : ORGANIZATION_READ_ONLY,
  );

  const level = r.oneOf('RestrictionLevel', RESTRICTION_LEVELS) ?? c.existing?.RestrictionLevel ?? 'Public';
  if (level !== c.existing?.RestrictionLevel) checkRestrictionLevel(level, c.behaviour);
  const contactType = r.str('ContactType', 100);
  if (contactType !== undefined && !c.tenant.contactTypes.some((t) => t.Name === contactType)) {
    fail(
      badRequest(
        `Invalid ContactType '${contactType}'. Use one of the Contact Types from the TenantSettings endpoint.`,
      ),
    );
  }
  const description = r.object('EntityDescription');
  description?.onlyProperties(['Text']);
  const detail = r.object('AccountingDetail');
  const common = {
    ClientOwner: teamMember(r, 'ClientOwner'),
    ClientManager: teamMember(r, 'ClientManager'),
    ContactType: contactType,
    UserDefinedIdentifier: r.str('UserDefinedIdentifier', 100)?.trim() || undefined,
    RestrictionLevel: level,
    EntityDescription: description ? { Text: description.str('Text', 4000) ?? '' } : undefined,
    AccountingDetail: detail
      ? mergeAccountingDetail(c.existing?.AccountingDetail, readAccountingDetail(detail))
      : c.existing?.AccountingDetail,
    ClientTeam: readTeam(r, c.existing?.ClientTeam),
    BusinessCards: readCards(r, c) ?? [],
    ExternalKey: c.existing?.ExternalKey,
    LastModifiedDateTime: c.existing?.LastModifiedDateTime ?? '',
  };
  if (!isContact) {
    const org: KarbonOrganization = {
      OrganizationKey: c.key,
      FullName: required(r, 'FullName', 255),
      ...common,
    };
    return org;
  }
  const previous = c.existing && 'ContactKey' in c.existing ? c.existing : undefined;
  const contact: KarbonContact = {
    ContactKey: c.key,
    FirstName: required(r, 'FirstName', 100),
    MiddleName: r.str('MiddleName', 100),
    LastName: required(r, 'LastName', 100),
    PreferredName: r.str('PreferredName', 100),
    Salutation: r.str('Salutation', 50),
    Suffix: r.str('Suffix', 50),
    AvatarUrl: previous?.AvatarUrl,
    ...common,
  };
  return contact;
}

// Turning made-up people and companies into the two systems' records, with the small
// differences real firms have between them (phone formatting, a mobile only one side knows).
import type { CompanyData, Factory, PersonData } from './factory';
import type { ContactTypeName, KarbonRecordSpec, QboCustomerSpec } from './story-types';

export interface PersonOptions {
  email?: string;
  type?: ContactTypeName;
  /** Leave out the phone / address on one side, as happens. */
  sparse?: boolean;
}

export function qboPerson(p: PersonData, f: Factory, o: PersonOptions = {}): QboCustomerSpec {
  const email = o.email ?? p.personalEmail;
  return {
    display: `${p.first} ${p.last}`,
    given: p.first,
    family: p.last,
    email,
    phone: o.sparse ? undefined : p.phone,
    mobile: f.chance(0.4) ? p.mobile : undefined,
    bill: p.address,
    ship: f.chance(0.3) ? p.address : undefined,
  };
}

export function karbonPerson(p: PersonData, f: Factory, o: PersonOptions = {}): KarbonRecordSpec {
  const iso = p.address.place.iso;
  const phones = [f.karbonPhone(p.phone, 'Work', iso)];
  if (f.chance(0.3)) phones.push(f.karbonPhone(p.mobile, 'Mobile', iso));
  return {
    kind: 'contact',
    first: p.first,
    last: p.last,
    emails: [o.email ?? p.personalEmail],
    phones: o.sparse ? [] : phones,
    addresses: o.sparse || f.chance(0.15) ? [] : [{ address: p.address, label: 'Physical' }],
    type: o.type ?? 'Client',
  };
}

export function qboCompany(c: CompanyData, o: { email?: string } = {}): QboCustomerSpec {
  return {
    display: c.name,
    company: c.name,
    email: o.email ?? c.email,
    phone: c.phone,
    bill: c.address,
  };
}

export function karbonCompany(
  c: CompanyData,
  f: Factory,
  o: { email?: string; type?: ContactTypeName } = {},
): KarbonRecordSpec {
  return {
    kind: 'organization',
    name: c.name,
    emails: [o.email ?? c.email],
    phones: [f.karbonPhone(c.phone, 'Office', c.address.place.iso)],
    addresses: [
      { address: c.address, label: 'Physical' },
      ...(f.chance(0.3) ? [{ address: c.address, label: 'Mailing' as const }] : []),
    ],
    websites: f.chance(0.6) ? [`www.${c.domain}`] : [],
    type: o.type ?? 'Client',
  };
}

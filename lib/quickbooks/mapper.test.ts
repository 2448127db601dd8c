import { describe, expect, it } from 'vitest';
import { makeContact } from '../contact';
import { quickBooksProblems } from './limits';
import {
  changesToSparse,
  contactToCustomer,
  customerToContact,
  isOrganization,
  toQuickBooksCustomer,
} from './mapper';
import { type Customer, CustomerSchema } from './schema';

const customer = (fields: Record<string, unknown>): Customer =>
  CustomerSchema.parse({ Id: '1', SyncToken: '0', ...fields });

describe('person or organization', () => {
  it.each([
    [
      'company name and no person name → organization',
      { CompanyName: 'Acme Ltd', DisplayName: 'Acme' },
      true,
    ],
    [
      'display name equal to company name → organization',
      { CompanyName: 'Jane Doe LLC', DisplayName: 'Jane Doe LLC', GivenName: 'Jane', FamilyName: 'Doe' },
      true,
    ],
    [
      'display name equal to company name up to case and spaces → organization',
      { CompanyName: 'Acme  Ltd', DisplayName: 'acme ltd', GivenName: 'A' },
      true,
    ],
    [
      'company name, person name and another display name → person',
      { CompanyName: 'Jane Doe LLC', DisplayName: 'Jane Doe', GivenName: 'Jane', FamilyName: 'Doe' },
      false,
    ],
    ['person name only → person', { GivenName: 'Jane', FamilyName: 'Doe', DisplayName: 'Jane Doe' }, false],
    ['display name only → person', { DisplayName: 'Jane Doe' }, false],
    [
      'inactive organization shown with "(deleted)" → organization',
      { CompanyName: 'Acme', DisplayName: 'Acme (deleted)', GivenName: 'x' },
      true,
    ],
  ])('%s', (_name, fields, organization) => {
    expect(isOrganization(customer(fields))).toBe(organization);
  });
});

describe('Customer → canonical contact', () => {
  it('a person keeps name parts, employer, every email and each phone in its slot', () => {
    const c = customer({
      DisplayName: 'Jane Q Doe',
      GivenName: 'Jane',
      MiddleName: 'Q',
      FamilyName: 'Doe',
      CompanyName: 'Acme',
      PrimaryEmailAddr: { Address: 'jane@acme.com,jd@home.org' },
      PrimaryPhone: { FreeFormNumber: '(555) 111-2222' },
      Mobile: { FreeFormNumber: '0400 000 000' },
      AlternatePhone: { FreeFormNumber: '555-3333' },
      Fax: { FreeFormNumber: '555-4444' },
    });
    const contact = customerToContact(c);
    expect(contact.kind).toBe('person');
    expect(contact.fields).toMatchObject({
      firstName: 'Jane',
      middleName: 'Q',
      lastName: 'Doe',
      organizationName: 'Acme',
      email: 'jane@acme.com, jd@home.org',
      phoneWork: '(555) 111-2222',
      phoneMobile: '0400 000 000',
      phoneOther: '555-3333',
      phoneFax: '555-4444',
    });
  });

  it('ShipAddr is the physical address, BillAddr the mailing one; lines joined by new lines', () => {
    const c = customer({
      DisplayName: 'Acme',
      CompanyName: 'Acme',
      ShipAddr: {
        Id: '3',
        Line1: '1 Main St',
        Line2: 'Suite 4',
        City: 'Springfield',
        CountrySubDivisionCode: 'IL',
        PostalCode: '62701',
        Country: 'USA',
      },
      BillAddr: {
        Id: '4',
        Line1: 'PO Box 9',
        Line3: 'Attn: Accounts',
        City: 'Sydney',
        CountrySubDivisionCode: 'NSW',
        PostalCode: '2000',
        Country: 'Australia',
      },
    });
    expect(customerToContact(c).fields).toMatchObject({
      physicalLines: '1 Main St\nSuite 4',
      physicalCity: 'Springfield',
      physicalRegion: 'IL',
      physicalPostalCode: '62701',
      physicalCountry: 'USA',
      mailingLines: 'PO Box 9\nAttn: Accounts',
      mailingCity: 'Sydney',
      mailingRegion: 'NSW',
      mailingPostalCode: '2000',
      mailingCountry: 'Australia',
    });
  });

  it.each([
    ['Jane Doe', ['Jane', '', 'Doe']],
    ['Doe, Jane', ['Jane', '', 'Doe']],
    ['Mary Ann Smith', ['Mary', 'Ann', 'Smith']],
    ['Cher', ['Cher', '', '']],
    ['Jane Doe (deleted)', ['Jane', '', 'Doe']],
  ])(
    'a person with only the display name "%s" gets first/middle/last %j',
    (displayName, [first, middle, last]) => {
      expect(customerToContact(customer({ DisplayName: displayName })).fields).toMatchObject({
        firstName: first,
        middleName: middle,
        lastName: last,
      });
    },
  );

  it('an organization has no person name parts, even when QuickBooks holds some', () => {
    const f = customerToContact(
      customer({ CompanyName: 'Acme', DisplayName: 'Acme', GivenName: 'Bob' }),
    ).fields;
    expect([f.organizationName, f.firstName, f.lastName]).toEqual(['Acme', '', '']);
  });

  it('sub-customer, inactive and deleted flags come through', () => {
    const q = toQuickBooksCustomer(
      customer({
        DisplayName: 'Job',
        Job: true,
        ParentRef: { value: '7' },
        Active: false,
        status: 'Deleted',
        MetaData: { LastUpdatedTime: '2026-01-01T00:00:00-08:00' },
      }),
    );
    expect(q).toMatchObject({
      isJob: true,
      parentId: '7',
      active: false,
      deleted: true,
      lastUpdated: '2026-01-01T00:00:00-08:00',
    });
  });
});

describe('canonical contact → Customer', () => {
  it('a person is written with name parts, display name and only the fields that have a value', () => {
    const contact = makeContact('person', {
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'a@x.com; b@y.com',
      phoneMobile: '0400',
    });
    expect(contactToCustomer(contact, 'Jane Doe')).toEqual({
      DisplayName: 'Jane Doe',
      GivenName: 'Jane',
      FamilyName: 'Doe',
      PrimaryEmailAddr: { Address: 'a@x.com, b@y.com' },
      Mobile: { FreeFormNumber: '0400' },
    });
  });

  it('an organization is written as CompanyName; a Karbon country code becomes a country name', () => {
    const contact = makeContact('organization', {
      organizationName: 'Acme',
      physicalLines: '1 Main St\n\nFloor 2',
      physicalCountry: 'AU',
      mailingCity: 'Perth',
    });
    expect(contactToCustomer(contact, 'Acme')).toEqual({
      DisplayName: 'Acme',
      CompanyName: 'Acme',
      ShipAddr: { Line1: '1 Main St', Line2: 'Floor 2', Country: 'Australia' },
      BillAddr: { City: 'Perth' },
    });
  });

  it('a sparse update of one address part sends the whole address, keeping its Id and other parts', () => {
    const current = customer({
      DisplayName: 'Acme',
      CompanyName: 'Acme',
      BillAddr: { Id: '9', Line1: 'PO Box 1', City: 'Perth', PostalCode: '6000', Country: 'Australia' },
    });
    expect(changesToSparse({ mailingCity: 'Fremantle' }, 'organization', current)).toEqual({
      BillAddr: { Id: '9', Line1: 'PO Box 1', City: 'Fremantle', PostalCode: '6000', Country: 'Australia' },
    });
  });

  it('a sparse update clears a phone with an empty number and leaves untouched fields out', () => {
    expect(changesToSparse({ phoneWork: '', firstName: 'Janet' }, 'person')).toEqual({
      PrimaryPhone: { FreeFormNumber: '' },
      GivenName: 'Janet',
    });
  });

  it('name parts of an organization are not written as a person name', () => {
    expect(changesToSparse({ firstName: 'X', organizationName: 'Acme Pty' }, 'organization')).toEqual({
      CompanyName: 'Acme Pty',
    });
  });
});

describe('values QuickBooks cannot hold are reported, never cut', () => {
  it.each([
    ['an email over 100 characters', { email: `${'a'.repeat(95)}@x.com` }, 'email', 'too-long'],
    ['a phone over 30 characters', { phoneWork: '1'.repeat(31) }, 'phoneWork', 'too-long'],
    ['six address lines', { mailingLines: 'a\nb\nc\nd\ne\nf' }, 'mailingLines', 'too-many-lines'],
    ['a given name over 100 characters', { firstName: 'x'.repeat(101) }, 'firstName', 'too-long'],
    [
      'a company name over 100 characters',
      { organizationName: 'x'.repeat(101) },
      'organizationName',
      'too-long',
    ],
    ['a display name with a colon', { displayName: 'Acme: East' }, 'displayName', 'not-allowed'],
    [
      'a postal code over 30 characters',
      { physicalPostalCode: '9'.repeat(31) },
      'physicalPostalCode',
      'too-long',
    ],
  ])('%s', (_name, fields, field, problem) => {
    expect(quickBooksProblems(fields)).toEqual([expect.objectContaining({ field, problem })]);
  });

  it('values within the limits → nothing to report', () => {
    expect(
      quickBooksProblems({ email: 'a@x.com', mailingLines: 'a\nb\nc\nd\ne', phoneWork: '1'.repeat(30) }),
    ).toEqual([]);
  });
});

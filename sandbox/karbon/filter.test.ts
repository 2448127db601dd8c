import { describe, expect, it } from 'vitest';
import { KarbonHttpError } from './errors';
import { compileFilter, type RowGetter } from './filter';
import { FILTER_SPECS } from './list';

const row: Record<string, string | null> = {
  FullName: "Liam O'Connor",
  EmailAddress: 'Liam@OConnor.example',
  PhoneNumber: '(503) 555-0142',
  ContactType: 'Client - VIP',
  ExternalKey: '42',
};
const get: RowGetter = (p) => row[p] ?? null;

function outcome(filter: string): boolean | string {
  try {
    return compileFilter(filter, FILTER_SPECS.Contact)(get);
  } catch (e) {
    if (e instanceof KarbonHttpError)
      return (e.response.body as { error: { message: string } }).error.message;
    throw e;
  }
}

describe('$filter on Contacts', () => {
  it.each([
    ["FullName eq 'liam o''connor'", true],
    ["FullName eq 'Liam'", false],
    ["contains(FullName, 'CONNOR')", true],
    ["(contains(EmailAddress, 'oconnor.EXAMPLE'))", true],
    ["EmailAddress eq 'liam@oconnor.example' and ContactType eq 'Client - VIP'", true],
    ["ContactType eq 'client - vip'", false],
    ["contains(ContactType, 'Client')", true],
    ["PhoneNumber eq '(503) 555-0142'", true],
    ["contains(PhoneNumber, '0142') and (FullName eq 'x')", false],
    ["ExternalKey eq '42'", true],
    ['EmailAddress eq null', false],
  ])('%s → %s', (filter, expected) => {
    expect(outcome(filter)).toBe(expected);
  });

  it.each([
    ["FullName ne 'x'", "Logical operator 'NotEqual' is not allowed"],
    ["not contains(FullName, 'x')", "Logical operator 'Not' is not allowed"],
    ["FullName eq 'a' or FullName eq 'b'", "Logical operator 'Or' is not allowed"],
    ["endswith(FullName, 'r')", "Function 'endswith' is not allowed"],
    ["tolower(FullName) eq 'x'", "Function 'tolower' is not allowed"],
    ['length(FullName) add 1 eq 3', "Arithmetic operator 'Add' is not allowed"],
    ["frobnicate(FullName) eq 'x'", "An unknown function with name 'frobnicate' was found"],
    ["fullname eq 'x'", "Could not find a property named 'fullname'"],
    ["Address eq 'x'", "The property 'Address' cannot be used in the $filter query option."],
    ["contains(ExternalKey, '4')", "The property 'ExternalKey' cannot be used with the 'contains' function"],
    ['FullName eq 5', "Found operand types 'Edm.String' and 'Edm.Int32' for operator kind 'Equal'"],
    ['FullName', 'must evaluate to a single boolean value'],
    ['FullName eq EmailAddress', 'only supports comparing a property with a literal'],
    ["FullName eq 'x' and", 'Expression expected at position'],
    ["FullName eq 'x' 'y'", 'Syntax error at position 16'],
    ["FullName EQ 'x'", 'Syntax error'],
  ])('%s is refused', (filter, message) => {
    expect(outcome(filter)).toContain(message);
  });

  it('Organizations cannot filter on PhoneNumber', () => {
    expect(() => compileFilter("PhoneNumber eq '1'", FILTER_SPECS.Organization)).toThrow(KarbonHttpError);
  });
});

// What a QuickBooks Customer can hold (qbo-notes §3.1, §3.3). A value over a limit is reported
// to the engine and the person, never cut (product.md "Fields that sync").
import type { ContactFields, SyncField } from '../contact/model';
import { RejectedWriteError, type Service } from '../errors';
import { SERVICE_NAMES } from '../http/transport';

export type ProblemField = SyncField | 'displayName';

export interface FieldProblem {
  field: ProblemField;
  problem: 'too-long' | 'too-many-lines' | 'not-allowed' | 'not-convertible';
  message: string;
}

export const FIELD_LABELS: Record<ProblemField, string> = {
  displayName: 'Display name',
  firstName: 'First name',
  middleName: 'Middle name',
  lastName: 'Last name',
  organizationName: 'Company name',
  email: 'Email',
  phoneWork: 'Work phone',
  phoneMobile: 'Mobile phone',
  phoneOther: 'Other phone',
  phoneFax: 'Fax',
  physicalLines: 'Physical address lines',
  physicalCity: 'Physical address city',
  physicalRegion: 'Physical address state/region',
  physicalPostalCode: 'Physical address postal code',
  physicalCountry: 'Physical address country',
  mailingLines: 'Mailing address lines',
  mailingCity: 'Mailing address city',
  mailingRegion: 'Mailing address state/region',
  mailingPostalCode: 'Mailing address postal code',
  mailingCountry: 'Mailing address country',
};

const MAX_LENGTH: Partial<Record<ProblemField, number>> = {
  displayName: 500,
  firstName: 100,
  middleName: 100,
  lastName: 100,
  organizationName: 100,
  email: 100,
  phoneWork: 30,
  phoneMobile: 30,
  phoneOther: 30,
  phoneFax: 30,
  physicalCity: 255,
  physicalRegion: 255,
  physicalPostalCode: 30,
  physicalCountry: 255,
  mailingCity: 255,
  mailingRegion: 255,
  mailingPostalCode: 30,
  mailingCountry: 255,
};

const QUICKBOOKS_ADDRESS_LINES = 5;
const LINE_LENGTH = 500;
/** Name fields may not hold ":", a tab or a new line (qbo-notes §3.3). */
const NAME_FIELDS = new Set<ProblemField>(['displayName', 'firstName', 'middleName', 'lastName']);

function isProblemField(name: string): name is ProblemField {
  return Object.hasOwn(FIELD_LABELS, name);
}

export function addressLines(value: string): string[] {
  return value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Every value among `fields` that QuickBooks cannot hold as it is. */
export function quickBooksProblems(
  fields: Partial<ContactFields> & { displayName?: string },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if (!isProblemField(name) || typeof raw !== 'string' || raw === '') continue;
    const field = name;
    const label = FIELD_LABELS[field];
    const value = raw.trim();
    if (field === 'physicalLines' || field === 'mailingLines') {
      const lines = addressLines(value);
      if (lines.length > QUICKBOOKS_ADDRESS_LINES) {
        problems.push({
          field,
          problem: 'too-many-lines',
          message: `${label}: ${lines.length} lines; QuickBooks holds ${QUICKBOOKS_ADDRESS_LINES}`,
        });
      }
      const long = lines.find((l) => [...l].length > LINE_LENGTH);
      if (long) {
        problems.push({
          field,
          problem: 'too-long',
          message: `${label}: a line of ${[...long].length} characters; QuickBooks holds ${LINE_LENGTH}`,
        });
      }
      continue;
    }
    const max = MAX_LENGTH[field];
    if (max !== undefined && [...value].length > max) {
      problems.push({
        field,
        problem: 'too-long',
        message: `${label}: ${[...value].length} characters; QuickBooks holds ${max}`,
      });
    }
    if (NAME_FIELDS.has(field) && /[:\t\n]/.test(value)) {
      problems.push({
        field,
        problem: 'not-allowed',
        message: `${label}: QuickBooks does not allow ":", tabs or line breaks in names`,
      });
    }
  }
  return problems;
}

/** Refuses a write before it is sent when `service` could not hold a value as it is (the first problem leads). */
export function rejectProblems(service: Service, problems: FieldProblem[]): void {
  const first = problems[0];
  if (first) {
    throw new RejectedWriteError(
      service,
      first.problem,
      `${SERVICE_NAMES[service]} cannot hold this value as it is — ${problems.map((p) => p.message).join('; ')}`,
      first.field,
    );
  }
}

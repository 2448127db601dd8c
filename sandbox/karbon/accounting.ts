// AccountingDetail (KarbonAPI.json DetailsOfAccounting): not synced by the product, but Karbon's
// own tests write it and the full record returns it, so it is validated against the file's
// enums and types, merged on PUT (registration numbers upsert by Type, a blank number deletes),
// and always returned as a whole object keyed to its owner.
import type { BodyReader } from './body';
import { badRequest, fail } from './errors';
import type { KarbonAccountingDetail } from './state';

const STRINGS = [
  'IncorporationState',
  'LegalName',
  'LineOfBusiness',
  'TradingName',
  'BaseCurrency',
  'GstPeriod',
  'ProvisionalTaxBasic',
  'ProvisionalTaxRatio',
  'SalesTaxPeriod',
];
const DATES = ['BirthDate', 'DeathDate', 'IncorporationDate', 'DateSignedEngagement'];
const INTEGERS = ['FinancialYearEndDay', 'FinancialYearEndMonth'];
const DECIMALS = ['AnnualRevenue', 'OrganizationValuation'];
const BOOLEANS = ['IsVATRegistered', 'PaysTax', 'PrepareGST'];
const LISTS = [
  'Bank',
  'Payroll',
  'BillPay',
  'Benefits',
  'Revenue',
  'Expenses',
  'FileManagement',
  'Accounting',
];
const BASES = ['Cash', 'Accruals', 'None', 'Close'];
const ENUMS: Record<string, readonly string[]> = {
  Salutation: ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof', 'Rev'],
  Sex: ['M', 'F'],
  EntityType: [
    'Corporation',
    'Club or Society',
    'Estate or Trust',
    'Exempt Organization',
    'Partnership',
    'Private Foundation',
    'S Corporation',
    'Person',
    'Sole Proprietor',
    'Limited Liability',
    'Charitable Incorporated Organisation',
    'Company Limited by Guarantee',
    'Community Interest Company',
    'Limited Liability Partnership',
    'Local Authority',
    'Non Departmental Public Body',
    'Pension Scheme',
    'Royal Charter',
    'Unincorporated Association',
    'Other/None',
  ],
  TaxCountryCode: [
    'US',
    'AU',
    'UK',
    'NZ',
    'CA',
    'ZA',
    'HK',
    'FR',
    'SG',
    'IE',
    'SE',
    'FI',
    'DK',
    'NO',
    'IN',
    'CH',
  ],
  GstBasis: BASES,
  SalesTaxBasis: BASES,
  IncomeTaxInstallmentPeriod: ['Monthly', 'Quarterly', 'Yearly'],
  RevenueModel: [
    'Advertising',
    'Commission',
    'E-Commerce',
    'Fee for Service',
    'Licensing',
    'Markup',
    'Production',
    'Subscription',
  ],
  Sells: ['Services', 'Products', 'Products and Services', 'Other'],
};
const REGISTRATION_TYPES = [
  'Australian Business Number (ABN)',
  'Australian Company Number (ACN)',
  'Tax File Number (TFN)',
  'Social Security Number (SSN)',
  'Tax ID',
  'VAT Number',
  'Company Registration Number',
  'PAYE Reference Number',
  'PAYE Accounts Office Reference',
  'CT Reference',
  'Unique Taxpayer Reference (UTR)',
  'NZ Business Number',
  'GST Number',
  'IRD Number',
  'Business Number',
  'Social Insurance Number (SIN)',
  'Registration Number',
  'Income Tax Number',
  'PAYE Number',
  'DOL UIF Number',
  'SDL Number',
  'DOL Workman Compensation',
  'Company Number',
  'Business Registration Number',
  'Charity Number',
  'MPF provider',
  'RCS',
  'SIRET',
  'UEN',
  'RCT Reference',
  'Companies Office Number',
  'KUND ID',
  'Organisation Number',
  'Finnish Business ID',
  'CVR Number',
  'GST Identification Number (GSTIN)',
  'Permanent Account Number (PAN)',
];
const NOTE_TYPES = ['Basic', 'Tax', 'System', 'Owner', 'Officer'];
const FIRM_REF = ['LegalFirm', 'TaxProvider'];

/** Newtonsoft reads "11" into an int; so does this. */
function numberOf(r: BodyReader, name: string, integer: boolean): number | null {
  const v = r.obj[name];
  if (v === undefined || v === null) return null;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    return r.invalid(name, integer ? 'an integer' : 'a number');
  }
  return n;
}

function dateOf(r: BodyReader, name: string): string | null {
  const v = r.str(name);
  if (v === undefined) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
  if (!m || Number.isNaN(Date.parse(m[1] ?? ''))) return r.invalid(name, 'a date');
  return m[2] ? `${m[1]}${m[2]}${m[4] ? '' : 'Z'}` : `${m[1]}T00:00:00Z`;
}

/** Reads the fields the request sends (and only those) into a partial detail. */
export function readAccountingDetail(r: BodyReader): KarbonAccountingDetail {
  r.onlyProperties(
    [
      ...STRINGS,
      ...DATES,
      ...INTEGERS,
      ...DECIMALS,
      ...BOOLEANS,
      ...LISTS,
      ...Object.keys(ENUMS),
      ...FIRM_REF,
      'RegistrationNumbers',
      'Notes',
    ],
    ['ContactPermaKey', 'OrganizationPermaKey'],
  );
  const out: KarbonAccountingDetail = {};
  const sent = (name: string): boolean => r.has(name);
  for (const f of STRINGS) if (sent(f)) out[f] = r.str(f) ?? null;
  for (const f of DATES) if (sent(f)) out[f] = dateOf(r, f);
  for (const f of INTEGERS) if (sent(f)) out[f] = numberOf(r, f, true);
  for (const f of DECIMALS) if (sent(f)) out[f] = numberOf(r, f, false);
  for (const f of BOOLEANS) if (sent(f)) out[f] = r.bool(f) ?? null;
  for (const f of LISTS) if (sent(f)) out[f] = r.strings(f) ?? [];
  for (const [f, values] of Object.entries(ENUMS)) if (sent(f)) out[f] = r.oneOf(f, values) ?? null;
  for (const f of FIRM_REF) {
    const firm = r.object(f);
    if (!sent(f)) continue;
    firm?.onlyProperties(['Name', 'OrganizationKey']);
    out[f] = firm
      ? { Name: firm.str('Name') ?? '', OrganizationKey: firm.str('OrganizationKey') ?? null }
      : null;
  }
  if (sent('RegistrationNumbers')) {
    out.RegistrationNumbers = (r.objects('RegistrationNumbers') ?? []).map((n) => {
      n.onlyProperties(['RegistrationNumber', 'Type']);
      const type = n.oneOf('Type', REGISTRATION_TYPES);
      if (type === undefined) fail(badRequest(`Required payload data is missing: ${n.path}Type`));
      return { RegistrationNumber: n.str('RegistrationNumber', 50)?.trim() ?? '', Type: type };
    });
  }
  if (sent('Notes')) {
    out.Notes = (r.objects('Notes') ?? []).map((n) => {
      n.onlyProperties(['Body', 'Type']);
      const type = n.oneOf('Type', NOTE_TYPES);
      if (type === undefined) fail(badRequest(`Required payload data is missing: ${n.path}Type`));
      return { Body: n.str('Body') ?? '', Type: type };
    });
  }
  return out;
}

type Registration = { RegistrationNumber: string; Type: string };

/** PUT semantics: sent fields replace, registration numbers upsert by Type (blank deletes). */
export function mergeAccountingDetail(
  stored: KarbonAccountingDetail | undefined,
  sent: KarbonAccountingDetail,
): KarbonAccountingDetail {
  const merged: KarbonAccountingDetail = { ...(stored ?? {}), ...sent };
  if (sent.RegistrationNumbers !== undefined) {
    const byType = new Map<string, Registration>();
    for (const n of (stored?.RegistrationNumbers ?? []) as Registration[]) byType.set(n.Type, n);
    for (const n of sent.RegistrationNumbers as Registration[]) {
      if (n.RegistrationNumber === '') byType.delete(n.Type);
      else byType.set(n.Type, n);
    }
    merged.RegistrationNumbers = [...byType.values()];
  }
  return merged;
}

/** The whole object Karbon returns: every scalar (null when unset), the lists, the owner's key. */
export function accountingDetailView(
  stored: KarbonAccountingDetail | undefined,
  owner: { ContactPermaKey: string | null; OrganizationPermaKey: string | null },
): KarbonAccountingDetail {
  const view: KarbonAccountingDetail = { ...owner };
  for (const f of [...DATES, ...Object.keys(ENUMS), ...INTEGERS, ...STRINGS, ...DECIMALS, ...BOOLEANS]) {
    view[f] = stored?.[f] ?? null;
  }
  for (const f of FIRM_REF) if (stored?.[f] !== undefined) view[f] = stored[f];
  for (const f of LISTS) if (stored?.[f] !== undefined) view[f] = stored[f];
  view.RegistrationNumbers = stored?.RegistrationNumbers ?? [];
  view.Notes = stored?.Notes ?? [];
  return view;
}

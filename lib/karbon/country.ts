// Countries on the two sides: QuickBooks addresses hold free text ("USA", "United States",
// "Australia"); Karbon addresses hold ISO 3166-1 alpha-2 codes ("US", "AU"). The canonical
// contact keeps what each side holds; these functions compare and convert (docs/clients.md).
//
// The name ⇄ code table is the engine's (lib/sync/threeway-places.ts: every CLDR English name,
// every alpha-3 code, common aliases), so what the engine decides Karbon can hold and what this
// client writes never disagree.
import { countryCode } from '../sync/threeway-places';

/** Names written into QuickBooks where CLDR's short name reads oddly on an address. */
const QUICKBOOKS_NAMES: Record<string, string> = {
  HK: 'Hong Kong',
  MO: 'Macau',
  MM: 'Myanmar',
  CD: 'Democratic Republic of the Congo',
  CG: 'Republic of the Congo',
  PS: 'Palestine',
};

let regionNames: Intl.DisplayNames | null = null;

/** ISO alpha-2 code for a country as QuickBooks or a person writes it; '' for ''; null when unknown. */
export function toCountryCode(value: string): string | null {
  const text = value.trim();
  if (!text) return '';
  return countryCode(text);
}

/** The English name to write into a QuickBooks address for a Karbon code; other text as it is. */
export function countryNameForQuickBooks(value: string): string {
  const text = value.trim();
  if (!/^[A-Za-z]{2}$/.test(text)) return text;
  const code = countryCode(text);
  if (!code) return text;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return QUICKBOOKS_NAMES[code] ?? regionNames.of(code) ?? text;
}

/** Whether two country values (name, alpha-2 or alpha-3, either side) mean the same country. */
export function sameCountry(a: string, b: string): boolean {
  const ca = toCountryCode(a);
  const cb = toCountryCode(b);
  if (ca !== null && cb !== null) return ca === cb;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

// Countries on the two sides: QuickBooks addresses hold free text ("USA", "United States",
// "Australia"); Karbon addresses hold ISO 3166-1 alpha-2 codes ("US", "AU"). The canonical
// contact keeps what each side holds; these functions compare and convert (docs/clients.md).
//
// Names come from the runtime's own CLDR data (Intl.DisplayNames, present in Node and Chrome),
// so every English country name converts without a hand-kept list; the table below adds the
// usual abbreviations, alpha-3 codes and older names people type into QuickBooks.

// CLDR also names groupings, reserved and withdrawn codes ("UK", "SU", "YU"): not ISO alpha-2 today.
const NOT_COUNTRIES = new Set(
  'EU EZ UN QO XA XB ZZ AC CP CQ DG EA IC TA AN BU CS DD DY FX HV NH RH SU TP UK VD YD YU ZR'.split(' '),
);

const ALIASES: Record<string, string> = {
  us: 'US',
  usa: 'US',
  'united states of america': 'US',
  america: 'US',
  'u s': 'US',
  'u s a': 'US',
  uk: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  gbr: 'GB',
  uae: 'AE',
  are: 'AE',
  holland: 'NL',
  nld: 'NL',
  korea: 'KR',
  'republic of korea': 'KR',
  kor: 'KR',
  russia: 'RU',
  rus: 'RU',
  'czech republic': 'CZ',
  cze: 'CZ',
  turkey: 'TR',
  turkiye: 'TR',
  tur: 'TR',
  vietnam: 'VN',
  vnm: 'VN',
  'ivory coast': 'CI',
  'hong kong': 'HK',
  hkg: 'HK',
  macau: 'MO',
  macao: 'MO',
  'republic of ireland': 'IE',
  eire: 'IE',
  irl: 'IE',
  prc: 'CN',
  "people's republic of china": 'CN',
  chn: 'CN',
  burma: 'MM',
  swaziland: 'SZ',
  macedonia: 'MK',
  'cape verde': 'CV',
  palestine: 'PS',
  aus: 'AU',
  can: 'CA',
  nzl: 'NZ',
  zaf: 'ZA',
  ind: 'IN',
  deu: 'DE',
  fra: 'FR',
  esp: 'ES',
  ita: 'IT',
  bel: 'BE',
  che: 'CH',
  aut: 'AT',
  swe: 'SE',
  nor: 'NO',
  dnk: 'DK',
  fin: 'FI',
  prt: 'PT',
  pol: 'PL',
  mex: 'MX',
  bra: 'BR',
  arg: 'AR',
  jpn: 'JP',
  sgp: 'SG',
  phl: 'PH',
  mys: 'MY',
  idn: 'ID',
  tha: 'TH',
  sau: 'SA',
  isr: 'IL',
  nga: 'NG',
  ken: 'KE',
  egy: 'EG',
  grc: 'GR',
  hun: 'HU',
  rou: 'RO',
  ukr: 'UA',
  col: 'CO',
  chl: 'CL',
  per: 'PE',
  pak: 'PK',
  bgd: 'BD',
  lka: 'LK',
  jam: 'JM',
  pri: 'PR',
};

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
let codeByName: Map<string, string> | null = null;

function names(): Intl.DisplayNames {
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return regionNames;
}

/** Folds case, accents, dots, "&" and a leading "the" so "The U.S.A." reads as "u s a". */
function key(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

function isCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  return names().of(code) !== code;
}

function index(): Map<string, string> {
  if (codeByName) return codeByName;
  const map = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (!isCode(code)) continue;
      const name = names().of(code) ?? '';
      map.set(key(name), code);
      // "Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China": index the leading part too.
      const head = name.split(/ \(| - | SAR /)[0] ?? '';
      if (head && !map.has(key(head))) map.set(key(head), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(key(alias), code);
  codeByName = map;
  return map;
}

/** ISO alpha-2 code for a country as QuickBooks or a person writes it; '' for ''; null when unknown. */
export function toCountryCode(value: string): string | null {
  const text = value.trim();
  if (!text) return '';
  const upper = text.toUpperCase();
  if (isCode(upper)) return upper;
  return index().get(key(text)) ?? null;
}

/** The English name to write into a QuickBooks address for a Karbon code; other text as it is. */
export function countryNameForQuickBooks(value: string): string {
  const text = value.trim();
  const upper = text.toUpperCase();
  if (!isCode(upper)) return text;
  return QUICKBOOKS_NAMES[upper] ?? names().of(upper) ?? text;
}

/** Whether two country values (name, alpha-2 or alpha-3, either side) mean the same country. */
export function sameCountry(a: string, b: string): boolean {
  const ca = toCountryCode(a);
  const cb = toCountryCode(b);
  if (ca !== null && cb !== null) return ca === cb;
  return key(a) === key(b);
}

// Country and region names ⇄ codes, so "United States", "USA" and "US" compare equal and a
// Karbon address (which holds only an ISO 3166 alpha-2 CountryCode, shared/spec/karbon-api.md)
// can be told whether it can hold a country at all. Names come from the runtime's
// Intl.DisplayNames (Node and Chromium both ship it) instead of a hand-copied list.

/** Lower-case, no diacritics, "&" → "and", "saint" → "st", punctuation dropped, spaces folded. */
export function placeKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\bsaint\b/g, 'st')
    .trim();
}

// ISO 3166 alpha-3 → alpha-2. QuickBooks has started returning alpha-3 for some addresses
// ("United States" → "USA", shared/reference/qbo-notes.md §3.2).
const ALPHA3 =
  'AFG AF ALA AX ALB AL DZA DZ ASM AS AND AD AGO AO AIA AI ATA AQ ATG AG ARG AR ARM AM ABW AW AUS AU ' +
  'AUT AT AZE AZ BHS BS BHR BH BGD BD BRB BB BLR BY BEL BE BLZ BZ BEN BJ BMU BM BTN BT BOL BO BES BQ ' +
  'BIH BA BWA BW BVT BV BRA BR IOT IO BRN BN BGR BG BFA BF BDI BI CPV CV KHM KH CMR CM CAN CA CYM KY ' +
  'CAF CF TCD TD CHL CL CHN CN CXR CX CCK CC COL CO COM KM COG CG COD CD COK CK CRI CR CIV CI HRV HR ' +
  'CUB CU CUW CW CYP CY CZE CZ DNK DK DJI DJ DMA DM DOM DO ECU EC EGY EG SLV SV GNQ GQ ERI ER EST EE ' +
  'SWZ SZ ETH ET FLK FK FRO FO FJI FJ FIN FI FRA FR GUF GF PYF PF ATF TF GAB GA GMB GM GEO GE DEU DE ' +
  'GHA GH GIB GI GRC GR GRL GL GRD GD GLP GP GUM GU GTM GT GGY GG GIN GN GNB GW GUY GY HTI HT HMD HM ' +
  'VAT VA HND HN HKG HK HUN HU ISL IS IND IN IDN ID IRN IR IRQ IQ IRL IE IMN IM ISR IL ITA IT JAM JM ' +
  'JPN JP JEY JE JOR JO KAZ KZ KEN KE KIR KI PRK KP KOR KR KWT KW KGZ KG LAO LA LVA LV LBN LB LSO LS ' +
  'LBR LR LBY LY LIE LI LTU LT LUX LU MAC MO MDG MG MWI MW MYS MY MDV MV MLI ML MLT MT MHL MH MTQ MQ ' +
  'MRT MR MUS MU MYT YT MEX MX FSM FM MDA MD MCO MC MNG MN MNE ME MSR MS MAR MA MOZ MZ MMR MM NAM NA ' +
  'NRU NR NPL NP NLD NL NCL NC NZL NZ NIC NI NER NE NGA NG NIU NU NFK NF MKD MK MNP MP NOR NO OMN OM ' +
  'PAK PK PLW PW PSE PS PAN PA PNG PG PRY PY PER PE PHL PH PCN PN POL PL PRT PT PRI PR QAT QA REU RE ' +
  'ROU RO RUS RU RWA RW BLM BL SHN SH KNA KN LCA LC MAF MF SPM PM VCT VC WSM WS SMR SM STP ST SAU SA ' +
  'SEN SN SRB RS SYC SC SLE SL SGP SG SXM SX SVK SK SVN SI SLB SB SOM SO ZAF ZA SGS GS SSD SS ESP ES ' +
  'LKA LK SDN SD SUR SR SJM SJ SWE SE CHE CH SYR SY TWN TW TJK TJ TZA TZ THA TH TLS TL TGO TG TKL TK ' +
  'TON TO TTO TT TUN TN TUR TR TKM TM TCA TC TUV TV UGA UG UKR UA ARE AE GBR GB USA US UMI UM URY UY ' +
  'UZB UZ VUT VU VEN VE VNM VN VGB VG VIR VI WLF WF ESH EH YEM YE ZMB ZM ZWE ZW XKX XK';

// Names people type that Intl does not give (or gives differently).
const COUNTRY_ALIASES: Record<string, string> = {
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
  holland: 'NL',
  'the netherlands': 'NL',
  korea: 'KR',
  'republic of korea': 'KR',
  'czech republic': 'CZ',
  turkey: 'TR',
  'ivory coast': 'CI',
  'cote divoire': 'CI',
  burma: 'MM',
  myanmar: 'MM',
  swaziland: 'SZ',
  macedonia: 'MK',
  'cape verde': 'CV',
  'east timor': 'TL',
  'hong kong': 'HK',
  macau: 'MO',
  macao: 'MO',
  uae: 'AE',
  'the bahamas': 'BS',
  'the gambia': 'GM',
  'vatican city': 'VA',
  'russian federation': 'RU',
  'viet nam': 'VN',
};

let countryIndex: Map<string, string> | null = null;

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = names.of(code);
      // Intl also names groupings (EU, UN, "Unknown Region"); keep only the ISO list below.
      if (!name) continue;
      // Reserved codes (UK, EU…) share names with real ones: the first code found keeps a name.
      for (const key of [placeKey(name), placeKey(name.replace(/\s*\(.*\)\s*/u, ''))])
        if (!index.has(key)) index.set(key, code);
    }
  }
  const iso2 = new Set<string>();
  const parts = ALPHA3.split(' ');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const a3 = parts[i] ?? '';
    const a2 = parts[i + 1] ?? '';
    iso2.add(a2);
    index.set(a3.toLowerCase(), a2);
    index.set(a2.toLowerCase(), a2);
  }
  for (const [k, code] of index) if (!iso2.has(code)) index.delete(k);
  // A reserved code ("UK") may have claimed a name before the real code ("GB") was named.
  for (const a2 of iso2) {
    const name = names.of(a2);
    if (name && !index.has(placeKey(name))) index.set(placeKey(name), a2);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) index.set(alias, code);
  return index;
}

/** ISO 3166 alpha-2 code for a country name or code ("USA", "United States", "us" → "US"), or null. */
export function countryCode(value: string): string | null {
  const key = placeKey(value);
  if (!key) return null;
  countryIndex ??= buildCountryIndex();
  return countryIndex.get(key) ?? null;
}

// US states and territories, Canadian provinces: the two-letter codes do not overlap, so one
// table serves without knowing the country. (Australian WA/NT would clash with US codes.)
const REGIONS =
  'AL alabama|AK alaska|AZ arizona|AR arkansas|CA california|CO colorado|CT connecticut|' +
  'DE delaware|DC district of columbia|FL florida|GA georgia|HI hawaii|ID idaho|IL illinois|' +
  'IN indiana|IA iowa|KS kansas|KY kentucky|LA louisiana|ME maine|MD maryland|MA massachusetts|' +
  'MI michigan|MN minnesota|MS mississippi|MO missouri|MT montana|NE nebraska|NV nevada|' +
  'NH new hampshire|NJ new jersey|NM new mexico|NY new york|NC north carolina|ND north dakota|' +
  'OH ohio|OK oklahoma|OR oregon|PA pennsylvania|RI rhode island|SC south carolina|' +
  'SD south dakota|TN tennessee|TX texas|UT utah|VT vermont|VA virginia|WA washington|' +
  'WV west virginia|WI wisconsin|WY wyoming|PR puerto rico|GU guam|VI virgin islands|' +
  'AS american samoa|MP northern mariana islands|AB alberta|BC british columbia|MB manitoba|' +
  'NB new brunswick|NL newfoundland and labrador|NS nova scotia|NT northwest territories|' +
  'NU nunavut|ON ontario|PE prince edward island|QC quebec|SK saskatchewan|YT yukon';

let regionIndex: Map<string, string> | null = null;

function buildRegionIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const entry of REGIONS.split('|')) {
    const code = entry.slice(0, 2);
    index.set(code.toLowerCase(), code);
    index.set(entry.slice(3), code);
  }
  index.set('newfoundland', 'NL');
  index.set('yukon territory', 'YT');
  index.set('pei', 'PE');
  index.set('washington dc', 'DC');
  return index;
}

/** Two-letter code of a US state/territory or Canadian province ("New York", "ny" → "NY"), or null. */
export function regionCode(value: string): string | null {
  const key = placeKey(value);
  if (!key) return null;
  regionIndex ??= buildRegionIndex();
  return regionIndex.get(key) ?? null;
}

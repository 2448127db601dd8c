// Name normalisation for suggestions: sees through case, punctuation, diacritics, "&"/"and",
// legal forms ("Ltd"/"Limited", "Inc."/"Inc", "Co"/"Company", "LLC"…), honorifics and
// "Last, First" order. The table is in docs/matching.md; keep both in step.
//
// Unlike norm() (the spec's exact keys), this is for scoring only: it never decides a link.

const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** Every spelling of a legal form → one token. Legal forms are left out of the name's core. */
const LEGAL_FORMS: Record<string, string> = {
  ltd: 'ltd',
  limited: 'ltd',
  inc: 'inc',
  incorporated: 'inc',
  co: 'co',
  company: 'co',
  corp: 'corp',
  corporation: 'corp',
  llc: 'llc',
  llp: 'llp',
  lp: 'lp',
  plc: 'plc',
  pllc: 'pllc',
  pc: 'pc',
  pty: 'pty',
  proprietary: 'pty',
  gmbh: 'gmbh',
};

/** Words of no weight anywhere in a name. */
const STOP_WORDS = new Set(['and', 'the']);
const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'professor',
  'sir',
  'dame',
  'rev',
  'reverend',
  'fr',
  'hon',
  'lord',
  'lady',
]);
const NAME_SUFFIXES = new Set([
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'phd',
  'md',
  'cpa',
  'esq',
  'dds',
  'cfa',
  'mba',
  'ea',
]);

/** Lower-case ASCII-ish text: diacritics dropped, "&" → "and", dots and apostrophes joined. */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c] ?? c)
    .replace(/&|\+/g, ' and ')
    .replace(/[.'’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(s: string): string[] {
  return foldText(s).split(' ').filter(Boolean);
}

function onlyFormsOrSuffixes(ws: readonly string[]): boolean {
  return ws.length > 0 && ws.every((w) => w in LEGAL_FORMS || NAME_SUFFIXES.has(w) || STOP_WORDS.has(w));
}

export interface NormalizedName {
  /** Every meaningful token, legal forms unified ("limited" → "ltd"), in reading order. */
  tokens: string[];
  /** The tokens that identify: no legal forms, honorifics, suffixes, "and"/"the". Never empty when tokens is not. */
  core: string[];
}

/** Tokens of one name as people write it: "Smith, Jane" reads "Jane Smith"; "Acme, Inc." stays. */
export function normalizeName(raw: string): NormalizedName {
  const parts = raw.split(',');
  let text = raw;
  if (parts.length === 2) {
    const [before = '', after = ''] = parts;
    if (words(before).length > 0 && words(after).length > 0 && !onlyFormsOrSuffixes(words(after)))
      text = `${after} ${before}`;
  }
  const all = words(text).map((w) => LEGAL_FORMS[w] ?? w);
  let start = 0;
  while (start < all.length - 1 && HONORIFICS.has(all[start] ?? '')) start++;
  let end = all.length;
  while (end > start + 1 && NAME_SUFFIXES.has(all[end - 1] ?? '')) end--;
  const tokens = all.slice(start, end);
  // "Mr & Mrs Smith": an honorific inside a name identifies no one either.
  const core = tokens.filter((t) => !(t in LEGAL_FORMS) && !STOP_WORDS.has(t) && !HONORIFICS.has(t));
  return { tokens, core: core.length > 0 ? core : tokens };
}

const FREE_MAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'hotmail.co.uk',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'yandex.com',
  'zoho.com',
  'comcast.net',
  'verizon.net',
  'att.net',
  'btinternet.com',
  'bigpond.com',
  'xtra.co.nz',
]);

/** The domain of an address when it says something about the client (not a free mail service). */
export function telltaleDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (!domain.includes('.') || FREE_MAIL.has(domain)) return null;
  return domain;
}

/** Postal codes compared without spaces, hyphens or case. */
export function postalKey(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** Digits of a phone without international or trunk prefixes' zeros, '' when too short to tell. */
export function phoneKey(s: string): string {
  const digits = s.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 7 ? digits : '';
}

/** Two phone keys are one number when one ends with the other (a country code aside). */
export function phonesAgree(a: string, b: string): boolean {
  if (!a || !b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.endsWith(short) && long.length - short.length <= 3;
}

// Deterministic makers of people, companies, addresses and phone numbers for the demo and the
// generated benchmark data. Everything comes from one seeded generator (no Math.random), and
// names and emails are handed out once, so two clients never collide by accident.
import { seededRandom } from '../karbon/keys';
import {
  COMPANY_FIRST,
  COMPANY_SUFFIX,
  COMPANY_TRADE,
  FIRST_NAMES,
  LAST_NAMES,
  OTHER_PLACES,
  PERSONAL_DOMAINS,
  type Place,
  STREET_NAMES,
  STREET_TYPES,
  US_PLACES,
} from './pools';
import type { KarbonPhoneSpec, PostalAddress } from './story-types';

export interface PersonData {
  first: string;
  last: string;
  workEmail: string;
  personalEmail: string;
  phone: string;
  mobile: string;
  address: PostalAddress;
}

export interface CompanyData {
  name: string;
  domain: string;
  email: string;
  phone: string;
  address: PostalAddress;
}

/** ASCII, lower-case, no spaces or punctuation: for the local part and domain of an email. */
export function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export class Factory {
  readonly random: () => number;
  private readonly names = new Set<string>();
  private readonly emails = new Set<string>();
  private readonly surnames: string[];
  /** Surnames in use, and those handed out as unique (no one else may take them). */
  private readonly usedSurnames = new Set<string>();
  private readonly reservedSurnames = new Set<string>();

  constructor(seed: number) {
    this.random = seededRandom(seed);
    this.surnames = this.shuffle([...LAST_NAMES]);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(list: readonly T[]): T {
    const v = list[this.int(list.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j] as T, list[i] as T];
    }
    return list;
  }

  /** Reserves a name (case-insensitively); false when it is taken. */
  claimName(name: string): boolean {
    const k = name.toLowerCase();
    if (this.names.has(k)) return false;
    this.names.add(k);
    return true;
  }

  claimEmail(email: string): string {
    let e = email;
    for (let n = 2; this.emails.has(e.toLowerCase()); n++) e = email.replace('@', `${n}@`);
    this.emails.add(e.toLowerCase());
    return e;
  }

  /** A surname no one else in the data has yet (then, once exhausted, any unused first+last pair). */
  uniqueSurname(): string | undefined {
    for (let s = this.surnames.pop(); s !== undefined; s = this.surnames.pop()) {
      if (this.usedSurnames.has(s)) continue;
      this.reservedSurnames.add(s);
      return s;
    }
    return undefined;
  }

  private anySurname(): string {
    for (;;) {
      const s = this.pick(LAST_NAMES);
      if (!this.reservedSurnames.has(s)) return s;
    }
  }

  place(foreignShare = 0.06): Place {
    return this.chance(foreignShare) ? this.pick(OTHER_PLACES) : this.pick(US_PLACES);
  }

  address(place = this.place()): PostalAddress {
    const street = `${100 + this.int(9800)} ${this.pick(STREET_NAMES)} ${this.pick(STREET_TYPES)}`;
    const lines = this.chance(0.2) ? [street, `Suite ${100 + this.int(400)}`] : [street];
    return { lines, city: place.city, region: place.region, postal: this.postal(place), place };
  }

  private postal(p: Place): string {
    const d = () => String(this.int(10));
    if (p.iso === 'US') return `${p.zip}${d()}${d()}`;
    if (p.iso === 'CA') return `${p.zip} ${d()}${this.pick(['A', 'C', 'E', 'H', 'K'])}${d()}`;
    if (p.iso === 'GB') return `${p.zip} ${d()}${this.pick(['AB', 'BB', 'DX', 'HQ'])}`;
    return p.zip;
  }

  /** A fictional number in the place's format (555-01xx in North America). */
  phone(place: Place): string {
    const tail = String(this.int(100)).padStart(2, '0');
    if (place.iso === 'GB') return `020 7946 0${tail}${this.int(10)}`;
    if (place.iso === 'AU') return `(02) 5550 1${tail}${this.int(10)}`;
    return `(${place.areaCode}) 555-01${tail}`;
  }

  person(opts: { uniqueSurname?: boolean; first?: string; last?: string; place?: Place } = {}): PersonData {
    for (;;) {
      const first = opts.first ?? this.pick(FIRST_NAMES);
      const last = opts.last ?? (opts.uniqueSurname ? this.uniqueSurname() : undefined) ?? this.anySurname();
      if (!this.claimName(`${first} ${last}`)) {
        if (opts.first !== undefined && opts.last !== undefined)
          throw new Error(`person name taken: ${first} ${last}`);
        continue;
      }
      this.usedSurnames.add(last);
      const place = opts.place ?? this.place();
      return {
        first,
        last,
        workEmail: this.claimEmail(
          `${slug(first)}.${slug(last)}@${slug(last)}${this.pick(['law', 'design', 'co', 'group'])}.com`,
        ),
        personalEmail: this.claimEmail(
          `${slug(first)}${slug(last)}${this.int(90) + 10}@${this.pick(PERSONAL_DOMAINS)}`,
        ),
        phone: this.phone(place),
        mobile: this.phone(place),
        address: this.address(place),
      };
    }
  }

  company(opts: { name?: string } = {}): CompanyData {
    for (;;) {
      const base = `${this.pick(COMPANY_FIRST)} ${this.pick(COMPANY_TRADE)}`;
      const suffix = this.pick(COMPANY_SUFFIX);
      const name = opts.name ?? (suffix ? `${base} ${suffix}` : base);
      if (opts.name !== undefined && !this.claimName(name)) throw new Error(`company name taken: ${name}`);
      // The trade name alone is reserved too, so "Summit Dental LLC" and "Summit Dental Inc." never both exist.
      if (opts.name === undefined && (!this.claimName(base) || (suffix !== '' && !this.claimName(name))))
        continue;
      const place = this.place(0.04);
      const domain = `${slug(opts.name ?? base)}.com`;
      return {
        name,
        domain,
        email: this.claimEmail(`${this.pick(['info', 'office', 'hello', 'accounts', 'admin'])}@${domain}`),
        phone: this.phone(place),
        address: this.address(place),
      };
    }
  }

  /** A Karbon phone entry: same digits as QuickBooks, formatted as people type them in Karbon. */
  karbonPhone(qboStyle: string, label: KarbonPhoneSpec['label'], iso: string): KarbonPhoneSpec {
    const m = /^\((\d{3})\) (\d{3})-(\d{4})$/.exec(qboStyle);
    const number = m && this.chance(0.5) ? `${m[1]}-${m[2]}-${m[3]}` : qboStyle;
    return { number, label, country: iso };
  }
}

// Karbon's identifiers: 12-character case-sensitive alphanumeric "PermaKeys" for records and
// cards, GUIDs for addresses and phone numbers (karbon-notes §3.1). Generated from a seeded
// generator so a fresh sandbox fed the same requests hands out the same keys.

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

/** sfc32: small, fast and good enough for test data; returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export interface KeyMaker {
  permaKey(): string;
  guid(): string;
}

export function createKeyMaker(random: () => number): KeyMaker {
  const pick = (alphabet: string): string => alphabet[Math.floor(random() * alphabet.length)] ?? '0';
  const run = (alphabet: string, n: number): string =>
    Array.from({ length: n }, () => pick(alphabet)).join('');
  return {
    permaKey: () => run(ALPHANUMERIC, 12),
    guid: () => `${run(HEX, 8)}-${run(HEX, 4)}-4${run(HEX, 3)}-${pick('89ab')}${run(HEX, 3)}-${run(HEX, 12)}`,
  };
}

export const PERMA_KEY = /^[0-9A-Za-z]{6,20}$/;

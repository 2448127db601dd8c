// Jaro-Winkler similarity (0..1): tolerant of small typos and transpositions in short strings
// such as names, and rewarding a shared beginning. Written out because it is small and hot:
// suggestions run it on every candidate pair that blocking lets through.

// Scratch buffers reused across calls: this runs hundreds of thousands of times per plan.
let matchedB = new Uint8Array(64);
let matchesA = new Int32Array(64);

/** Jaro similarity of two strings. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  if (matchedB.length < lb) matchedB = new Uint8Array(lb * 2);
  matchedB.fill(0, 0, lb);
  if (matchesA.length < la) matchesA = new Int32Array(la * 2);
  let m = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || a.charCodeAt(i) !== b.charCodeAt(j)) continue;
      matchedB[j] = 1;
      matchesA[m++] = i;
      break;
    }
  }
  if (m === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let j = 0; j < lb; j++) {
    if (!matchedB[j]) continue;
    if (a.charCodeAt(matchesA[k] ?? 0) !== b.charCodeAt(j)) transpositions++;
    k++;
  }
  return (m / la + m / lb + (m - transpositions / 2) / m) / 3;
}

/** Jaro-Winkler: Jaro raised for a common prefix of up to four characters (scale 0.1). */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  let prefix = 0;
  const max = Math.min(4, a.length, b.length);
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

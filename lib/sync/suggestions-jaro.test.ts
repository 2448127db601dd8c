import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaro, jaroWinkler } from './suggestions-jaro';

describe('Jaro-Winkler', () => {
  // Reference values from Winkler's papers and the usual worked examples.
  it.each([
    ['martha', 'marhta', 0.944, 0.961],
    ['dwayne', 'duane', 0.822, 0.84],
    ['dixon', 'dicksonx', 0.767, 0.813],
    ['jones', 'johnson', 0.79, 0.832],
    ['abc', 'xyz', 0, 0],
    ['', 'abc', 0, 0],
    ['same', 'same', 1, 1],
  ])('%s / %s → jaro %d, jaro-winkler %d', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 2);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 2);
  });

  it('property: symmetric, within 0..1, 1 only for equal strings, never below Jaro', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', 'd') }),
        (a, b) => {
          const s = jaroWinkler(a, b);
          expect(s).toBeCloseTo(jaroWinkler(b, a), 10);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          if (a !== b) expect(s).toBeLessThan(1);
          expect(s).toBeGreaterThanOrEqual(jaro(a, b));
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults';

const ROUTE = 'GET /qbo/v3/company/{realmId}/customer/{id}';
const PATH = '/qbo/v3/company/1/customer/5';

describe('FaultInjector', () => {
  it('a count rule acts on exactly the next n matching requests', () => {
    const f = new FaultInjector();
    f.add({ route: 'customer/{id}', status: 500, count: 2 });
    expect([1, 2, 3].map(() => f.decide(ROUTE, PATH).status)).toEqual([500, 500, null]);
    expect(f.list()).toEqual([]);
  });

  it('matches the route name or the real path, and nothing else', () => {
    const f = new FaultInjector();
    f.add({ route: '/company/1/', drop: true });
    expect(f.decide(ROUTE, PATH).drop).toBe('before');
    expect(f.decide('GET /karbon/v3/Contacts', '/karbon/v3/Contacts').drop).toBeNull();
  });

  it('slow rules add up; the first status wins and later ones wait their turn', () => {
    const f = new FaultInjector();
    f.add({ slowMs: 100 });
    f.add({ slowMs: 50, status: 503, count: 1 });
    f.add({ status: 429, count: 1 });
    expect(f.decide(ROUTE, PATH)).toEqual({ slowMs: 150, drop: null, status: 503, malformed: null });
    expect(f.decide(ROUTE, PATH)).toEqual({ slowMs: 100, drop: null, status: 429, malformed: null });
    expect(f.decide(ROUTE, PATH)).toEqual({ slowMs: 100, drop: null, status: null, malformed: null });
  });

  it('a malformed answer is one fault like the others; it cannot be combined with a status or a drop', () => {
    const f = new FaultInjector();
    f.add({ route: 'customer', malformed: 'truncated', count: 1 });
    expect(f.decide(ROUTE, PATH).malformed).toBe('truncated');
    expect(f.decide(ROUTE, PATH).malformed).toBeNull();
    expect(f.add({ malformed: 'shape', status: 500 })).toMatchObject({
      error: expect.stringMatching(/exclude/),
    });
    expect(f.add({ malformed: 'gibberish' })).toHaveProperty('error');
  });

  it('rate rules repeat the same pattern after clear()', () => {
    const f = new FaultInjector();
    const run = () => {
      f.clear();
      f.add({ status: 503, rate: 0.3 });
      return Array.from({ length: 20 }, () => f.decide(ROUTE, PATH).status);
    };
    const a = run();
    expect(a.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === null).length).toBeGreaterThan(0);
    expect(run()).toEqual(a);
  });

  it.each([{}, { status: 404 }, { drop: true, status: 500 }, { slowMs: -1 }, { status: 500, extra: 1 }])(
    'refuses %j',
    (rule) => {
      expect(new FaultInjector().add(rule)).toHaveProperty('error');
    },
  );
});

import { describe, expect, it } from 'vitest';
import { lazyPort } from '@/lib/extension/lazy-port';

interface Greeter {
  greet(name: string): Promise<string>;
}

describe('lazyPort', () => {
  it('each call goes to the port current at that moment', async () => {
    let prefix = 'Hello';
    const port = lazyPort<Greeter>(async () => ({ greet: async (n: string) => `${prefix} ${n}` }));
    expect(await port.greet('Amy')).toBe('Hello Amy');
    prefix = 'Bye';
    expect(await port.greet('Amy')).toBe('Bye Amy');
  });

  it('is not a thenable, and a missing method fails loudly', async () => {
    const port = lazyPort<Greeter>(async () => ({ greet: async () => '' }));
    expect(await Promise.resolve(port)).toBe(port);
    await expect((port as unknown as { nope(): Promise<void> }).nope()).rejects.toThrow(/no method nope/);
  });
});

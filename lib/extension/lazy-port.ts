// The engine is created once per worker life, but the connections behind it change (reconnect,
// new keys, another sandbox address). A lazy port resolves the current client on every call.

/** Every port method returns a Promise, so each call can await the current port first. */
export function lazyPort<T extends object>(current: () => Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      // Not a thenable: `await port` must not call into the proxy.
      if (prop === 'then') return undefined;
      return async (...args: unknown[]) => {
        const port = await current();
        const member: unknown = Reflect.get(port, prop);
        if (typeof member !== 'function') throw new TypeError(`The port has no method ${String(prop)}`);
        return member.apply(port, args);
      };
    },
  });
}

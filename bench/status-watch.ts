// Answers other than 2xx during a scenario, per service and status ("karbon 429": 3), and
// requests that got no answer at all. Requests over the minimum are often retries; this says
// which. The ports take `fetch` when they are built, so the watch is installed before connecting.
const SERVICES = ['qbo', 'karbon', 'intuit'] as const;

function serviceOf(input: RequestInfo | URL): string {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const first = url.pathname.split('/')[1] ?? '';
  return (SERVICES as readonly string[]).includes(first) ? first : 'other';
}

export interface StatusWatch {
  /** Restores the global fetch; returns the counts. */
  stop(): Record<string, number>;
}

export function watchStatuses(): StatusWatch {
  const original = globalThis.fetch;
  const counts: Record<string, number> = {};
  const add = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };
  globalThis.fetch = async (input, init) => {
    const service = serviceOf(input);
    try {
      const res = await original(input, init);
      if (res.status < 200 || res.status > 299) add(`${service} ${res.status}`);
      return res;
    } catch (err) {
      add(`${service} no answer`);
      throw err;
    }
  };
  return {
    stop() {
      globalThis.fetch = original;
      return counts;
    },
  };
}

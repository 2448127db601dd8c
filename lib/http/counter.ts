// Every HTTP attempt (retries and token refreshes included) is counted per service, so a run can
// report `requests: {quickbooks, karbon}` and benchmarks can compare it with the API minimum.

export type CountedService = 'quickbooks' | 'karbon' | 'intuit';

export interface RequestCounts {
  quickbooks: number;
  karbon: number;
  /** Intuit's OAuth endpoints (token refresh, revoke): not QuickBooks API calls. */
  intuit: number;
}

export class RequestCounter {
  private counts: RequestCounts = { quickbooks: 0, karbon: 0, intuit: 0 };

  add(service: CountedService): void {
    this.counts[service] += 1;
  }

  snapshot(): RequestCounts {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = { quickbooks: 0, karbon: 0, intuit: 0 };
  }
}

/** A fetch that counts each call under `service` before sending it. */
export function countingFetch(
  fetchFn: typeof fetch,
  counter: RequestCounter,
  service: CountedService,
): typeof fetch {
  return (input, init) => {
    counter.add(service);
    return fetchFn(input, init);
  };
}

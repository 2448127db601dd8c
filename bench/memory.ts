// Peak memory of the benchmark process (engine, Dexie on fake-indexeddb and the in-process
// sandbox together), sampled often enough to catch the planner's and the lists' peaks.
const MB = 1024 * 1024;
const EVERY_MS = 50;

export interface MemorySampler {
  /** Peak RSS and heap since start, in MB. */
  stop(): { peakRssMb: number; peakHeapMb: number };
}

export function sampleMemory(): MemorySampler {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  sample();
  const timer = setInterval(sample, EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMb: Math.round(rss / MB), peakHeapMb: Math.round(heap / MB) };
    },
  };
}

export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / MB);
}

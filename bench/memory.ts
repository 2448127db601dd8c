// Memory, sampled often enough to catch the planner's and the lists' peaks. RSS is the whole
// process (the sandbox's thread included); the heap is the main thread's V8 heap, which holds
// the engine, Dexie on fake-indexeddb, the clients and the harness's small digests, but not the
// sandbox (its thread has a heap of its own).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

// Heap figures mean something only after a collection: garbage from the previous scenario would
// otherwise count as the next one's. `npm run bench` runs without --expose-gc, so ask V8 for it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Collects garbage and returns the main thread's heap in MB. */
export function settledHeapMb(): number {
  gc();
  return heapMb();
}
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

export function heapMb(): number {
  return Math.round(process.memoryUsage().heapUsed / MB);
}

// The sandbox for one size, on a worker thread of the benchmark's own process: still in-process
// and on 127.0.0.1, but with its own V8 heap, so the main thread's heap figures are the engine's
// (plus the harness's small digests), and the two share the machine's cores as a real
// deployment (extension here, services there) would not contend for one event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { generateState } from '../sandbox/demo';
import { startSandbox } from '../sandbox/server';

const input = z.object({ n: z.number().int().min(0), timeScale: z.number().positive() }).parse(workerData);
const port = parentPort;
if (!port) throw new Error('bench/sandbox-thread.ts runs as a worker thread');

const sandbox = await startSandbox({
  port: 0,
  state: generateState(input.n),
  config: { timeScale: input.timeScale },
});
port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  void sandbox.close().finally(() => port.close());
});
port.postMessage({ url: sandbox.url });

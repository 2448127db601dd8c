// Starts bench/sandbox-thread.ts and waits for its URL; close() stops the server, then the thread.
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

export interface SandboxThread {
  url: string;
  close(): Promise<void>;
}

const ready = z.object({ url: z.string() });

export function startSandboxThread(n: number, timeScale: number): Promise<SandboxThread> {
  // The thread runs TypeScript like the rest of the benchmark: tsx's loader is registered in it
  // first (Node 20 does not pass the main thread's --import hooks on to a worker's entry file).
  const entry = JSON.stringify(new URL('./sandbox-thread.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${entry}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { n, timeScale } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the sandbox thread exited (${code}) before it was ready`)),
    );
    worker.once('message', (message: unknown) => {
      const { url } = ready.parse(message);
      resolve({
        url,
        close: async () => {
          worker.postMessage('close');
          await exited;
        },
      });
    });
  });
}

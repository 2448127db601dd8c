import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SandboxState } from './core/state';
import { startSandbox } from './server';

// npm run sandbox -- [--port N] [--demo | --seed FILE | --generate N] [--time-scale X]
const USAGE = 'usage: sandbox [--port N] [--demo | --seed FILE | --generate N] [--time-scale X]';

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        seed: { type: 'string' },
        demo: { type: 'boolean' },
        generate: { type: 'string' },
        'time-scale': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
})();

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, not ${values.port}`);
const sources = [values.seed !== undefined, values.generate !== undefined, values.demo === true].filter(
  Boolean,
);
if (sources.length > 1) fail('choose one of --demo, --seed and --generate');
let generate: number | undefined;
if (values.generate !== undefined) {
  generate = Number(values.generate);
  if (!Number.isInteger(generate) || generate < 0)
    fail(`--generate must be a whole number, not ${values.generate}`);
}
let timeScale: number | undefined;
if (values['time-scale'] !== undefined) {
  timeScale = Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale <= 0) fail(`--time-scale must be a number > 0`);
}
let state: SandboxState | undefined;
if (values.seed !== undefined) {
  try {
    // startSandbox validates the seed like PUT /__sandbox/state and names what is wrong.
    state = JSON.parse(readFileSync(values.seed, 'utf8'));
  } catch (e) {
    fail(`cannot read --seed ${values.seed}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

try {
  const sandbox = await startSandbox({
    port,
    ...(state ? { state } : {}),
    ...(generate !== undefined ? { generate } : {}),
    ...(timeScale !== undefined ? { config: { timeScale } } : {}),
  });
  console.log(`Sandbox ready at ${sandbox.url}`);
  const stop = () => {
    sandbox.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (e) {
  console.error(`sandbox failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

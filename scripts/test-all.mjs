#!/usr/bin/env node
// Runs every check and test the project has, then prints one plain line: "N passed, N failed".
// Lint and typecheck count as one test each; vitest suites count their own tests.
//   npm test                 everything (lint, types, unit + integration, browser end-to-end)
//   npm test -- --no-e2e     everything but the browser suite
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, cmdArgs) {
  console.log(`\n=== ${label}: ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(label, cmd, cmdArgs) {
  if (run(label, cmd, cmdArgs)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function suite(label, cmdArgs, resultFile) {
  const file = path.join(root, 'test-results', resultFile);
  fs.rmSync(file, { force: true });
  const ok = run(label, 'npx', [
    ...cmdArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (!fs.existsSync(file)) {
    failed += 1;
    failures.push(`${label} (no results: the suite did not run)`);
    return;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTests > 0) failures.push(`${label}: ${r.numFailedTests} failed`);
  // A suite that failed to load (syntax error, crashed hook) has no failed tests but fails.
  const brokenFiles = (r.testResults ?? []).filter(
    (t) => t.status === 'failed' && t.assertionResults.length === 0,
  );
  if (brokenFiles.length > 0 || (!ok && r.numFailedTests === 0)) {
    failed += Math.max(1, brokenFiles.length);
    failures.push(
      `${label}: ${brokenFiles.map((t) => path.relative(root, t.name)).join(', ') || 'the run failed'}`,
    );
  }
}

check('lint (biome)', 'npx', ['biome', 'check', '.']);
check('typecheck (tsc)', 'npx', ['tsc', '--noEmit']);
suite('unit and integration (vitest)', ['vitest', 'run'], 'unit.json');
if (!args.has('--no-e2e')) {
  if (run('build the sandbox extension', 'npx', ['wxt', 'build', '--mode', 'sandbox'])) {
    suite(
      'end-to-end in Chromium (vitest + playwright-core)',
      ['vitest', 'run', '-c', 'vitest.e2e.config.ts'],
      'e2e.json',
    );
  } else {
    failed += 1;
    failures.push('build of the sandbox extension');
  }
}

if (failures.length > 0) console.log(`\nFailed:\n- ${failures.join('\n- ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// The benchmark as a function: every size in turn, the report validated, files written to
// bench-results/ (gitignored). bench/run.ts is its command line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchArgs } from './args';
import { benchSize } from './harness';
import { type BenchReport, benchReportSchema } from './report';
import { reportMarkdown } from './summary';

const RESULTS = 'bench-results';

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export async function runBench(args: BenchArgs, log: (line: string) => void): Promise<BenchReport> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-'));
  const report: BenchReport = {
    version: 1,
    startedAt: new Date().toISOString(),
    commit: git(['rev-parse', 'HEAD']) || 'unknown',
    // Engine and client files only: what the numbers measure.
    dirty: git(['status', '--porcelain', '--', 'lib', 'cli']) !== '',
    node: process.version,
    cpus: cpus().length,
    timeScale: args.timeScale,
    editFraction: args.editFraction,
    sizes: [],
  };
  try {
    for (const n of args.sizes) {
      log(`n=${n}: generating the firm and starting the sandbox (time scale ${args.timeScale})`);
      report.sizes.push(
        await benchSize({ n, timeScale: args.timeScale, editFraction: args.editFraction, workDir, log }),
      );
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return benchReportSchema.parse(report);
}

/** Writes the JSON and its Markdown summary, and latest.{json,md} in the same folder. */
export function writeReport(report: BenchReport, out: string | null): string {
  const stamp = report.startedAt.replace(/[:.]/g, '-').slice(0, 19);
  const json = out ?? join(RESULTS, `bench-${stamp}.json`);
  const dir = dirname(json);
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const md = reportMarkdown(report);
  writeFileSync(json, text);
  writeFileSync(`${json.replace(/\.json$/u, '')}.md`, md);
  writeFileSync(join(dir, 'latest.json'), text);
  writeFileSync(join(dir, 'latest.md'), md);
  return json;
}

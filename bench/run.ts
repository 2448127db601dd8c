// `npm run bench`: request counts of the engine against the minimum the APIs permit, for
// generated firms of each size (docs/benchmarks.md). Results go to bench-results/ (gitignored).
import { BENCH_USAGE, type BenchArgs, BenchUsageError, parseBenchArgs } from './args';
import { runBench, writeReport } from './bench';
import { reportMarkdown } from './summary';

async function main(): Promise<number> {
  let args: BenchArgs | 'help';
  try {
    args = parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof BenchUsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report = await runBench(args, log);
  const file = writeReport(report, args.out);
  if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${reportMarkdown(report)}\nWritten to ${file}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);

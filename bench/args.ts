// `npm run bench -- [--sizes 1000,10000] [--time-scale 600] [--edits 0.01] [--json] [--out FILE]`
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `Usage: npm run bench -- [options]

  --sizes N,N,...     firm sizes (clients on each side), default 1000,10000
  --time-scale X      the sandbox's rate-limit minute lasts 60/X seconds (default 600); the
                      engine's limiters are set to the same scaled limits, as the CLI does
  --edits F           share of the linked clients edited on each side before the edits run (default 0.01)
  --json              print the JSON report on stdout (progress goes to stderr)
  --out FILE          where to write the JSON report (default bench-results/bench-<time>.json);
                      a Markdown summary is written beside it, and latest.{json,md} in that folder
`;

export interface BenchArgs {
  sizes: number[];
  timeScale: number;
  editFraction: number;
  json: boolean;
  out: string | null;
}

export class BenchUsageError extends Error {}

export function parseBenchArgs(argv: string[]): BenchArgs | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new BenchUsageError(err instanceof Error ? err.message : String(err));
  }
  if (values.help) return 'help';
  const sizes = (values.sizes ?? '1000,10000').split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1))
    throw new BenchUsageError('--sizes takes whole numbers ≥ 1, separated by commas');
  const timeScale = Number(values['time-scale'] ?? '600');
  if (!Number.isFinite(timeScale) || timeScale <= 0)
    throw new BenchUsageError('--time-scale takes a number > 0');
  const editFraction = Number(values.edits ?? '0.01');
  if (!Number.isFinite(editFraction) || editFraction <= 0 || editFraction > 0.5)
    throw new BenchUsageError('--edits takes a share between 0 and 0.5');
  return { sizes, timeScale, editFraction, json: values.json ?? false, out: values.out ?? null };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      sizes: { type: 'string' },
      'time-scale': { type: 'string' },
      edits: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

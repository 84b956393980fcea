/** Parses `npm run bench -- [NAME...] [--quick] [--json] [--out DIR] [--docs]`. */

export interface BenchArgs {
  names: string[];
  quick: boolean;
  json: boolean;
  /** Directory for this run's SVG charts (default bench/out, git-ignored). */
  outDir: string | undefined;
  /** Also write each chart to docs/benchmarks/<bench>.svg, the committed copy docs/benchmarks.md shows. */
  docs: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [NAME...] [--quick] [--json] [--out DIR] [--docs]
  NAME     run only these benchmarks (default: all registered in bench/benches/)
  --quick  small sizes, for a smoke check
  --json   print one JSON line per result on stdout (progress goes to stderr)
  --out    directory for the run's SVG charts (default bench/out/)
  --docs   also write the charts to docs/benchmarks/<bench>.svg`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = {
    names: [],
    quick: false,
    json: false,
    outDir: undefined,
    docs: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--docs') args.docs = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--out') {
      const dir = argv[i + 1];
      if (!dir) throw new Error('--out needs a directory');
      args.outDir = dir;
      i += 1;
    } else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}\n${USAGE}`);
    else args.names.push(arg);
  }
  return args;
}

/** The contract between the bench runner and each benchmark in bench/benches/. */

/** What a result must reach: `value >= 20000`, `ratio >= 0.8`, `ratio > 1`, `value <= 256`... */
export interface Goal {
  on: 'value' | 'ratio';
  op: '>=' | '<=' | '>' | '<';
  target: number;
}

/** One measured figure, compared with a baseline measured in the same run. */
export interface BenchResult {
  metric: string;
  value: number;
  unit: string;
  /** The same quantity for the reference (the physical limit or the competitor), measured in this run. */
  baseline: number | null;
  /** What the baseline is, for humans ("bare node:http static page"). */
  baselineLabel?: string;
  goal: Goal | null;
  /** Free-form facts worth printing next to the figure (sizes, counts). */
  note?: string;
}

export interface BenchContext {
  /** Small sizes for a smoke check: the same code paths, seconds instead of minutes. */
  quick: boolean;
  /** Progress lines for humans; they go to stderr so --json stdout stays machine-readable. */
  log(message: string): void;
}

export interface Benchmark {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/** The line printed per result with --json, stable across runs so they can be compared. */
export interface BenchJsonLine {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  goal: string | null;
  met: boolean | null;
}

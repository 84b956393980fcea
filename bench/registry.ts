import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Benchmark } from './types.js';

/**
 * The registry is the bench/benches/ directory: each file there exports a Benchmark (as `benchmark` or as the
 * default export), so adding one needs no edit to a shared list.
 */

const BENCHES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'benches');

function isBenchmark(value: unknown): value is Benchmark {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Benchmark>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.description === 'string' &&
    typeof candidate.run === 'function'
  );
}

export async function loadBenchmarks(dir = BENCHES_DIR): Promise<Benchmark[]> {
  const files = readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    const exported = module.benchmark ?? module.default;
    if (!isBenchmark(exported)) {
      throw new Error(
        `bench/benches/${file} must export a Benchmark {name, description, run} as benchmark or default`,
      );
    }
    benchmarks.push(exported);
  }
  const names = benchmarks.map((b) => b.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`Two benchmarks are named ${duplicate}`);
  return benchmarks;
}

export function selectBenchmarks(all: readonly Benchmark[], names: readonly string[]): Benchmark[] {
  if (names.length === 0) return [...all];
  const unknown = names.filter((name) => !all.some((b) => b.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown benchmark ${unknown.join(', ')}; registered: ${all.map((b) => b.name).join(', ')}`,
    );
  }
  return all.filter((b) => names.includes(b.name));
}

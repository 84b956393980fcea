import { availableParallelism } from 'node:os';
import type { BenchResult } from '../types.js';
import type { ServerCpu } from './server-cpu.js';
import type { BareEngine, WorkerResult } from './worker-job.js';

/**
 * Who spent the CPU of one measured phase of a load benchmark: the worker (measured in the child), the
 * simulator process and the database server (both sampled around the worker's run). On a small machine these
 * compete for the same cores, so (their sum) / cores is a floor under the phase's wall time that no change to
 * the sync's scheduling can beat, only spending less CPU somewhere.
 */

export interface PhaseCpu {
  worker: number;
  simulator: number;
  database: number;
}

export type MeasuredPhase = WorkerResult & { cpu: PhaseCpu };

export interface CpuProbes {
  simulator(): Promise<number>;
  database: ServerCpu;
}

export const CORES = availableParallelism();
const SESSIONS_END_MS = 300;

export const totalCpu = (cpu: PhaseCpu): number => cpu.worker + cpu.simulator + cpu.database;

/** Wall seconds the machine needs at least to spend this phase's CPU on all its cores. */
export const cpuFloor = (cpu: PhaseCpu): number => totalCpu(cpu) / CORES;

/**
 * Runs one worker job and charges the simulator and the server with what they spent meanwhile. The samples
 * also cover the worker's start-up (module loading, not in its own figures), when both are idle.
 */
export async function measuredPhase(
  probes: CpuProbes,
  run: () => Promise<WorkerResult>,
): Promise<MeasuredPhase> {
  const sim0 = await probes.simulator();
  const db0 = probes.database();
  const result = await run();
  // The worker has exited; its database sessions end a moment later, and a backend's CPU is only counted
  // whole once it is gone (server-cpu.ts).
  await new Promise((resolve) => setTimeout(resolve, SESSIONS_END_MS));
  const database = probes.database() - db0;
  const simulator = (await probes.simulator()) - sim0;
  return { ...result, cpu: { worker: result.cpuSeconds, simulator, database } };
}

/** The progress-line tail: "CPU worker 13.0 + simulator 3.1 + database 5.2 = 21.3 s, floor 10.6 s on 2 cores". */
export function cpuSplit(cpu: PhaseCpu): string {
  const s = (n: number) => n.toFixed(1);
  return (
    `CPU worker ${s(cpu.worker)} + simulator ${s(cpu.simulator)} + database ${s(cpu.database)} = ` +
    `${s(totalCpu(cpu))} s, floor ${s(cpuFloor(cpu))} s on ${CORES} cores`
  );
}

/** The two reported (no goal) lines that say how much of the sync's time the machine's cores alone explain. */
export function floorResults(read: MeasuredPhase, sync: MeasuredPhase): BenchResult[] {
  const floor = cpuFloor(sync.cpu);
  const split = `sync CPU: ${cpuSplit(sync.cpu)}; read-only pass: ${cpuSplit(read.cpu)}`;
  return [
    {
      metric: 'machine_cpu_floor_vs_read',
      value: floor,
      unit: 's',
      baseline: read.seconds,
      baselineLabel: 'read-only pass wall time',
      goal: null,
      note:
        `(worker + simulator + database CPU during the sync) / ${CORES} cores: no sync spending that CPU ` +
        `can finish sooner on this machine; above 1.3x, the load goal needs less CPU, not better overlap. ` +
        `Database CPU includes any other client of the shared server. ${split}`,
    },
    {
      metric: 'machine_cpu_sync_vs_read',
      value: totalCpu(sync.cpu),
      unit: 'cpu-s',
      baseline: totalCpu(read.cpu),
      baselineLabel: 'worker + simulator + database CPU of the read-only pass',
      goal: null,
      note:
        `the work the sync gives the machine against the read-only pass's: the ${CORES} cores run all three ` +
        `processes, so a sync that keeps them as busy as the read-only pass does takes this ratio of its time`,
    },
    {
      metric: 'sync_vs_machine_cpu_floor',
      value: sync.seconds,
      unit: 's',
      baseline: floor,
      baselineLabel: `sync's own CPU floor on ${CORES} cores`,
      goal: null,
      note: 'sync wall time / its machine CPU floor: 1.0 means every core was busy for the whole sync',
    },
  ];
}

/** CPU the bare load spent storing the rows: the server's, or for SQLite (in-process) the timed inserts. */
const storingSeconds = (engine: BareEngine, bare: MeasuredPhase): number =>
  engine === 'sqlite' ? bare.seconds : bare.cpu.database;

/** The CPU every sync spends (reading, as the read-only pass did; storing, as the bare load did), and its note text. */
function readAndStore(engine: BareEngine, read: MeasuredPhase, bare: MeasuredPhase) {
  const store = storingSeconds(engine, bare);
  const s = (n: number) => n.toFixed(1);
  return {
    seconds: read.cpu.worker + read.cpu.simulator + store,
    terms: `read-only pass CPU ${s(read.cpu.worker)} + ${s(read.cpu.simulator)} simulator + storing the rows ${s(store)}`,
  };
}

/**
 * What any sync must spend here, whoever writes it: the read-only pass's CPU (worker and simulator: the pages
 * must be fetched, parsed and mapped) plus the database's CPU in the bare load (the rows must be stored; for
 * SQLite, in-process, the bare insert's timed seconds, which are single-threaded CPU). Client-side write work
 * (encoding, sending) counts as zero, so this is a floor under every implementation on these cores: above
 * 1.3x the slower limit the load goal is impossible on this machine; below it, the gap is the sync's own CPU.
 */
export function workFloorResult(
  engine: BareEngine,
  read: MeasuredPhase,
  bare: MeasuredPhase,
  slower: number,
): BenchResult {
  const spent = readAndStore(engine, read, bare);
  return {
    metric: 'any_sync_cpu_floor_vs_slower_limit',
    value: spent.seconds / CORES,
    unit: 's',
    baseline: slower,
    baselineLabel: 'slower limit',
    goal: null,
    note: `(${spent.terms}) / ${CORES} cores, with client-side write work free: no sync can finish sooner on this machine`,
  };
}

/**
 * workFloorResult's floor with the rows' encoding counted: the CPU the bare load spent turning the dumped rows
 * into what the engine loads (the sync's own encoder for PostgreSQL and SQLite, INSERT text for MariaDB).
 * That is the least a sync that must encode rows as these do can spend. For SQLite, whose inserts run on the
 * thread that reads, also that thread's bound: its share of the read-only pass, the inserts and the encoding
 * run one after the other (the worker's CPU includes the garbage collector's helper threads, so this
 * slightly overstates it).
 */
export function encodingFloorResults(
  engine: BareEngine,
  read: MeasuredPhase,
  bare: MeasuredPhase,
  slower: number,
): BenchResult[] {
  const encode = bare.encodeCpuSeconds ?? 0;
  const spent = readAndStore(engine, read, bare);
  const s = (n: number) => n.toFixed(1);
  const results: BenchResult[] = [
    {
      metric: 'encoding_sync_cpu_floor_vs_slower_limit',
      value: (spent.seconds + encode) / CORES,
      unit: 's',
      baseline: slower,
      baselineLabel: 'slower limit',
      goal: null,
      note:
        `(${spent.terms} + encoding them ${s(encode)}) / ${CORES} cores: no sync that encodes rows as the bare ` +
        `load did can finish sooner on this machine`,
    },
  ];
  if (engine === 'sqlite') {
    results.push({
      metric: 'one_thread_floor_vs_slower_limit',
      value: read.cpu.worker + bare.seconds + encode,
      unit: 's',
      baseline: slower,
      baselineLabel: 'slower limit',
      goal: null,
      note:
        `read-only pass worker CPU ${s(read.cpu.worker)} + bare inserts ${s(bare.seconds)} + encoding ` +
        `${s(encode)}, one after the other: no sync that inserts on the thread that reads can finish sooner`,
    });
  }
  return results;
}

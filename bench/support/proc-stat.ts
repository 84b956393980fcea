import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of other processes from Linux's /proc/<pid>/stat, for the load benchmarks' machine CPU floor: the
 * database server is not ours to ask, so its CPU is read the way `ps` and `top` read it.
 */

export interface ProcStat {
  ppid: number;
  /** utime + stime of the process itself, in clock ticks. */
  ownTicks: number;
  /** cutime + cstime: children it has waited for (a PostgreSQL postmaster reaps its backends), in ticks. */
  reapedChildTicks: number;
}

/** Parses one /proc/<pid>/stat line; the command name may hold spaces and parentheses, so fields start after the last ')'. */
export function parseProcStat(line: string): ProcStat {
  // After ')' come field 3 (state) onwards: ppid is field 4, utime..cstime are fields 14-17.
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const field = (n: number): number => Number(fields[n - 3]);
  return { ppid: field(4), ownTicks: field(14) + field(15), reapedChildTicks: field(16) + field(17) };
}

export function readProcStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

export function livePids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Pids whose command name (/proc/<pid>/comm) is one of `names`. */
export function pidsNamed(names: readonly string[]): number[] {
  return livePids().filter((pid) => {
    try {
      return names.includes(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
    } catch {
      return false;
    }
  });
}

let ticksPerSecond: number | undefined;

/** USER_HZ (`getconf CLK_TCK`), 100 on every common Linux build. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

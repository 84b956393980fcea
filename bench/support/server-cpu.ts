import mysql from 'mysql2/promise';
import pg from 'pg';
import { clockTicksPerSecond, livePids, pidsNamed, readProcStat } from './proc-stat.js';
import type { BareEngine } from './worker-job.js';

/**
 * The database server's cumulative CPU seconds, read from /proc, so a load benchmark can charge each measured
 * phase with what the server spent on it. PostgreSQL forks a backend per connection: its CPU is the
 * postmaster's own, plus its reaped children's (cutime/cstime), plus the live children's (backends still
 * connected, checkpointer, WAL writer), so a backend counts whether it ends inside the interval or not.
 * MariaDB is one process (threads included in its stat line). SQLite runs inside the worker: 0.
 */

export type ServerCpu = () => number;

const PG = 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

/** The postmaster is the parent of the backend serving our connection: exact even with several clusters. */
async function postmasterPid(): Promise<number> {
  const client = new pg.Client({ connectionString: PG });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = readProcStat(rows[0]!.pid);
    if (!backend) throw new Error('cannot read /proc/<backend pid>/stat (is PostgreSQL on this machine?)');
    return backend.ppid;
  } finally {
    await client.end();
  }
}

/**
 * Children first, the postmaster last: a backend reaped between the two reads then counts twice (once live,
 * once reaped) instead of not at all, and measuredPhase waits for the worker's backends to go first anyway.
 */
function postgresTicks(postmaster: number): number {
  let ticks = 0;
  for (const pid of livePids()) {
    const stat = pid === postmaster ? undefined : readProcStat(pid);
    if (stat?.ppid === postmaster) ticks += stat.ownTicks + stat.reapedChildTicks;
  }
  const own = readProcStat(postmaster);
  if (!own) throw new Error(`the postmaster (pid ${postmaster}) is gone`);
  return ticks + own.ownTicks + own.reapedChildTicks;
}

/** The one mariadbd (or mysqld) on the machine; checked to answer on 3306 first. */
async function mariadbPid(): Promise<number> {
  const connection = await mysql.createConnection(MYSQL);
  await connection.end();
  const pids = pidsNamed(['mariadbd', 'mysqld']);
  if (pids.length !== 1) throw new Error(`expected one mariadbd/mysqld process, found ${pids.length}`);
  return pids[0]!;
}

export async function serverCpuProbe(engine: BareEngine): Promise<ServerCpu> {
  const hz = clockTicksPerSecond();
  if (engine === 'postgres') {
    const postmaster = await postmasterPid();
    return () => postgresTicks(postmaster) / hz;
  }
  if (engine === 'mysql') {
    const pid = await mariadbPid();
    return () => {
      const stat = readProcStat(pid);
      if (!stat) throw new Error(`mariadbd (pid ${pid}) is gone`);
      return stat.ownTicks / hz;
    };
  }
  return () => 0;
}

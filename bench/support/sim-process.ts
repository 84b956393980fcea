import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorStats } from '../../src/simulator/index.js';
import type { SimHostReply, SimHostRequest } from './sim-host.js';

/** A simulator in its own process (see sim-host.ts): its URL, its stats, its CPU, 1 % changes, close. */

export interface SimProcess {
  url: string;
  token: string;
  companyDomain: string;
  stats(): Promise<SimulatorStats>;
  /** CPU seconds the simulator process has used since it started (user + system). */
  cpuSeconds(): Promise<number>;
  /** Updates `fraction` of each entity's records a minute on; resolves to their count and a time just before. */
  change(entities: string[], fraction: number): Promise<{ changed: number; changedAfter: string }>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./sim-host.ts', import.meta.url));

function ask(child: ChildProcess, request: SimHostRequest): Promise<SimHostReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the simulator process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: SimHostReply) => {
      child.off('exit', onExit);
      if ('failed' in message) reject(new Error(`the simulator process failed: ${message.failed}`));
      else resolve(message);
    });
    child.send(request);
  });
}

export async function startSimProcess(
  options: Extract<SimHostRequest, { start: unknown }>['start'],
): Promise<SimProcess> {
  // BENCH_SIM_CPU_PROF=DIR profiles the simulator (it shares the two cores with what is measured).
  const profile = process.env.BENCH_SIM_CPU_PROF;
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx', ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await ask(child, { start: options });
  if (!('ready' in ready)) throw new Error('the simulator process did not report ready');
  return {
    ...ready.ready,
    stats: async () => {
      const answer = await ask(child, { stats: true });
      if (!('stats' in answer)) throw new Error('the simulator process did not report stats');
      return answer.stats;
    },
    cpuSeconds: async () => {
      const answer = await ask(child, { cpu: true });
      if (!('cpuSeconds' in answer)) throw new Error('the simulator process did not report its CPU');
      return answer.cpuSeconds;
    },
    change: async (entities, fraction) => {
      const answer = await ask(child, { change: { entities, fraction } });
      if (!('changed' in answer)) throw new Error('the simulator process did not report the change');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ stop: true });
      }),
  };
}

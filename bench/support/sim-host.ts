import { createSimulatorClock } from '../../src/simulator/clock.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions, SimulatorStats } from '../../src/simulator/index.js';

/**
 * Child-process entry that runs the simulator for a benchmark, so the process being measured (a sync, a
 * bare load) has its own core and its memory is its own. Driven over IPC by sim-process.ts:
 *   parent -> {start: options} | {stats: true} | {cpu: true} | {change: {entities, fraction}} | {stop: true}
 *   child  -> {ready: {url, token, companyDomain}} | {stats} | {cpuSeconds} | {changed: count} | {failed}
 */

export type SimHostRequest =
  | { start: Pick<SimulatorOptions, 'seed' | 'scale' | 'latencyMs' | 'rateLimit'> }
  | { stats: true }
  /** This process's CPU so far (user + system, every thread), so a load bench can charge the simulator. */
  | { cpu: true }
  | { change: { entities: string[]; fraction: number } }
  | { stop: true };

export type SimHostReply =
  | { ready: { url: string; token: string; companyDomain: string } }
  | { stats: SimulatorStats }
  | { cpuSeconds: number }
  | { changed: number; changedAfter: string }
  | { failed: string };

const reply = (message: SimHostReply): void => void process.send?.(message);

let sim: RunningSimulator | undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Updates `fraction` of each entity's records, spread evenly over ids. The clock follows real time, so the
 * changes land a little after the last sync's signpost and a little before the next run starts (update times
 * have one-second resolution).
 */
async function change(
  entities: string[],
  fraction: number,
): Promise<{ changed: number; changedAfter: string }> {
  if (!sim) throw new Error('the simulator is not started');
  await sleep(1_100);
  const changedAfter = sim.clock.now().toISOString();
  await sleep(1_100);
  let changed = 0;
  for (const entity of entities) {
    const ids = [...sim.world.records(entity)].map((record) => record.id);
    const every = Math.max(1, Math.round(1 / fraction));
    for (let i = 0; i < ids.length; i += every) {
      const id = ids[i]!;
      const patch =
        entity === 'deals'
          ? { title: `changed ${id}` }
          : entity === 'activities'
            ? { subject: `changed ${id}` }
            : entity === 'notes'
              ? { content: `changed ${id}` }
              : { name: `changed ${id}` };
      sim.world.update(entity, id, patch);
      changed += 1;
    }
  }
  await sleep(1_100);
  return { changed, changedAfter };
}

process.on('message', (message: SimHostRequest) => {
  if ('start' in message) {
    // The simulated clock follows the real one from now, so a sync's signpost (the worker's real time) and the
    // simulator's update times agree, as they would against Pipedrive.
    startSimulator({ ...message.start, clock: createSimulatorClock(new Date()) }).then(
      (started) => {
        sim = started;
        reply({ ready: { url: started.url, token: started.token, companyDomain: started.companyDomain } });
      },
      (error: Error) => reply({ failed: error.stack ?? error.message }),
    );
  } else if ('stats' in message) {
    if (sim) reply({ stats: sim.stats() });
    else reply({ failed: 'not started' });
  } else if ('cpu' in message) {
    const used = process.cpuUsage();
    reply({ cpuSeconds: (used.user + used.system) / 1e6 });
  } else if ('change' in message) {
    change(message.change.entities, message.change.fraction).then(reply, (error: Error) =>
      reply({ failed: error.stack ?? error.message }),
    );
  } else if ('stop' in message) {
    void (sim?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});

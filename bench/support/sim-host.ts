import { startSimulator } from '../../src/simulator/index.js';
import type { RunningSimulator, SimulatorOptions, SimulatorStats } from '../../src/simulator/index.js';

/**
 * Child-process entry that runs the simulator for a benchmark, so the process being measured (a sync, a
 * bare load) has its own core and its memory is its own. Driven over IPC by sim-process.ts:
 *   parent -> {start: options} | {stats: true} | {change: {entities, fraction}} | {stop: true}
 *   child  -> {ready: {url, token, companyDomain}} | {stats} | {changed: count} | {failed}
 */

export type SimHostRequest =
  | { start: Pick<SimulatorOptions, 'seed' | 'scale' | 'latencyMs' | 'rateLimit'> }
  | { stats: true }
  | { change: { entities: string[]; fraction: number } }
  | { stop: true };

export type SimHostReply =
  | { ready: { url: string; token: string; companyDomain: string } }
  | { stats: SimulatorStats }
  | { changed: number; changedAfter: string }
  | { failed: string };

const reply = (message: SimHostReply): void => void process.send?.(message);

let sim: RunningSimulator | undefined;

/** Updates `fraction` of each entity's records, spread evenly over ids, a minute after the last read. */
function change(entities: string[], fraction: number): { changed: number; changedAfter: string } {
  if (!sim) throw new Error('the simulator is not started');
  sim.clock.advance(60_000);
  const changedAfter = sim.clock.now().toISOString();
  sim.clock.advance(1_000);
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
            : { name: `changed ${id}` };
      sim.world.update(entity, id, patch);
      changed += 1;
    }
  }
  sim.clock.advance(60_000);
  return { changed, changedAfter };
}

process.on('message', (message: SimHostRequest) => {
  if ('start' in message) {
    startSimulator(message.start).then(
      (started) => {
        sim = started;
        reply({ ready: { url: started.url, token: started.token, companyDomain: started.companyDomain } });
      },
      (error: Error) => reply({ failed: error.stack ?? error.message }),
    );
  } else if ('stats' in message) {
    if (sim) reply({ stats: sim.stats() });
    else reply({ failed: 'not started' });
  } else if ('change' in message) {
    try {
      reply(change(message.change.entities, message.change.fraction));
    } catch (error) {
      reply({ failed: (error as Error).stack ?? String(error) });
    }
  } else if ('stop' in message) {
    void (sim?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});

import { startSimulator } from '../../src/simulator/index.js';
import { sampleMemory } from './memory.js';
import { startStaticPageServer } from './static-page-server.js';

/**
 * Child-process entry that runs one server for a benchmark, so the server has its own event loop (and core)
 * and its memory is its own. Driven over IPC by server-child.ts:
 *   parent -> {start: {kind: 'simulator', deals} | {kind: 'static', body}}, {memory: true}, {stop: true}
 *   child  -> {ready: {url, token, before}}, {memory: sample, cpuSeconds}
 */

export type ServerSpec = { kind: 'simulator'; deals: number } | { kind: 'static'; body: string };

export type ParentMessage = { start: ServerSpec } | { memory: true } | { stop: true };
export type ChildMessage =
  | {
      ready: {
        url: string;
        token: string;
        companyDomain: string;
        /** The simulator clock at start (ISO), for a connector's signpost. */
        now: string;
        before: ReturnType<typeof sampleMemory>;
      };
    }
  | { memory: ReturnType<typeof sampleMemory>; cpuSeconds: number }
  | { failed: string };

const reply = (message: ChildMessage): void => void process.send?.(message);

let close: (() => Promise<void>) | undefined;
// Keeps the company reachable until stop, so the memory sample is of the loaded world, not of what is left.
let keep: unknown;

async function start(spec: ServerSpec): Promise<void> {
  const before = sampleMemory();
  if (spec.kind === 'simulator') {
    const sim = await startSimulator({ seed: 1, scale: spec.deals });
    keep = sim;
    close = () => sim.close();
    const now = sim.clock.now().toISOString();
    reply({ ready: { url: sim.url, token: sim.token, companyDomain: sim.companyDomain, now, before } });
  } else {
    const server = await startStaticPageServer(spec.body);
    close = () => server.close();
    reply({
      ready: { url: server.url, token: '', companyDomain: '', now: new Date().toISOString(), before },
    });
  }
}

process.on('message', (message: ParentMessage) => {
  if ('start' in message)
    start(message.start).catch((error: Error) => reply({ failed: error.stack ?? error.message }));
  else if ('memory' in message) {
    const cpu = process.cpuUsage();
    reply({ memory: sampleMemory(), cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  } else if ('stop' in message) {
    void keep;
    void (close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});

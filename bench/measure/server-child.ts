import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemorySample } from './memory.js';
import type { ChildMessage, ParentMessage, ServerSpec } from './server-process.js';

/** Starts a benchmark server (the simulator or the static baseline) in its own process. */

export interface ServerChild {
  url: string;
  token: string;
  companyDomain: string;
  /** The simulator clock when it started (ISO). */
  now: string;
  /** The child's memory before the server started (the runtime and modules alone). */
  before: MemorySample;
  /** Memory now, and the CPU seconds the process has used since it started. */
  usage(): Promise<{ memory: MemorySample; cpuSeconds: number }>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./server-process.ts', import.meta.url));

function next(child: ChildProcess): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the server process exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      if ('failed' in message) reject(new Error(`the server process failed: ${message.failed}`));
      else resolve(message);
    });
  });
}

export async function startServerChild(spec: ServerSpec): Promise<ServerChild> {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: ParentMessage) => child.send(message);
  const ready = next(child);
  send({ start: spec });
  const message = await ready;
  if (!('ready' in message)) throw new Error('the server process did not report ready');
  return {
    ...message.ready,
    usage: async () => {
      const answer = next(child);
      send({ memory: true });
      const reply = await answer;
      if (!('memory' in reply)) throw new Error('the server process did not report its memory');
      return { memory: reply.memory, cpuSeconds: reply.cpuSeconds };
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        send({ stop: true });
      }),
  };
}

import { readFileSync } from 'node:fs';
import { PatchStrategy, setHeaderOptions, type CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { startContainerProcess, type ContainerProcess } from './container-process.js';
import { ContainerConfigError } from './pod-sources.js';
import { preparePod, type PreparationContext, type PreparedContainer } from './pod-preparation.js';
import {
  podStatus,
  rfc3339,
  terminationReason,
  type ContainerStatusJson,
  type PodPhase,
} from './pod-status.js';

const MESSAGE_LIMIT = 4096;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Why the runner is ending a pod before its containers finish on their own. */
interface StopRequest {
  reason: 'DeadlineExceeded' | 'Deleted';
  message: string;
  graceMs: number;
}

function readMessage(prepared: PreparedContainer, exitCode: number): string {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const message = read(prepared.terminationMessageFile);
  if (message || exitCode === 0 || prepared.container.terminationMessagePolicy !== 'FallbackToLogsOnError') {
    return message.slice(0, MESSAGE_LIMIT);
  }
  return read(prepared.logFile).split('\n').slice(-80).join('\n').slice(-2048);
}

/**
 * Runs one pod bound to the runner's node: prepares it (waiting while Secrets or
 * ConfigMaps are missing), runs its containers as processes, restarts them per
 * restartPolicy, enforces activeDeadlineSeconds and writes the pod status the
 * kubelet would (phase, container states, exit codes, termination messages).
 */
export class PodExecution {
  private readonly statuses = new Map<string, ContainerStatusJson>();
  private readonly processes = new Map<string, ContainerProcess>();
  private stopRequest: StopRequest | undefined;
  private statusWrites: Promise<unknown> = Promise.resolve();
  private startTime = new Date();
  private initialized = false;
  private readonly initNames: Set<string>;
  readonly finished: Promise<PodPhase>;

  constructor(
    private readonly pod: V1Pod,
    private readonly context: PreparationContext & { core: CoreV1Api },
  ) {
    this.initNames = new Set((pod.spec?.initContainers ?? []).map((c) => c.name));
    const previous = pod.status?.startTime;
    if (previous) this.startTime = new Date(previous);
    // An unexpected error (e.g. the pod directory cannot be written) fails the pod, never the runner.
    this.finished = this.run().catch(async (error: unknown) => {
      await this.writeStatus('Failed', 'RunnerError', error instanceof Error ? error.message : String(error));
      return 'Failed' as const;
    });
  }

  /** Ends the pod early (deadline or deletion): SIGTERM, then SIGKILL after the grace period. */
  stop(request: StopRequest): void {
    if (this.stopRequest) return;
    this.stopRequest = request;
    for (const proc of this.processes.values()) void proc.terminate(request.graceMs);
  }

  private get name() {
    return { name: this.pod.metadata!.name!, namespace: this.pod.metadata!.namespace! };
  }

  private writeStatus(phase: PodPhase, reason?: string, message?: string): Promise<unknown> {
    const status = podStatus({
      phase,
      containers: [...this.statuses.values()].filter((c) => !this.initNames.has(c.name)),
      initContainers: [...this.statuses.values()].filter((c) => this.initNames.has(c.name)),
      initialized: this.initialized || this.initNames.size === 0,
      startTime: this.startTime,
      now: new Date(),
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    });
    this.statusWrites = this.statusWrites.then(() =>
      this.context.core
        .patchNamespacedPodStatus(
          { ...this.name, body: { status } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        )
        .catch(() => undefined),
    );
    return this.statusWrites;
  }

  private setState(
    container: PreparedContainer['container'],
    state: ContainerStatusJson['state'],
    restartCount = 0,
  ) {
    const previous = this.statuses.get(container.name);
    this.statuses.set(container.name, {
      name: container.name,
      image: container.image ?? '',
      imageID: '',
      ready: Boolean(state.running),
      started: Boolean(state.running),
      restartCount,
      state,
      lastState:
        previous && previous.restartCount < restartCount ? previous.state : (previous?.lastState ?? {}),
    });
  }

  private async prepare(): Promise<PreparedContainer[] | undefined> {
    for (;;) {
      if (this.stopRequest) return undefined;
      try {
        return await preparePod(this.pod, this.context);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const reason =
          error instanceof ContainerConfigError ? 'CreateContainerConfigError' : 'RunContainerError';
        for (const c of this.pod.spec?.containers ?? []) this.setState(c, { waiting: { reason, message } });
        await this.writeStatus('Pending');
        await sleep(1000);
      }
    }
  }

  private async runContainer(prepared: PreparedContainer): Promise<number> {
    const podPolicy = this.pod.spec?.restartPolicy ?? 'Always';
    // Init containers are retried on failure unless the pod never restarts anything.
    const policy = prepared.init ? (podPolicy === 'Never' ? 'Never' : 'OnFailure') : podPolicy;
    for (let restarts = 0; ; restarts++) {
      // Deleted or past its deadline before this container started: never start it.
      if (this.stopRequest) return 137;
      const startedAt = rfc3339(new Date());
      if (prepared.error) {
        const message = prepared.error;
        this.setState(
          prepared.container,
          { terminated: { exitCode: 128, reason: 'StartError', message, startedAt, finishedAt: startedAt } },
          restarts,
        );
        return 128;
      }
      const proc = startContainerProcess(prepared);
      this.processes.set(prepared.container.name, proc);
      this.setState(prepared.container, { running: { startedAt } }, restarts);
      void this.writeStatus('Running');
      const { exitCode } = await proc.exited;
      this.processes.delete(prepared.container.name);
      const message = readMessage(prepared, exitCode);
      const terminated = {
        exitCode,
        reason: terminationReason(exitCode),
        startedAt,
        finishedAt: rfc3339(new Date()),
      };
      this.setState(
        prepared.container,
        { terminated: message ? { ...terminated, message } : terminated },
        restarts,
      );
      const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
      if (!restart || this.stopRequest) return exitCode;
      const backoffMs = Math.min(1000 * 2 ** restarts, 30_000);
      this.setState(
        prepared.container,
        {
          waiting: {
            reason: 'CrashLoopBackOff',
            message: `back-off ${backoffMs / 1000}s restarting failed container`,
          },
        },
        restarts + 1,
      );
      await this.writeStatus('Running');
      const until = Date.now() + backoffMs;
      while (Date.now() < until && !this.stopRequest) await sleep(100);
      if (this.stopRequest) return exitCode;
    }
  }

  private armDeadline(): NodeJS.Timeout | undefined {
    const seconds = this.pod.spec?.activeDeadlineSeconds;
    if (seconds === undefined) return undefined;
    const remaining = this.startTime.getTime() + seconds * 1000 - Date.now();
    return setTimeout(
      () =>
        this.stop({
          reason: 'DeadlineExceeded',
          message: 'Pod was active on the node longer than the specified deadline',
          graceMs: (this.pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000,
        }),
      Math.max(remaining, 0),
    );
  }

  /** Init containers one by one (stopping at the first failure), then the others together. */
  private async runAll(prepared: PreparedContainer[]): Promise<number[]> {
    const main = prepared.filter((p) => !p.init);
    for (const p of main) this.setState(p.container, { waiting: { reason: 'PodInitializing' } });
    for (const p of prepared.filter((p) => p.init)) {
      const exitCode = await this.runContainer(p);
      if (exitCode !== 0 || this.stopRequest) return [exitCode];
    }
    this.initialized = true;
    return Promise.all(main.map((p) => this.runContainer(p)));
  }

  private async run(): Promise<PodPhase> {
    const deadline = this.armDeadline();
    try {
      const prepared = await this.prepare();
      const exitCodes = prepared ? await this.runAll(prepared) : [];
      const stop = this.stopRequest;
      const phase: PodPhase =
        !stop && prepared && exitCodes.every((code) => code === 0) ? 'Succeeded' : 'Failed';
      await this.writeStatus(
        phase,
        stop?.reason === 'DeadlineExceeded' ? stop.reason : undefined,
        stop?.reason === 'DeadlineExceeded' ? stop.message : undefined,
      );
      return phase;
    } finally {
      if (deadline) clearTimeout(deadline);
    }
  }
}

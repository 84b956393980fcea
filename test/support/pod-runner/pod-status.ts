/**
 * Pod status documents the runner writes back, as plain JSON (pure). Times are
 * RFC 3339 strings at second precision, like the kubelet's.
 */

export interface ContainerStateJson {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: {
    exitCode: number;
    reason: string;
    message?: string;
    startedAt: string;
    finishedAt: string;
    signal?: number;
  };
}

export interface ContainerStatusJson {
  name: string;
  image: string;
  imageID: string;
  ready: boolean;
  started: boolean;
  restartCount: number;
  state: ContainerStateJson;
  lastState: ContainerStateJson;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

export const rfc3339 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `Completed` for exit 0, `Error` otherwise, as the kubelet reports them. */
export function terminationReason(exitCode: number): string {
  return exitCode === 0 ? 'Completed' : 'Error';
}

export function podStatus(input: {
  phase: PodPhase;
  containers: ContainerStatusJson[];
  initContainers?: ContainerStatusJson[];
  /** False while init containers still run (or failed). */
  initialized?: boolean;
  startTime: Date;
  now: Date;
  reason?: string;
  message?: string;
}) {
  const at = rfc3339(input.now);
  const running = input.phase === 'Running' && input.containers.every((c) => c.state.running);
  const finished = input.phase === 'Succeeded' || input.phase === 'Failed';
  const ready = running ? 'True' : 'False';
  const notReadyReason = finished ? 'PodCompleted' : 'ContainersNotReady';
  const condition = (type: string, status: string, reason?: string) => ({
    type,
    status,
    lastTransitionTime: at,
    ...(reason && status === 'False' ? { reason } : {}),
  });
  return {
    phase: input.phase,
    hostIP: '127.0.0.1',
    hostIPs: [{ ip: '127.0.0.1' }],
    podIP: '127.0.0.1',
    podIPs: [{ ip: '127.0.0.1' }],
    startTime: rfc3339(input.startTime),
    conditions: [
      condition('PodScheduled', 'True'),
      condition('Initialized', input.initialized === false ? 'False' : 'True', 'ContainersNotInitialized'),
      condition('ContainersReady', ready, notReadyReason),
      condition('Ready', ready, notReadyReason),
    ],
    containerStatuses: input.containers,
    ...(input.initContainers?.length ? { initContainerStatuses: input.initContainers } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.message ? { message: input.message } : {}),
  };
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoreV1Api, V1Container, V1Pod } from '@kubernetes/client-node';
import { containerCommand } from './container-command.js';
import { resolveEnv } from './env-resolution.js';
import { expandVariables, mapPaths, type PathMapping } from './path-mapping.js';
import { PodSources } from './pod-sources.js';
import { writeServiceAccountKubeconfig } from './service-account-kubeconfig.js';
import { materialiseVolumes } from './volumes.js';

/** Everything needed to start one container process. */
export interface PreparedContainer {
  container: V1Container;
  /** An init container: runs to completion, in order, before the others start. */
  init: boolean;
  /** Set when the container cannot run here; it is reported as a failed start. */
  error?: string;
  executable: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
  terminationMessageFile: string;
}

export interface PreparationContext {
  core: CoreV1Api;
  repoRoot: string;
  podRoot: string;
  claimsRoot: string;
  nodeExecutable: string;
  /** The apiserver URL for pods' service-account kubeconfigs. */
  apiServer?: string;
}

/** Host env a Node.js process needs; nothing else of the runner's env leaks into pods. */
function baseEnv(pod: V1Pod, podRoot: string): Record<string, string> {
  const keep = ['PATH', 'LANG', 'TZ', 'NODE_EXTRA_CA_CERTS'];
  const env: Record<string, string> = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key]!;
  return {
    ...env,
    HOME: podRoot,
    TMPDIR: join(podRoot, 'tmp'),
    HOSTNAME: pod.metadata?.name ?? '',
    POD_RUNNER_ROOT: podRoot,
  };
}

/**
 * Materialises the pod's volumes and resolves each container's command, env and
 * path mappings. Throws ContainerConfigError while a referenced Secret or
 * ConfigMap is missing (the pod then waits, as on a kubelet).
 */
export async function preparePod(pod: V1Pod, context: PreparationContext): Promise<PreparedContainer[]> {
  const { podRoot } = context;
  mkdirSync(join(podRoot, 'tmp'), { recursive: true });
  const sources = new PodSources(context.core, pod.metadata!.namespace!);
  const volumes = await materialiseVolumes(
    pod,
    { podRoot, claimsRoot: context.claimsRoot },
    sources,
    context.core,
  );
  const kubeconfig = writeServiceAccountKubeconfig(pod, volumes, podRoot, context.apiServer);
  const prepared: PreparedContainer[] = [];
  const all = [
    ...(pod.spec?.initContainers ?? []).map((container) => ({ container, init: true })),
    ...(pod.spec?.containers ?? []).map((container) => ({ container, init: false })),
  ];
  for (const { container, init } of all) {
    const terminationMessageFile = join(podRoot, 'termination', container.name, 'termination-log');
    mkdirSync(dirname(terminationMessageFile), { recursive: true });
    writeFileSync(terminationMessageFile, '');
    const mappings: PathMapping[] = [
      {
        containerPath: container.terminationMessagePath ?? '/dev/termination-log',
        hostPath: terminationMessageFile,
      },
    ];
    for (const mount of container.volumeMounts ?? []) {
      const dir = volumes.get(mount.name);
      if (dir === undefined)
        throw new Error(`container ${container.name} mounts unknown volume ${mount.name}`);
      const hostPath = mount.subPath ? join(dir, mount.subPath) : dir;
      mappings.push({ containerPath: mount.mountPath, hostPath });
    }
    const resolved = await resolveEnv(pod, container, sources);
    const env: Record<string, string> = {
      ...baseEnv(pod, podRoot),
      ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
    };
    for (const [key, value] of Object.entries(resolved)) env[key] = mapPaths(value, mappings);
    env.POD_RUNNER_TERMINATION_MESSAGE_PATH = terminationMessageFile;
    const command = containerCommand(container, context.repoRoot, context.nodeExecutable);
    const expand = (arg: string) => mapPaths(expandVariables(arg, env), mappings);
    const workingDir = container.workingDir ? mapPaths(container.workingDir, mappings) : podRoot;
    if (container.workingDir) mkdirSync(workingDir, { recursive: true });
    prepared.push({
      container,
      init,
      ...('error' in command
        ? { error: command.error, executable: '', args: [] }
        : { executable: command.executable, args: [...command.entry, ...command.args.map(expand)] }),
      env,
      cwd: workingDir,
      logFile: join(podRoot, `${container.name}.log`),
      terminationMessageFile,
    });
  }
  return prepared;
}

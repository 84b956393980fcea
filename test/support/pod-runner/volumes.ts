import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CoreV1Api, V1KeyToPath, V1Pod, V1Volume } from '@kubernetes/client-node';
import { fieldValue } from './env-resolution.js';
import { ContainerConfigError, type DataMap, type PodSources } from './pod-sources.js';

/** Where volumes live on this machine. */
export interface VolumeRoots {
  /** Per-pod directory (secrets, config maps, emptyDir, projected); removed with the pod. */
  podRoot: string;
  /** Parent of the per-claim directories `<namespace>/<claimName>`, kept across pods. */
  claimsRoot: string;
}

function writeEntries(
  dir: string,
  data: DataMap,
  items: V1KeyToPath[] | undefined,
  mode: number,
  what: string,
): void {
  mkdirSync(dir, { recursive: true });
  const entries: V1KeyToPath[] = items ?? Object.keys(data).map((key) => ({ key, path: key }));
  for (const item of entries) {
    const value = data[item.key];
    if (value === undefined) throw new ContainerConfigError(`couldn't find key ${item.key} in ${what}`);
    const file = join(dir, item.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, value);
    chmodSync(file, item.mode ?? mode);
  }
}

async function projectedSources(
  pod: V1Pod,
  volume: V1Volume,
  dir: string,
  sources: PodSources,
  core: CoreV1Api,
) {
  mkdirSync(dir, { recursive: true });
  const namespace = pod.metadata!.namespace!;
  for (const source of volume.projected?.sources ?? []) {
    const mode = volume.projected?.defaultMode ?? 0o644;
    if (source.secret || source.configMap) {
      const ref = (source.secret ?? source.configMap)!;
      const data = source.secret ? await sources.secret(ref.name!) : await sources.configMap(ref.name!);
      if (!data && !ref.optional)
        throw new ContainerConfigError(`${source.secret ? 'secret' : 'configmap'} "${ref.name}" not found`);
      if (data) writeEntries(dir, data, ref.items, mode, `${ref.name}`);
    } else if (source.downwardAPI) {
      for (const item of source.downwardAPI.items ?? []) {
        if (item.fieldRef) writeFileSync(join(dir, item.path), fieldValue(pod, item.fieldRef));
      }
    } else if (source.serviceAccountToken) {
      const request = await core.createNamespacedServiceAccountToken({
        name: pod.spec?.serviceAccountName ?? 'default',
        namespace,
        body: {
          spec: {
            audiences: source.serviceAccountToken.audience ? [source.serviceAccountToken.audience] : [],
            expirationSeconds: source.serviceAccountToken.expirationSeconds ?? 3600,
            boundObjectRef: {
              apiVersion: 'v1',
              kind: 'Pod',
              name: pod.metadata!.name!,
              uid: pod.metadata!.uid!,
            },
          },
        },
      });
      writeFileSync(join(dir, source.serviceAccountToken.path), request.status?.token ?? '', { mode: 0o600 });
    }
  }
}

/**
 * Materialises every volume of a pod and returns volume name -> directory.
 * persistentVolumeClaim volumes map to `<claimsRoot>/<namespace>/<claimName>`,
 * which survives the pod (so an SQLite file persists between Job runs).
 */
export async function materialiseVolumes(
  pod: V1Pod,
  roots: VolumeRoots,
  sources: PodSources,
  core: CoreV1Api,
): Promise<Map<string, string>> {
  const dirs = new Map<string, string>();
  const namespace = pod.metadata!.namespace!;
  for (const volume of pod.spec?.volumes ?? []) {
    const dir = join(roots.podRoot, 'volumes', volume.name);
    if (volume.persistentVolumeClaim) {
      const claimDir = join(roots.claimsRoot, namespace, volume.persistentVolumeClaim.claimName);
      mkdirSync(claimDir, { recursive: true });
      dirs.set(volume.name, claimDir);
      continue;
    }
    if (volume.secret) {
      const data = await sources.secret(volume.secret.secretName!);
      if (!data && !volume.secret.optional)
        throw new ContainerConfigError(`secret "${volume.secret.secretName}" not found`);
      writeEntries(
        dir,
        data ?? {},
        volume.secret.items,
        volume.secret.defaultMode ?? 0o644,
        `secret ${volume.secret.secretName}`,
      );
    } else if (volume.configMap) {
      const data = await sources.configMap(volume.configMap.name!);
      if (!data && !volume.configMap.optional)
        throw new ContainerConfigError(`configmap "${volume.configMap.name}" not found`);
      writeEntries(
        dir,
        data ?? {},
        volume.configMap.items,
        volume.configMap.defaultMode ?? 0o644,
        `configmap ${volume.configMap.name}`,
      );
    } else if (volume.emptyDir) {
      mkdirSync(dir, { recursive: true });
    } else if (volume.projected) {
      await projectedSources(pod, volume, dir, sources, core);
    } else if (volume.downwardAPI) {
      mkdirSync(dir, { recursive: true });
      for (const item of volume.downwardAPI.items ?? []) {
        if (item.fieldRef) writeFileSync(join(dir, item.path), fieldValue(pod, item.fieldRef));
      }
    } else {
      throw new ContainerConfigError(
        `volume ${volume.name}: this kind of volume is not supported by the pod runner`,
      );
    }
    dirs.set(volume.name, dir);
  }
  return dirs;
}

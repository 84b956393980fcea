import type { V1Container, V1ObjectFieldSelector, V1Pod } from '@kubernetes/client-node';
import { expandVariables } from './path-mapping.js';
import { ContainerConfigError, type PodSources } from './pod-sources.js';

/** The downward-API fields the runner can answer (others are a configuration error). */
export function fieldValue(pod: V1Pod, selector: V1ObjectFieldSelector): string {
  const path = selector.fieldPath;
  const labelOrAnnotation = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (labelOrAnnotation) {
    const source = labelOrAnnotation[1] === 'labels' ? pod.metadata?.labels : pod.metadata?.annotations;
    return source?.[labelOrAnnotation[2]!] ?? '';
  }
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata?.name,
    'metadata.namespace': pod.metadata?.namespace,
    'metadata.uid': pod.metadata?.uid,
    'spec.nodeName': pod.spec?.nodeName,
    'spec.serviceAccountName': pod.spec?.serviceAccountName,
    'status.podIP': '127.0.0.1',
    'status.hostIP': '127.0.0.1',
  };
  if (!(path in fields))
    throw new ContainerConfigError(`fieldRef ${path} is not supported by the pod runner`);
  return fields[path] ?? '';
}

/**
 * Resolves a container's env in Kubernetes order: `envFrom` first, then `env`
 * (value with `$(VAR)` expansion, secretKeyRef, configMapKeyRef, fieldRef).
 * A missing non-optional Secret, ConfigMap or key throws ContainerConfigError.
 */
export async function resolveEnv(
  pod: V1Pod,
  container: V1Container,
  sources: PodSources,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const ref = from.secretRef ?? from.configMapRef;
    if (!ref?.name) continue;
    const data = from.secretRef ? await sources.secret(ref.name) : await sources.configMap(ref.name);
    if (!data) {
      if (ref.optional) continue;
      throw new ContainerConfigError(`${from.secretRef ? 'secret' : 'configmap'} "${ref.name}" not found`);
    }
    for (const [key, value] of Object.entries(data))
      env[`${from.prefix ?? ''}${key}`] = value.toString('utf8');
  }
  for (const variable of container.env ?? []) {
    const source = variable.valueFrom;
    if (!source) {
      env[variable.name] = expandVariables(variable.value ?? '', env);
    } else if (source.fieldRef) {
      env[variable.name] = fieldValue(pod, source.fieldRef);
    } else if (source.secretKeyRef || source.configMapKeyRef) {
      const ref = (source.secretKeyRef ?? source.configMapKeyRef)!;
      const kind = source.secretKeyRef ? 'secret' : 'configmap';
      const data = source.secretKeyRef ? await sources.secret(ref.name!) : await sources.configMap(ref.name!);
      const value = data?.[ref.key];
      if (value !== undefined) env[variable.name] = value.toString('utf8');
      else if (!ref.optional) {
        throw new ContainerConfigError(
          data ? `couldn't find key ${ref.key} in ${kind} ${ref.name}` : `${kind} "${ref.name}" not found`,
        );
      }
    } else {
      throw new ContainerConfigError(
        `env ${variable.name}: only value, fieldRef, secretKeyRef and configMapKeyRef are supported`,
      );
    }
  }
  return env;
}

import type { CoreV1Api } from '@kubernetes/client-node';

/** Decoded data of a Secret or ConfigMap; undefined when the object does not exist. */
export type DataMap = Record<string, Buffer>;

/** Reads the Secrets and ConfigMaps a pod refers to, once per pod start. */
export class PodSources {
  private readonly secrets = new Map<string, Promise<DataMap | undefined>>();
  private readonly configMaps = new Map<string, Promise<DataMap | undefined>>();

  constructor(
    private readonly core: CoreV1Api,
    private readonly namespace: string,
  ) {}

  secret(name: string): Promise<DataMap | undefined> {
    let found = this.secrets.get(name);
    if (!found) {
      found = this.core.readNamespacedSecret({ name, namespace: this.namespace }).then(
        (secret) => {
          const data: DataMap = {};
          for (const [key, value] of Object.entries(secret.data ?? {}))
            data[key] = Buffer.from(value, 'base64');
          for (const [key, value] of Object.entries(secret.stringData ?? {})) data[key] = Buffer.from(value);
          return data;
        },
        (error: unknown) => notFound(error),
      );
      this.secrets.set(name, found);
    }
    return found;
  }

  configMap(name: string): Promise<DataMap | undefined> {
    let found = this.configMaps.get(name);
    if (!found) {
      found = this.core.readNamespacedConfigMap({ name, namespace: this.namespace }).then(
        (configMap) => {
          const data: DataMap = {};
          for (const [key, value] of Object.entries(configMap.data ?? {})) data[key] = Buffer.from(value);
          for (const [key, value] of Object.entries(configMap.binaryData ?? {})) {
            data[key] = Buffer.from(value, 'base64');
          }
          return data;
        },
        (error: unknown) => notFound(error),
      );
      this.configMaps.set(name, found);
    }
    return found;
  }
}

function notFound(error: unknown): undefined {
  if ((error as { code?: number }).code === 404) return undefined;
  throw error;
}

/** A missing referenced object or key: the pod waits (CreateContainerConfigError) like on a kubelet. */
export class ContainerConfigError extends Error {}

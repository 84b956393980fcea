/**
 * API clients whose requests share keep-alive connections.
 *
 * client-node 1.4 builds a new `https.Agent` for every request
 * (`KubeConfig.applySecurityAuthentication` -> `createAgent`), and a new agent
 * has no pooled socket: each call opens a TCP connection and does a full TLS
 * handshake, on both the operator's and the API server's CPU. A reconcile
 * makes several calls, so at scale the handshakes cost more than the requests.
 * Here the kubeconfig still does the authentication (headers, exec plugins,
 * token files), and the agent it built is swapped for one long-lived
 * keep-alive agent with the same TLS settings; when those settings change
 * (rotated client certificates) a new shared agent replaces the old one.
 *
 * An idle pooled connection is closed after `idleSocketMs` (15 s): a load
 * balancer or NAT in front of the API server may drop an idle connection
 * without telling either side (cloud defaults: 60 s and more), and a request
 * written into such a socket would hang instead of failing.
 *
 * Watches are left alone: the Watch class destroys its agent's sockets when a
 * watch ends, which must never touch the sockets other requests share.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as k8s from '@kubernetes/client-node';

/** The TLS settings that make two agents interchangeable. */
const TLS_KEYS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const satisfies readonly (keyof https.AgentOptions)[];

function tlsIdentity(options: https.AgentOptions): string {
  const text = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    if (Buffer.isBuffer(value)) return value.toString('base64');
    if (Array.isArray(value)) return value.map(text).join(',');
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  return TLS_KEYS.map((k) => text(options[k])).join('|');
}

export interface KeepAliveOptions {
  /** An unused pooled connection is closed after this long (default 15 s). */
  idleSocketMs?: number;
}

/** Wraps the kubeconfig's authentication so every request of a client uses one pooled agent. */
export function keepAliveAuthentication(
  config: k8s.KubeConfig,
  options: KeepAliveOptions = {},
): k8s.SecurityAuthentication {
  let shared: { identity: string; agent: http.Agent } | undefined;
  return {
    getName: () => 'kubeconfig-keep-alive',
    async applySecurityAuthentication(context: k8s.RequestContext): Promise<void> {
      await config.applySecurityAuthentication(context);
      const fresh = context.getAgent();
      // Proxy agents (hpagent, socks) are subclasses with their own connection logic: keep them.
      if (!fresh || (fresh.constructor !== https.Agent && fresh.constructor !== http.Agent)) return;
      const isHttps = fresh instanceof https.Agent;
      const tls = (fresh as https.Agent).options ?? {};
      const identity = `${isHttps ? 'https' : 'http'}|${tlsIdentity(tls)}`;
      if (shared?.identity !== identity) {
        // An agent's `timeout` destroys a socket idle in the pool; a request in flight only gets a
        // 'timeout' event, which node-fetch does not act on, so a slow answer is not cut off.
        const pooled = {
          ...tls,
          keepAlive: true,
          keepAliveMsecs: 30_000,
          timeout: options.idleSocketMs ?? 15_000,
        };
        shared = { identity, agent: isHttps ? new https.Agent(pooled) : new http.Agent(pooled) };
      }
      context.setAgent(shared.agent);
    },
  };
}

type ApiConstructor<T> = new (configuration: k8s.Configuration) => T;

/** `config.makeApiClient(Api)`, but with pooled keep-alive connections. */
export function makeKeepAliveClient<T>(
  config: k8s.KubeConfig,
  api: ApiConstructor<T>,
  authentication: k8s.SecurityAuthentication = keepAliveAuthentication(config),
): T {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new Error('The kubeconfig has no current cluster.');
  return new api(
    k8s.createConfiguration({
      baseServer: new k8s.ServerConfiguration(cluster.server, {}),
      authMethods: { default: authentication },
    }),
  );
}

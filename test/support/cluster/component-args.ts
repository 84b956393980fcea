import { join } from 'node:path';
import type { ClusterCredentials } from './credentials.js';

/** Loopback ports chosen at start for each component. */
export interface ClusterPorts {
  etcd: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager: number;
}

/** Controllers the tests and the operator rely on; the rest of kube-controller-manager stays off. */
export const CONTROLLERS = [
  'job-controller',
  'cronjob-controller',
  'ttl-after-finished-controller',
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'root-ca-certificate-publisher-controller',
  'deployment-controller',
  'replicaset-controller',
  'pod-garbage-collector-controller',
];

export function etcdArgs(runDir: string, ports: ClusterPorts): string[] {
  const client = `http://127.0.0.1:${ports.etcd}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    `--data-dir=${join(runDir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=default=${peer}`,
    // Test data is disposable: skipping fsync makes etcd (and so the apiserver) much faster.
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

export function apiserverArgs(
  runDir: string,
  ports: ClusterPorts,
  credentials: ClusterCredentials,
): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcd}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${ports.apiserver}`,
    // The apiserver writes a self-signed serving certificate here on first start.
    `--cert-dir=${join(runDir, 'pki')}`,
    `--token-auth-file=${credentials.tokenFile}`,
    '--authorization-mode=RBAC',
    `--service-account-issuer=https://127.0.0.1:${ports.apiserver}`,
    `--service-account-key-file=${credentials.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${credentials.serviceAccountKey}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--allow-privileged=true',
    // The endpoints reconciler rejects a loopback address; nothing here routes to the Service anyway.
    '--endpoint-reconciler-type=none',
    // Default admission plugins stay on, PodSecurity included.
    '--profiling=false',
  ];
}

export function controllerManagerArgs(
  runDir: string,
  ports: ClusterPorts,
  credentials: ClusterCredentials,
  kubeconfig: string,
): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    `--authentication-kubeconfig=${kubeconfig}`,
    `--authorization-kubeconfig=${kubeconfig}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${ports.controllerManager}`,
    `--controllers=${CONTROLLERS.join(',')}`,
    `--service-account-private-key-file=${credentials.serviceAccountKey}`,
    `--root-ca-file=${join(runDir, 'pki', 'apiserver.crt')}`,
    '--leader-elect=false',
    '--profiling=false',
  ];
}

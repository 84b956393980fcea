/**
 * `pipedrive-sync operator`: runs the Kubernetes operator until SIGTERM/SIGINT.
 * Exit codes: 0 after a graceful stop, 1 when leadership was lost (the pod
 * restarts and campaigns again, like controller-runtime), 2 for bad flags.
 */
import type { Command } from '../cli/command.js';
import { integerOption, stringOption, UsageError } from '../cli/command.js';
import { createLogger } from '../observability/logger.js';
import { loadKubeConfig } from '../kube/client.js';
import { startOperator } from './manager.js';
import { readFileSync } from 'node:fs';

const SERVICE_ACCOUNT_NAMESPACE = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

function defaultLeaseNamespace(): string {
  if (process.env.POD_NAMESPACE) return process.env.POD_NAMESPACE;
  try {
    return readFileSync(SERVICE_ACCOUNT_NAMESPACE, 'utf8').trim();
  } catch {
    return 'default';
  }
}

export const operatorCommand: Command = {
  name: 'operator',
  summary: 'Run the Kubernetes operator (PipedriveConnection and SyncJob controllers).',
  usage:
    'pipedrive-sync operator [--kubeconfig FILE] [--namespace NS] [--metrics-port N] [--leader-elect=false]',
  options: {
    kubeconfig: {
      type: 'string',
      value: 'FILE',
      description:
        'Kubeconfig file (default: in-cluster service account, else KUBECONFIG or ~/.kube/config).',
    },
    context: { type: 'string', value: 'NAME', description: 'Kubeconfig context (default: the current one).' },
    namespace: {
      type: 'string',
      value: 'NS',
      description: 'Watch only this namespace (default: all namespaces).',
    },
    'metrics-port': {
      type: 'string',
      value: 'N',
      default: '8080',
      description: 'Port of /metrics, /healthz and /readyz.',
    },
    'leader-elect': {
      type: 'string',
      value: 'BOOL',
      default: 'true',
      description: 'Elect one active replica through a Lease.',
    },
    'leader-election-namespace': {
      type: 'string',
      value: 'NS',
      description: 'Namespace of the Lease (default: POD_NAMESPACE, the pod namespace, or default).',
    },
    'lease-name': {
      type: 'string',
      value: 'NAME',
      default: 'pipedrive-sync-operator',
      description: 'Name of the Lease.',
    },
    'job-image': {
      type: 'string',
      value: 'IMAGE',
      description: 'Image of sync Jobs unless a SyncJob overrides it (default: env OPERATOR_IMAGE).',
    },
  },
  details: [
    'Environment: OPERATOR_IMAGE (default --job-image), POD_NAMESPACE, POD_NAME (identity in the Lease and',
    'in Events), LOG_LEVEL, LOG_FORMAT (json|text).',
    '',
    'Example: pipedrive-sync operator --kubeconfig ~/.kube/config --namespace sales --leader-elect=false',
  ].join('\n'),
  async run(options) {
    const leaderElect = String(options['leader-elect'] ?? 'true');
    if (leaderElect !== 'true' && leaderElect !== 'false') {
      throw new UsageError(`--leader-elect must be true or false, got '${leaderElect}'.`);
    }
    const jobImage = stringOption(options, 'job-image') ?? process.env.OPERATOR_IMAGE;
    if (!jobImage)
      throw new UsageError('Missing --job-image (or env OPERATOR_IMAGE): the image sync Jobs run.');
    const logFormat =
      process.env.LOG_FORMAT === 'text' ? 'text' : process.env.LOG_FORMAT === 'json' ? 'json' : undefined;
    const logger = createLogger({ format: logFormat, level: options.verbose ? 'debug' : undefined });
    const kubeConfig = loadKubeConfig({
      kubeconfigPath: stringOption(options, 'kubeconfig'),
      context: stringOption(options, 'context'),
    });
    const operator = await startOperator({
      kubeConfig,
      logger,
      namespace: stringOption(options, 'namespace'),
      metricsPort: integerOption(options, 'metrics-port', 8080, 0, 65535),
      leaderElect: leaderElect === 'true',
      leaderElectionNamespace: stringOption(options, 'leader-election-namespace') ?? defaultLeaseNamespace(),
      leaseName: stringOption(options, 'lease-name'),
      identity: process.env.POD_NAME ? `${process.env.POD_NAME}_${process.pid}` : undefined,
      jobImage,
    });
    logger.info('Started the operator', {
      identity: operator.identity,
      metricsPort: operator.port,
      namespace: stringOption(options, 'namespace') ?? '(all)',
    });
    const onSignal = (signal: string) => {
      logger.info('Stopping the operator', { signal });
      void operator.stop();
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
    const why = await operator.done;
    return why === 'lost-leadership' ? 1 : 0;
  },
};

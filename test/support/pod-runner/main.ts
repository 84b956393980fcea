import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { startPodRunner } from './index.js';

/*
 * Runs the pod runner as its own process (what `npm run cluster:up -- --with-pod-runner`
 * starts in the background): tsx test/support/pod-runner/main.ts --kubeconfig <path>.
 */
const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    namespace: { type: 'string' },
    'node-name': { type: 'string' },
    'work-dir': { type: 'string' },
  },
});
const kubeConfig = new KubeConfig();
if (values.kubeconfig) kubeConfig.loadFromFile(values.kubeconfig);
else kubeConfig.loadFromDefault();
const runner = await startPodRunner({
  kubeConfig,
  ...(values.namespace ? { namespace: values.namespace } : {}),
  ...(values['node-name'] ? { nodeName: values['node-name'] } : {}),
  ...(values['work-dir'] ? { workDir: values['work-dir'] } : {}),
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});
console.log(`${new Date().toISOString()} Pod runner started as node ${runner.nodeName}`);
const shutdown = () => {
  void runner.stop().then(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

/**
 * Act for the connection controller: writes the planned status (a merge patch
 * of what changed, guarded by the uid), records the planned events, and keeps
 * the connection-ready and token-budget metrics in step with the status.
 */
import {
  API_VERSION,
  CONNECTION_KIND,
  CONNECTION_PLURAL,
  GROUP,
  READY,
  VERSION,
  type PipedriveConnection,
} from '../api/index.js';
import type { EventRecorder } from '../kube/event-recorder.js';
import { isEmptyPatch, mergePatchFor } from '../kube/merge-patch.js';
import type { StatusWriter } from '../kube/status-writer.js';
import type { SyncMetrics } from '../observability/metrics-sync.js';
import type { ConnectionPlan } from './connection-plan.js';

export interface ConnectionActDeps {
  statusWriter: StatusWriter;
  recorder: EventRecorder;
  metrics: SyncMetrics;
}

export async function actOnConnection(
  deps: ConnectionActDeps,
  connection: PipedriveConnection,
  plan: ConnectionPlan,
  apiRequests: number,
): Promise<'written' | 'gone'> {
  const namespace = connection.metadata.namespace ?? '';
  const name = connection.metadata.name;
  const patch = mergePatchFor(connection.status ?? {}, plan.status);
  if (!isEmptyPatch(patch)) {
    const result = await deps.statusWriter.patch(
      {
        group: GROUP,
        version: VERSION,
        plural: CONNECTION_PLURAL,
        namespace,
        name,
        uid: connection.metadata.uid ?? '',
      },
      patch,
    );
    if (result === 'gone') return 'gone';
  }
  const ready = plan.status.conditions?.find((c) => c.type === READY)?.status === 'True';
  const budget = plan.status.rateLimit;
  deps.metrics.observeCheck(
    namespace,
    name,
    ready,
    apiRequests,
    budget?.dailyTokensRemaining,
    budget?.dailyTokenLimit,
  );
  for (const event of plan.events) {
    deps.recorder.record(
      { apiVersion: API_VERSION, kind: CONNECTION_KIND, metadata: connection.metadata },
      event.type,
      event.reason,
      'Validate',
      event.message,
    );
  }
  return 'written';
}

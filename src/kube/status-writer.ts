/**
 * Writes the status subresource of custom resources as a JSON merge patch.
 *
 * client-node 1.4 sends generated patch calls as `application/json-patch+json`
 * unless told otherwise, which the API server rejects for a merge-shaped body;
 * the content type is set explicitly on every call. The patch carries the
 * object's uid: the API server refuses it (409) when the object was deleted and
 * re-created under the same name meanwhile, and a 404 means the object is gone;
 * both leave nothing to write, so the writer reports `gone` instead of throwing.
 */
import * as k8s from '@kubernetes/client-node';
import { isConflict, isNotFound } from './client.js';

export interface StatusTarget {
  group: string;
  version: string;
  plural: string;
  namespace: string;
  name: string;
  uid: string;
}

export type StatusWriteResult = 'written' | 'gone';

export const mergePatchOptions = (): ReturnType<typeof k8s.setHeaderOptions> =>
  k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

export class StatusWriter {
  constructor(private readonly custom: k8s.CustomObjectsApi) {}

  /**
   * Merge-patches `status` (send whole lists such as `conditions`: merge patch
   * replaces lists). Fields set to null are removed.
   */
  async patch(target: StatusTarget, status: Record<string, unknown>): Promise<StatusWriteResult> {
    const { group, version, plural, namespace, name, uid } = target;
    try {
      await this.custom.patchNamespacedCustomObjectStatus(
        { group, version, plural, namespace, name, body: { metadata: { uid }, status } },
        mergePatchOptions(),
      );
      return 'written';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      if (isConflict(error) && (await this.uidChanged(target))) return 'gone';
      throw error;
    }
  }

  private async uidChanged(target: StatusTarget): Promise<boolean> {
    try {
      const current = (await this.custom.getNamespacedCustomObject({
        group: target.group,
        version: target.version,
        plural: target.plural,
        namespace: target.namespace,
        name: target.name,
      })) as { metadata?: { uid?: string } };
      return current.metadata?.uid !== target.uid;
    } catch (error) {
      if (isNotFound(error)) return true;
      throw error;
    }
  }
}

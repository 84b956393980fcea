import { z } from 'zod';
import { objectMetaSchema } from './object-meta.js';
import { syncJobSpecSchema } from './sync-job-spec.js';
import { syncJobStatusSchema } from './sync-job-status.js';

export const syncJobSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMetaSchema,
  spec: syncJobSpecSchema,
  status: syncJobStatusSchema.optional(),
});
export type SyncJob = z.infer<typeof syncJobSchema>;
